package org.fundchain.consensus;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.Consumer;

import org.fundchain.crypto.HashAlgorithm;
import org.fundchain.ledger.Transaction;
import org.junit.jupiter.api.Test;

/** Block cutting: batch by load (default), MaxMessageCount, PreferredMaxBytes, BatchTimeout. */
class BatchingTest {
    private static final HashAlgorithm H = HashAlgorithm.SHA256;
    private final Random r = new Random(9);

    /** Member 1 is the rotation primary of height 1, view 0. */
    private Replica primary(Consumer<ConsensusConfig.Builder> tune) {
        TestSigning s = new TestSigning(4);
        ConsensusConfig.Builder b = ConsensusConfig.builder("c", H, s, 1, s.signer(1), new byte[32]).primaryPolicy(PrimaryPolicy.ROTATION);
        tune.accept(b);
        Replica rep = new Replica(b.build(), new PrimaryElectionPropertyTest.MemoryLedger(), tx -> true, null);
        rep.step(0, new Event.Executed(0, new byte[32], List.of()));
        return rep;
    }

    /** Transactions in the first PRE-PREPARE of the Ready, or -1 if it holds none. */
    private static int proposed(Ready rd) {
        for (Ready.Outbound o : rd.messages()) {
            Signed s = Wire.decode(o.bytes(), H);
            if (s.body() instanceof Message.PrePrepare) {
                return ((Message.PrePrepare) s.body()).block().transactions().size();
            }
        }
        return -1;
    }

    private Transaction tx(long ts) {
        return PrimaryElectionPropertyTest.tx(r, ts);
    }

    @Test
    void byDefaultAWaitingTransactionIsProposedAtOnce() {
        Replica p = primary(b -> { });
        Ready rd = p.step(10, new Event.Submit(tx(10)));
        assertEquals(1, proposed(rd));
        assertTrue(rd.persist() != null, "accepting its own proposal is persisted before sending");
    }

    @Test
    void thesisSettingsWaitForTenTransactionsOrTwoSeconds() {
        Replica p = primary(ConsensusConfig.Builder::thesisBatching);
        for (int i = 0; i < 3; i++) {
            assertEquals(-1, proposed(p.step(100 + i, new Event.Submit(tx(100 + i)))));
        }
        assertEquals(-1, proposed(p.step(2099, new Event.Tick())));
        assertEquals(3, proposed(p.step(2100, new Event.Tick())), "BatchTimeout of 2 s since the oldest transaction");

        Replica q = primary(ConsensusConfig.Builder::thesisBatching);
        List<Integer> sizes = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            sizes.add(proposed(q.step(100 + i, new Event.Submit(tx(100 + i)))));
        }
        assertEquals(List.of(-1, -1, -1, -1, -1, -1, -1, -1, -1, 10), sizes, "MaxMessageCount 10 cuts at once");
    }

    @Test
    void preferredMaxBytesLimitsTheBatch() {
        Transaction probe = tx(1);
        Replica p = primary(b -> b.batchByLoad(false).batchTimeoutMs(50).preferredMaxBytes(3L * probe.encodedSize() + 1));
        int n = -1;
        for (int i = 0; i < 8 && n < 0; i++) {
            n = proposed(p.step(i, new Event.Submit(tx(i))));
        }
        assertTrue(n >= 1 && n <= 3, "batch of " + n + ": PreferredMaxBytes reached cuts the block at once, at most 3 fit");
    }

    @Test
    void replaysAndWrongChainsAreRejectedAtSubmission() {
        Replica p = primary(b -> b.batchByLoad(false));
        Transaction t = tx(5);
        assertTrue(p.step(1, new Event.Submit(t)).rejected().isEmpty());
        assertTrue(p.step(2, new Event.Submit(t)).rejected().isEmpty(), "the same transaction again is a no-op");
        Replica bad = new Replica(ConsensusConfig.builder("other", H, new TestSigning(4), 1, new TestSigning(4).signer(1), new byte[32]).build(),
                new PrimaryElectionPropertyTest.MemoryLedger(), tx -> true, null);
        assertEquals(1, bad.step(1, new Event.Submit(t)).rejected().size());
        assertEquals(1, p.step(20 * 60_000, new Event.Submit(tx(6))).rejected().size(), "a transaction dated 20 minutes ago");
        Replica refusing = new Replica(ConsensusConfig.builder("c", H, new TestSigning(4), 1, new TestSigning(4).signer(1), new byte[32]).build(),
                new PrimaryElectionPropertyTest.MemoryLedger(), tx -> false, null);
        assertEquals(1, refusing.step(1, new Event.Submit(t)).rejected().size());
    }
}
