package org.fundchain.consensus;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Random;

import org.fundchain.crypto.HashAlgorithm;
import org.fundchain.ledger.Block;
import org.fundchain.ledger.BlockHeader;
import org.fundchain.ledger.Merkle;
import org.fundchain.ledger.Transaction;
import org.junit.jupiter.api.Test;

/**
 * A Byzantine primary proposes a block that storage would refuse: two transactions with one id (the same payload
 * under two signers) or one (signer, nonce). A backup refuses it before voting — the one duplicate rule
 * ({@link org.fundchain.ledger.Duplicates}) — so no such block can commit and halt the chain at storage.
 */
class DuplicateProposalTest {
    private static final HashAlgorithm H = HashAlgorithm.SHA256;
    private final TestSigning keys = new TestSigning(4);
    private final Random r = new Random(11);

    private Replica backup() {
        ConsensusConfig cfg = ConsensusConfig.builder("c", H, keys, 2, keys.signer(2), new byte[32]).primaryPolicy(PrimaryPolicy.ROTATION)
                .build();
        Replica rep = new Replica(cfg, new PrimaryElectionPropertyTest.MemoryLedger(), tx -> true, null);
        rep.step(0, new Event.Executed(0, new byte[32], List.of()));
        return rep;
    }

    private static final Comparator<Transaction> ORDER = Comparator.comparingLong(Transaction::timestamp)
            .thenComparing(Transaction::hashHex).thenComparing(Transaction::replayKey);

    /** Member 1's (the rotation primary's) proposal for height 1, view 0, transactions in block order. */
    private byte[] proposal(List<Transaction> given, long ts) {
        List<Transaction> txs = new ArrayList<>(given);
        txs.sort(ORDER);
        BlockHeader h = new BlockHeader("c", 1, new byte[32], Merkle.rootOf(H, txs), new byte[32], ts, 1, 0, List.of(), txs.size());
        return Wire.sign("c", 1, new Message.PrePrepare(0, 1, new Block(h, txs)), keys.signer(1)).encode();
    }

    private static long prepares(Ready rd) {
        return rd.messages().stream().filter(o -> Wire.decode(o.bytes(), H).body() instanceof Message.Prepare).count();
    }

    /** {@code t}'s payload bytes under another signer (the check here accepts any signature). */
    private Transaction resigned(Transaction t) {
        byte[] signer = new byte[32];
        r.nextBytes(signer);
        return Transaction.of(H, t.payload(), t.algorithm(), signer, new byte[64]);
    }

    @Test
    void aBlockWithOnePayloadUnderTwoSignersGetsNoPrepare() {
        Transaction t = PrimaryElectionPropertyTest.tx(r, 5);
        Transaction other = PrimaryElectionPropertyTest.tx(r, 5);
        assertEquals(1, prepares(backup().step(10, new Event.Receive(proposal(List.of(t, other), 6)))), "control: a clean block is prepared");
        Transaction again = resigned(t);
        assertEquals(t.hashHex(), again.hashHex());
        assertEquals(0, prepares(backup().step(10, new Event.Receive(proposal(List.of(t, again), 6)))),
                "same transaction id twice in one block");
    }

    @Test
    void aPendingTransactionIsEvictedWhenTheSamePayloadCommitsUnderAnotherSigner() {
        // The backup holds t pending; the primary's block carries the same payload under another signer. That
        // block is valid (one id, once). Once it commits, the pending copy is a duplicate and must go, or this
        // replica would later propose a block every other member refuses.
        Replica b = backup();
        Transaction t = PrimaryElectionPropertyTest.tx(r, 5);
        b.step(1, new Event.Submit(t));
        assertEquals(1, b.pendingCount());
        byte[] pp = proposal(List.of(resigned(t)), 6);
        assertEquals(1, prepares(b.step(10, new Event.Receive(pp))));
        byte[] digest = ((Message.PrePrepare) Wire.decode(pp, H).body()).block().hash(H);
        for (int m : new int[] {0, 1, 3}) {
            b.step(11, new Event.Receive(Wire.sign("c", m, new Message.Commit(0, 1, digest), keys.signer(m)).encode()));
        }
        assertEquals(1, b.height(), "the block committed");
        assertEquals(0, b.pendingCount(), "the pending duplicate was evicted");
        assertEquals(1, b.step(12, new Event.Submit(resigned(t))).rejected().size(), "and a third copy is refused");
    }

    @Test
    void aGossipedOrSubmittedDuplicateOfAPendingTransactionIsNotTakenIn() {
        Replica b = backup();
        Transaction t = PrimaryElectionPropertyTest.tx(r, 5);
        b.step(1, new Event.Submit(t));
        Ready rd = b.step(2, new Event.Submit(resigned(t)));
        assertEquals(1, b.pendingCount(), "the same payload under another signer is a duplicate");
        assertEquals(1, rd.rejected().size());
    }
}
