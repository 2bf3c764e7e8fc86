package org.fundchain.consensus;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicInteger;

import org.fundchain.codec.Json;
import org.fundchain.crypto.HashAlgorithm;
import org.fundchain.crypto.SignatureAlgorithm;
import org.fundchain.ledger.Block;
import org.fundchain.ledger.BlockHeader;
import org.fundchain.ledger.CertifiedBlock;
import org.fundchain.ledger.CommitCertificate;
import org.fundchain.ledger.Merkle;
import org.fundchain.ledger.Transaction;
import org.junit.jupiter.api.Test;

/**
 * Catch-up does not re-verify client signatures: a block that arrives with a commit certificate of a quorum
 * ⌈(N + f + 1) / 2⌉ holds at least f + 1 honest members' votes, and an honest member votes only for a block whose
 * every signature it verified. That is sound only because the certificate, and the body against the header's
 * transaction root, are checked first — these tests keep it so: a block whose transaction's client signature is
 * bad is committed (and so executed) only with a valid certificate for exactly that header and body.
 */
class CatchUpTrustTest {
    private static final HashAlgorithm H = HashAlgorithm.SHA256;
    private static final int N = 4;
    private static final byte[] GENESIS = new byte[32];
    private static final long NOW = 3_600_000;

    private final TestSigning keys = new TestSigning(N);
    /** Counts the per-transaction checks (signature and admission) the core asks the node for. */
    private final AtomicInteger checks = new AtomicInteger();

    private Replica wiped() {
        ConsensusConfig cfg = ConsensusConfig.builder("c", H, keys, 3, keys.signer(3), GENESIS)
                .primaryPolicy(PrimaryPolicy.ROTATION).build();
        Replica r = new Replica(cfg, new PrimaryElectionPropertyTest.MemoryLedger(), tx -> {
            checks.incrementAndGet();
            return false; // no transaction would pass: whatever commits below was not checked one by one
        }, null);
        r.step(NOW, new Event.Executed(0, new byte[32], List.of()));
        return r;
    }

    /** A transaction whose client signature is 64 zero bytes: it verifies under no key. */
    private static Transaction badlySigned(String nonce) {
        Map<String, Object> p = new TreeMap<>();
        p.put("chain", "c");
        p.put("contract", "k");
        p.put("method", "m");
        p.put("args", Map.of());
        p.put("nonce", nonce);
        p.put("timestamp", BigDecimal.valueOf(NOW - 1000));
        byte[] signer = new byte[32];
        signer[0] = 7;
        return Transaction.of(H, Json.writeBytes(p), SignatureAlgorithm.ED25519, signer, new byte[64]);
    }

    private static Block block(List<Transaction> txs) {
        return new Block(new BlockHeader("c", 1, GENESIS, Merkle.rootOf(H, txs), new byte[32], NOW - 500, 1, 0, List.of(),
                txs.size()), txs);
    }

    private CommitCertificate votes(byte[] blockHash, int... members) {
        List<CommitCertificate.Vote> v = new ArrayList<>();
        for (int m : members) {
            v.add(new CommitCertificate.Vote(m, keys.signer(m).sign(CommitCertificate.signingBytes("c", m, 0, 1, blockHash))));
        }
        return new CommitCertificate(0, 1, blockHash, v);
    }

    private Ready deliver(Replica r, CertifiedBlock cb) {
        return r.step(NOW, new Event.Receive(Wire.sign("c", 0, new Message.Blocks(List.of(cb)), keys.signer(0)).encode()));
    }

    @Test
    void aBadlySignedTransactionIsNotExecutedWhenTheCertificateDoesNotVerify() {
        Block b = block(List.of(badlySigned("1")));
        byte[] hash = b.hash(H);
        byte[] other = hash.clone();
        other[0] ^= 1;
        CommitCertificate forged = votes(hash, 0, 1, 2);
        forged = new CommitCertificate(0, 1, hash, List.of(forged.votes().get(0), forged.votes().get(1),
                new CommitCertificate.Vote(2, new byte[32])));
        List<CommitCertificate> bad = List.of(
                votes(hash, 0, 1),            // below the quorum (3 of 4)
                forged,                       // a vote that does not verify
                votes(other, 0, 1, 2));       // a quorum, but for another block
        for (CommitCertificate c : bad) {
            Replica r = wiped();
            Ready rd = deliver(r, new CertifiedBlock(b, c));
            assertTrue(rd.committed().isEmpty(), "nothing commits without a valid certificate");
            assertEquals(0, r.height());
        }
    }

    @Test
    void aCertifiedHeaderDoesNotVouchForAnotherBody() {
        Block honest = block(List.of(badlySigned("1")));
        // the honest header and its valid certificate, with a different transaction list under it
        Block swapped = new Block(honest.header(), List.of(badlySigned("2")));
        Replica r = wiped();
        Ready rd = deliver(r, new CertifiedBlock(swapped, votes(honest.hash(H), 0, 1, 2)));
        assertTrue(rd.committed().isEmpty(), "the body must hash to the certified header's transaction root");
        assertEquals(0, r.height());
    }

    @Test
    void aValidCertificateIsTrustedWithoutCheckingEachClientSignatureAgain() {
        Block b = block(List.of(badlySigned("1"), badlySigned("2")));
        Replica r = wiped();
        Ready rd = deliver(r, new CertifiedBlock(b, votes(b.hash(H), 0, 1, 2)));
        assertEquals(1, rd.committed().size());
        assertEquals(1, r.height());
        assertEquals(0, checks.get(), "catch-up trusts the quorum's verification and costs no signature check");
        assertFalse(b.transactions().get(0).verifySignature());
    }
}
