package org.fundchain.consensus;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import org.fundchain.crypto.HashAlgorithm;
import org.fundchain.ledger.Block;
import org.fundchain.ledger.CertifiedBlock;
import org.fundchain.ledger.ChainVerifier;
import org.fundchain.ledger.Transaction;
import org.junit.jupiter.api.Test;

/**
 * Quorums for every N (issue 10 item 3): q = ⌈(N + f + 1) / 2⌉ with f = ⌊(N − 1) / 3⌋, so any two quorums share
 * at least f + 1 members (one honest), also when N ≠ 3f + 1.
 */
class QuorumTest {
    private static final HashAlgorithm H = HashAlgorithm.SHA256;

    /**
     * One rule for which chains can run, applied where a genesis is written and loaded as well as here: a member count
     * CBFT cannot serve, or block limits too small for a NEW-VIEW to carry quorum + 1 copies of a block in one frame
     * (N = 20 with AbsoluteMaxBytes 128 KiB used to pass genesis and then stop every member at start), is refused; every
     * chain the rule lets through builds a config with room for a block.
     */
    @Test
    void chainsTheCoreCannotRunAreRefusedByOneRule() {
        assertTrue(ConsensusConfig.refusal(3, 98L << 20) != null, "3 members");
        assertTrue(ConsensusConfig.refusal(2, 98L << 20) != null, "2 members");
        assertEquals(null, ConsensusConfig.refusal(1, 98L << 20));
        assertEquals(null, ConsensusConfig.refusal(4, 98L << 20));
        assertTrue(ConsensusConfig.refusal(20, 128L << 10) != null, "20 members, 128 KiB");
        assertTrue(ConsensusConfig.refusal(4, 0) != null, "no block size");
        for (int n = 4; n <= 40; n++) {
            TestSigning keys = new TestSigning(n);
            for (long abs : new long[] {64L << 10, 128L << 10, 1L << 20, 98L << 20}) {
                String refused = ConsensusConfig.refusal(n, abs);
                ConsensusConfig.Builder b = ConsensusConfig.builder("c", H, keys, 0, keys.signer(0), new byte[32])
                        .absoluteMaxBytes(abs).preferredMaxBytes(Math.min(abs, 512L << 10));
                if (refused == null) {
                    assertTrue(b.build().preferredMaxBytes >= 1, "n=" + n + " abs=" + abs);
                } else {
                    IllegalArgumentException e = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class, b::build);
                    assertEquals(refused, e.getMessage());
                }
            }
        }
    }

    @Test
    void quorumIsCeilingOfNPlusFPlusOneOverTwo() {
        for (int n = 1; n <= 40; n++) {
            int f = (n - 1) / 3;
            int q = ChainVerifier.quorum(n);
            assertEquals((n + f + 2) / 2, q, "n=" + n);
            assertTrue(2 * q - n >= f + 1, "two quorums share an honest member, n=" + n);
            assertTrue(q <= n - f, "a quorum exists without the f faulty members, n=" + n);
        }
        assertEquals(3, ChainVerifier.quorum(4));
        assertEquals(4, ChainVerifier.quorum(5));
        assertEquals(4, ChainVerifier.quorum(6));
        assertEquals(5, ChainVerifier.quorum(7));
    }

    /**
     * N = 6, all honest, a clean 3|3 partition that never heals within the test: with quorum 2f + 1 = 3 each half
     * is a quorum, and both halves committed a block at height 1 (the first half in view 0, the second after
     * changing to a view whose primary it holds).
     */
    @Test
    void sixMembersSplitThreeAndThreeCannotFork() {
        int n = 6;
        TestSigning keys = new TestSigning(n);
        Random r = new Random(6);
        Replica[] reps = new Replica[n];
        Map<Integer, List<Block>> committed = new HashMap<>();
        ArrayDeque<Object[]> queue = new ArrayDeque<>();
        java.util.function.IntPredicate sideA = m -> m < 3;
        java.util.function.BiConsumer<Integer, Ready> handle = new java.util.function.BiConsumer<>() {
            @Override
            public void accept(Integer id, Ready rd) {
                for (CertifiedBlock cb : rd.committed()) {
                    committed.computeIfAbsent(id, k -> new ArrayList<>()).add(cb.block());
                }
                for (Ready.Outbound o : rd.messages()) {
                    for (int to = 0; to < n; to++) {
                        if (to != id && (o.to() == Ready.ALL || o.to() == to) && sideA.test(to) == sideA.test(id)) {
                            queue.add(new Object[] {to, o.bytes()});
                        }
                    }
                }
            }
        };
        for (int i = 0; i < n; i++) {
            ConsensusConfig cfg = ConsensusConfig.builder("c", H, keys, i, keys.signer(i), new byte[32])
                    .primaryPolicy(PrimaryPolicy.ROTATION).build();
            reps[i] = new Replica(cfg, new PrimaryElectionPropertyTest.MemoryLedger(), tx -> true, null);
            handle.accept(i, reps[i].step(0, new Event.Executed(0, new byte[32], List.of())));
        }
        assertEquals(1, reps[0].primary(), "view 0's primary is on side A");
        Transaction a = PrimaryElectionPropertyTest.tx(r, 5);
        Transaction b = PrimaryElectionPropertyTest.tx(r, 6);
        handle.accept(1, reps[1].step(10, new Event.Submit(a)));
        for (int i = 3; i < n; i++) {
            handle.accept(i, reps[i].step(10, new Event.Submit(b)));
        }
        for (long t = 10; t <= 60_000; t += 10) {
            while (!queue.isEmpty()) {
                Object[] m = queue.poll();
                int to = (Integer) m[0];
                handle.accept(to, reps[to].step(t, new Event.Receive((byte[]) m[1])));
            }
            for (int i = 0; i < n; i++) {
                handle.accept(i, reps[i].step(t, new Event.Tick()));
            }
        }
        Block first = null;
        for (List<Block> bs : committed.values()) {
            if (first == null) {
                first = bs.get(0);
            }
            assertArrayEquals(first.encode(), bs.get(0).encode(), "two honest members committed different blocks at height 1");
        }
    }
}
