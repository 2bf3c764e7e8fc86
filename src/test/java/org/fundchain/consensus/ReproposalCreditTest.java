package org.fundchain.consensus;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.BiPredicate;

import org.fundchain.crypto.HashAlgorithm;
import org.fundchain.ledger.Block;
import org.fundchain.ledger.CertifiedBlock;
import org.fundchain.consensus.Message.*;
import org.junit.jupiter.api.Test;

/**
 * Issue 10, item 7a: a block re-proposed by a NEW-VIEW keeps its header (proposer and view of the round that first
 * proposed it), so before the fix the primary whose view failed was credited and nobody was penalised. The rule now:
 * the block after it settles the round — its failed list starts with the primaries of the views from the header's
 * view up to the view of the commit certificate its proposer holds (carried in the PRE-PREPARE as proof). Every
 * member folds the same headers, so the scores agree even where members hold certificates of different views.
 */
class ReproposalCreditTest {
    private static final HashAlgorithm H = HashAlgorithm.SHA256;
    private static final int N = 4;
    private static final byte[] ROOT = new byte[32];

    private final TestSigning keys = new TestSigning(N);
    private final Random r = new Random(7);

    private final class Node {
        final int id;
        final Replica rep;
        final PrimaryElectionPropertyTest.MemoryLedger ledger = new PrimaryElectionPropertyTest.MemoryLedger();

        Node(int id) {
            this.id = id;
            this.rep = new Replica(config(id), ledger, tx -> true, null);
            handle(rep.step(0, new Event.Executed(0, ROOT, List.of())));
        }

        void handle(Ready rd) {
            for (CertifiedBlock cb : rd.committed()) {
                ledger.blocks.add(cb);
            }
            for (Ready.Outbound o : rd.messages()) {
                for (Node to : nodes) {
                    if (to != this && (o.to() == Ready.ALL || o.to() == to.id)) {
                        queue.add(new Msg(to, o.bytes()));
                    }
                }
            }
            for (CertifiedBlock cb : rd.committed()) {
                handle(rep.step(now, new Event.Executed(cb.height(), ROOT, List.of())));
            }
        }

        Block block(long h) {
            return ledger.block(h).block();
        }
    }

    private record Msg(Node to, byte[] bytes) {
    }

    private final Node[] nodes = new Node[N];
    private final List<Msg> queue = new ArrayList<>();
    private long now = 0;

    private ConsensusConfig config(int id) {
        return ConsensusConfig.builder("c", H, keys, id, keys.signer(id), new byte[32]).primaryPolicy(PrimaryPolicy.ROTATION).build();
    }

    private void deliver(BiPredicate<Msg, Message> pass) {
        while (!queue.isEmpty()) {
            Msg m = queue.remove(0);
            if (pass.test(m, Wire.decode(m.bytes(), H).body())) {
                m.to().handle(m.to().rep.step(now, new Event.Receive(m.bytes())));
            }
        }
    }

    private void tick(long at, int... who) {
        now = at;
        for (int i : who) {
            nodes[i].handle(nodes[i].rep.step(now, new Event.Tick()));
        }
    }

    private void submit(int at, long ts) {
        now = Math.max(now, ts + 10);
        nodes[at].handle(nodes[at].rep.step(now, new Event.Submit(PrimaryElectionPropertyTest.tx(r, ts))));
    }

    /** Height 1: member 1 (primary of view 0) proposes B1; it prepares everywhere, COMMITs reach only {@code commitsTo}. */
    private void proposeAndLoseCommits(BiPredicate<Msg, Message> commitsTo) {
        for (int i = 0; i < N; i++) {
            nodes[i] = new Node(i);
        }
        assertEquals(1, nodes[0].rep.primary(0));
        assertEquals(0, nodes[0].rep.primary(1));
        submit(1, 90);
        // (member 3, if it commits, would serve its certified block to the others: that is held back too)
        deliver((m, body) -> !(body instanceof Blocks) && (!(body instanceof Commit) || commitsTo.test(m, body)));
    }

    @Test
    void theFailedViewOfAReproposedBlockIsPenalisedByTheNextBlock() {
        proposeAndLoseCommits((m, body) -> false);
        tick(5_000, 0, 1, 2, 3);
        deliver((m, body) -> true); // VIEW-CHANGE to view 1; member 0 re-proposes B1, which commits in view 1
        for (Node x : nodes) {
            assertEquals(1, x.rep.height(), "member " + x.id);
            assertEquals(0, x.block(1).header().view(), "the re-proposal keeps its header");
            assertEquals(1, x.ledger.block(1).certificate().view(), "committed in view 1");
        }
        assertEquals(2, nodes[0].rep.primary(0));
        submit(2, 5_990);
        deliver((m, body) -> true);
        assertSettled();
    }

    /**
     * Member 3 sees B1 commit in view 0; the others miss those COMMITs, move to view 1 without it and commit the
     * re-proposal there. The members hold certificates of different views for the same block: scores must not
     * depend on that. The next proposer's certificate, carried in its PRE-PREPARE, decides, and member 3 accepts it.
     */
    @Test
    void membersHoldingCertificatesOfDifferentViewsAgreeOnTheScores() {
        proposeAndLoseCommits((m, body) -> m.to().id == 3);
        assertEquals(1, nodes[3].rep.height());
        assertEquals(0, nodes[3].ledger.block(1).certificate().view());
        tick(5_000, 0, 1, 2);
        deliver((m, body) -> m.to().id != 3);
        for (int i = 0; i < 3; i++) {
            assertEquals(1, nodes[i].ledger.block(1).certificate().view(), "member " + i);
        }
        submit(2, 5_990);
        deliver((m, body) -> true);
        assertSettled();
    }

    private void assertSettled() {
        Block b2 = nodes[0].block(2);
        assertEquals(List.of(1), b2.header().failedPrimaries(),
                "block 2 lists member 1, the primary of height 1 view 0, whose view failed");
        long[] scores = nodes[0].rep.creditScores();
        assertTrue(scores[1] < CreditScores.SUCCESS, "the failed primary is penalised: " + scores[1]);
        for (Node x : nodes) {
            assertEquals(2, x.rep.height(), "member " + x.id);
            assertArrayEquals(b2.encode(), x.block(2).encode(), "member " + x.id + " has the same block 2");
            assertArrayEquals(scores, x.rep.creditScores(), "member " + x.id + " computes the same scores");
            // replaying the stored chain (restart, or a node rebuilt by catch-up) gives the same scores
            Replica replayed = new Replica(config(x.id), x.ledger, tx -> true, null);
            assertArrayEquals(scores, replayed.creditScores(), "member " + x.id + " after replay");
        }
    }
}
