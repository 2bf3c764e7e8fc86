package org.fundchain.ledger;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;

import org.fundchain.crypto.HashAlgorithm;
import org.junit.jupiter.api.Test;

class ChainVerifierTest {
    private final LedgerTestSupport s = new LedgerTestSupport(4);

    private ChainVerifier verifier() {
        return new ChainVerifier(LedgerTestSupport.CHAIN, s.hash, s.keys(), s.genesis);
    }

    @Test
    void aCertifiedChainVerifiesAndSurvivesEncoding() {
        List<CertifiedBlock> chain = s.chain(5, 3);
        List<CertifiedBlock> decoded = new ArrayList<>();
        for (CertifiedBlock cb : chain) {
            decoded.add(CertifiedBlock.decode(cb.encode(), s.hash));
        }
        ChainVerifier.Result r = verifier().verify(decoded);
        assertTrue(r.ok(), r.error());
        assertEquals(5, r.verifiedHeight());
    }

    @Test
    void tooFewVotesAForgedVoteOrABrokenLinkStopVerification() {
        List<CertifiedBlock> chain = s.chain(4, 2);
        Block b3 = chain.get(2).block();
        chain.set(2, new CertifiedBlock(b3, s.certify(b3, 3, 2)));
        ChainVerifier.Result r = verifier().verify(chain);
        assertFalse(r.ok());
        assertEquals(2, r.verifiedHeight());

        chain = s.chain(4, 2);
        CommitCertificate c = chain.get(1).certificate();
        List<CommitCertificate.Vote> votes = new ArrayList<>(c.votes());
        votes.set(0, new CommitCertificate.Vote(0, s.members.get(3).sign(
                CommitCertificate.signingBytes(LedgerTestSupport.CHAIN, 0, c.view(), c.height(), c.blockHash()))));
        chain.set(1, new CertifiedBlock(chain.get(1).block(), new CommitCertificate(c.view(), c.height(), c.blockHash(), votes)));
        assertEquals(1, verifier().verify(chain).verifiedHeight());

        chain = s.chain(4, 2);
        chain.remove(1);
        assertEquals(1, verifier().verify(chain).verifiedHeight());
    }

    @Test
    void aBlockWithSwappedTransactionsFailsItsRoot() {
        List<CertifiedBlock> chain = s.chain(2, 3);
        Block b = chain.get(1).block();
        List<Transaction> txs = new ArrayList<>(b.transactions());
        txs.set(0, s.tx(999));
        Block forged = new Block(b.header(), txs);
        assertNotNull(new CertifiedBlock(forged, chain.get(1).certificate()).check(LedgerTestSupport.CHAIN, s.hash, s.keys(), 3));
        assertNull(chain.get(1).check(LedgerTestSupport.CHAIN, s.hash, s.keys(), 3));
    }

    @Test
    void merkleRootsAreDomainSeparatedAndOrderSensitive() {
        HashAlgorithm h = HashAlgorithm.SHA256;
        byte[] a = h.digest(new byte[] {1});
        byte[] b = h.digest(new byte[] {2});
        byte[] c = h.digest(new byte[] {3});
        assertArrayEquals(new byte[32], Merkle.root(h, List.of()));
        assertFalse(java.util.Arrays.equals(Merkle.root(h, List.of(a, b)), Merkle.root(h, List.of(b, a))));
        assertFalse(java.util.Arrays.equals(Merkle.root(h, List.of(a, b, c)), Merkle.root(h, List.of(a, b, c, c))));
        assertFalse(java.util.Arrays.equals(Merkle.root(h, List.of(a)), a));
        assertArrayEquals(Merkle.root(h, List.of(a, b, c)), Merkle.root(h, List.of(a, b, c)));
    }

    @Test
    void repliesVerifyOnlyForTheirSigner() {
        byte[] txHash = new byte[32];
        byte[] sb = Reply.signingBytes(LedgerTestSupport.CHAIN, 2, 5, txHash, 77, 1, new byte[] {9});
        Reply r = new Reply(LedgerTestSupport.CHAIN, 2, 5, txHash, 77, 1, new byte[] {9}, s.members.get(1).sign(sb));
        assertTrue(r.verify(s.keys()));
        Reply back = Reply.decode(r.encode());
        assertTrue(back.verify(s.keys()));
        Reply wrong = new Reply(LedgerTestSupport.CHAIN, 2, 5, txHash, 77, 2, new byte[] {9}, r.signature());
        assertFalse(wrong.verify(s.keys()));
    }
}
