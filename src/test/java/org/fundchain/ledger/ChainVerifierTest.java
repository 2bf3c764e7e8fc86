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
import org.fundchain.crypto.SignatureAlgorithm;
import org.fundchain.crypto.SigningKey;
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

    /** A certified chain whose block {@code at} (1-based) carries {@code bad} in place of its first transaction. */
    private List<CertifiedBlock> chainWith(int length, int at, Transaction bad) {
        List<CertifiedBlock> chain = s.chain(length, 2);
        List<CertifiedBlock> out = new ArrayList<>();
        byte[] prev = s.genesis;
        for (CertifiedBlock cb : chain) {
            BlockHeader h = cb.block().header();
            List<Transaction> txs = new ArrayList<>(cb.block().transactions());
            if (h.height() == at) {
                txs.set(0, bad);
            }
            BlockHeader header = new BlockHeader(LedgerTestSupport.CHAIN, h.height(), prev, Merkle.rootOf(s.hash, txs), h.stateRoot(),
                    h.timestamp(), h.proposer(), h.view(), h.failedPrimaries(), txs.size());
            Block b = new Block(header, txs);
            out.add(new CertifiedBlock(b, s.certify(b, h.view(), 3)));
            prev = b.hash(s.hash);
        }
        return out;
    }

    @Test
    void aCertifiedBlockWithATransactionWhoseSignatureDoesNotVerifyIsFlagged() {
        // 2f+1 members certified it, links and roots are right: only the client signature is wrong.
        Transaction good = s.tx(500);
        Transaction zeroSig = Transaction.of(s.hash, good.payload(), good.algorithm(), good.signer(), new byte[64]);
        ChainVerifier.Result r = verifier().verify(chainWith(4, 3, zeroSig));
        assertFalse(r.ok(), "a transaction with a 64-zero-byte signature must be flagged");
        assertEquals(2, r.verifiedHeight());
        assertTrue(r.error().contains("signature"), r.error());

        // a valid signature by someone else over the same payload, claimed for the client, is no better
        SigningKey other = SigningKey.generate(SignatureAlgorithm.ED25519, LedgerTestSupport.RND);
        Transaction wrongKey = Transaction.of(s.hash, good.payload(), good.algorithm(), good.signer(), other.sign(good.payload()));
        assertEquals(0, verifier().verify(chainWith(2, 1, wrongKey)).verifiedHeight());
    }

    @Test
    void theSamePayloadUnderAnotherSignerIsADuplicateInTheChain() {
        // block 3 repeats block 1's payload, validly signed by another key: same transaction id, new replay key
        List<CertifiedBlock> base = s.chain(1, 2);
        Transaction first = base.get(0).block().transactions().get(0);
        SigningKey other = SigningKey.generate(SignatureAlgorithm.ED25519, LedgerTestSupport.RND);
        Transaction again = Transaction.of(s.hash, first.payload(), first.algorithm(), other.publicKey().raw(), other.sign(first.payload()));
        assertTrue(again.verifySignature());
        ChainVerifier.Result r = verifier().verify(chainWith(4, 3, again));
        assertFalse(r.ok());
        assertEquals(2, r.verifiedHeight());
    }

    @Test
    void aCertifiedBlockWhoseTransactionWasReSignedByAnotherKeyNoLongerMatchesItsRoot() {
        // The header (and so the commit certificate) must pin who signed, not only what was signed.
        List<CertifiedBlock> chain = s.chain(2, 2);
        Block b = chain.get(1).block();
        Transaction t = b.transactions().get(0);
        SigningKey other = SigningKey.generate(SignatureAlgorithm.ED25519, LedgerTestSupport.RND);
        List<Transaction> txs = new ArrayList<>(b.transactions());
        txs.set(0, Transaction.of(s.hash, t.payload(), t.algorithm(), other.publicKey().raw(), other.sign(t.payload())));
        CertifiedBlock swapped = new CertifiedBlock(new Block(b.header(), txs), chain.get(1).certificate());
        assertNotNull(swapped.check(LedgerTestSupport.CHAIN, s.hash, s.keys(), 3), "re-signed body must not pass for the certified block");
        chain.set(1, swapped);
        assertEquals(1, verifier().verify(chain).verifiedHeight());
    }
}
