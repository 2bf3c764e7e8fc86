package org.fundchain.consensus;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.function.BiPredicate;

import org.fundchain.crypto.HashAlgorithm;
import org.fundchain.crypto.Hex;
import org.fundchain.ledger.Block;
import org.fundchain.ledger.BlockHeader;
import org.fundchain.ledger.CertifiedBlock;
import org.fundchain.ledger.CommitCertificate;
import org.fundchain.ledger.Merkle;
import org.fundchain.ledger.Transaction;
import org.fundchain.consensus.Message.*;
import org.junit.jupiter.api.Test;

/**
 * Attacks on the view change, played by hand: real {@link Replica}s for the honest members, messages delivered
 * one by one, and one Byzantine member whose messages the test crafts and signs with that member's own key.
 * Every test failed on the code before the fix it names (issue 10, items 1, 2 and 6).
 */
class ViewChangeAttackTest {
    private static final HashAlgorithm H = HashAlgorithm.SHA256;
    private static final int N = 4;
    private static final byte[] ROOT = new byte[32];

    private final TestSigning keys = new TestSigning(N);
    private final Random r = new Random(10);
    /** Transactions whose client signature is "invalid": the honest members' check refuses them. */
    private final Set<String> forged = new HashSet<>();

    // ------------------------------------------------------------------ a tiny hand-driven network

    private final class Node {
        final int id;
        Replica rep;
        final PrimaryElectionPropertyTest.MemoryLedger ledger = new PrimaryElectionPropertyTest.MemoryLedger();
        final List<Block> committed = new ArrayList<>();
        final List<Transaction> executed = new ArrayList<>();
        final List<Signed> sent = new ArrayList<>();
        PersistentState log;
        boolean autoExecute = true;

        Node(int id, PrimaryPolicy policy) {
            this.id = id;
            this.rep = new Replica(config(id, policy), ledger, tx -> !forged.contains(tx.hashHex()), null);
            handle(rep.step(0, new Event.Executed(0, ROOT, List.of())));
        }

        Ready handle(Ready rd) {
            if (rd.persist() != null) {
                log = PersistentState.decode(rd.persist().encode());
            }
            for (CertifiedBlock cb : rd.committed()) {
                committed.add(cb.block());
                ledger.blocks.add(cb);
            }
            for (Ready.Outbound o : rd.messages()) {
                Signed s = Wire.decode(o.bytes(), H);
                sent.add(s);
                for (Node to : nodes) {
                    if (to != null && to != this && (o.to() == Ready.ALL || o.to() == to.id)) {
                        queue.add(new Msg(id, to, o.bytes()));
                    }
                }
            }
            if (autoExecute) {
                for (CertifiedBlock cb : rd.committed()) {
                    execute(cb.height());
                }
            }
            return rd;
        }

        void execute(long h) {
            executed.addAll(ledger.block(h).block().transactions());
            handle(rep.step(now, new Event.Executed(h, ROOT, List.of())));
        }

        Ready receive(Signed s) {
            return handle(rep.step(now, new Event.Receive(s.encode())));
        }

        void tick(long at) {
            now = Math.max(now, at);
            handle(rep.step(now, new Event.Tick()));
        }

        /** Crash and restart from the ledger and the last persisted consensus log. */
        void restart(PrimaryPolicy policy) {
            rep = new Replica(config(id, policy), ledger, tx -> !forged.contains(tx.hashHex()), log);
            handle(rep.step(now, new Event.Executed(ledger.height(), ROOT, List.of())));
        }

        List<Prepare> preparesSent(long height, long view) {
            List<Prepare> out = new ArrayList<>();
            for (Signed s : sent) {
                if (s.body() instanceof Prepare p && p.height() == height && p.view() == view) {
                    out.add(p);
                }
            }
            return out;
        }
    }

    private record Msg(int from, Node to, byte[] bytes) {
    }

    private final Node[] nodes = new Node[N];
    private final List<Msg> queue = new ArrayList<>();
    private long now = 0;

    private ConsensusConfig config(int id, PrimaryPolicy policy) {
        return ConsensusConfig.builder("c", H, keys, id, keys.signer(id), new byte[32]).primaryPolicy(policy).build();
    }

    /**
     * Delivers queued messages (and what they cause) while {@code pass} lets them through; returns the rest, held
     * back by the adversary.
     */
    private List<Msg> deliver(BiPredicate<Msg, Message> pass) {
        List<Msg> held = new ArrayList<>();
        while (!queue.isEmpty()) {
            Msg m = queue.remove(0);
            Signed s = Wire.decode(m.bytes(), H);
            if (pass.test(m, s.body())) {
                m.to().handle(m.to().rep.step(now, new Event.Receive(m.bytes())));
            } else {
                held.add(m);
            }
        }
        return held;
    }

    /** Queued messages matching {@code which} are taken out of the queue and returned (held back by the adversary). */
    private List<Msg> hold(BiPredicate<Msg, Message> which) {
        List<Msg> held = new ArrayList<>();
        for (Msg m : new ArrayList<>(queue)) {
            if (which.test(m, Wire.decode(m.bytes(), H).body())) {
                held.add(m);
                queue.remove(m);
            }
        }
        return held;
    }

    private Signed signAs(int member, Message m) {
        return Wire.sign("c", member, m, keys.signer(member));
    }

    private Transaction tx(long ts) {
        return PrimaryElectionPropertyTest.tx(r, ts);
    }

    private Transaction forgedTx(long ts) {
        Transaction t = tx(ts);
        forged.add(t.hashHex());
        return t;
    }

    private static Block block(long height, byte[] prev, long ts, int proposer, long view, List<Integer> failed, List<Transaction> txs) {
        BlockHeader h = new BlockHeader("c", height, prev, Merkle.rootOf(H, txs), ROOT, ts, proposer, view, failed, txs.size());
        return new Block(h, txs);
    }

    /** The same header with another body: the block hash (the header's) is unchanged. */
    private static Block sameHeaderOtherBody(Block b, List<Transaction> txs) {
        return new Block(b.header(), txs);
    }

    private static void assertSameBlock(Block expected, Block actual, String what) {
        assertArrayEquals(expected.encode(), actual.encode(), what + ": header and body must match");
    }

    /** Agreement on full block content (header and body) among the given honest nodes. */
    private void assertAgreement(int... honest) {
        for (int a : honest) {
            for (int b : honest) {
                Node x = nodes[a];
                Node y = nodes[b];
                for (int h = 0; h < Math.min(x.committed.size(), y.committed.size()); h++) {
                    assertSameBlock(x.committed.get(h), y.committed.get(h), "height " + (h + 1) + " at " + a + " and " + b);
                }
            }
        }
        for (int a : honest) {
            for (Transaction t : nodes[a].executed) {
                assertFalse(forged.contains(t.hashHex()), "member " + a + " executed a transaction with a forged signature");
            }
        }
    }

    // ------------------------------------------------------------------ item 1: the certificate's body

    /**
     * Byzantine old primary (member 1, primary of height 1 view 0 under rotation). It proposes B to everyone; the
     * honest members prepare, 2 and 3 commit B, member 0's COMMITs are delayed. The primary signs a second
     * PRE-PREPARE with B's header and a forged transaction, wraps it with the honest PREPAREs into a VIEW-CHANGE and
     * sends it to member 0. Before the fix member 0 replaced its accepted B by the poisoned body and then committed
     * it under B's hash: a forged transaction executed and agreement on content lost.
     */
    @Test
    void aPoisonedPreparedCertificateCannotReplaceTheAcceptedBlock() {
        for (int i : new int[] {0, 2, 3}) {
            nodes[i] = new Node(i, PrimaryPolicy.ROTATION);
        }
        assertEquals(1, nodes[0].rep.primary());
        now = 100;
        Block b = block(1, new byte[32], 50, 1, 0, List.of(), List.of(tx(40)));
        Block poisoned = sameHeaderOtherBody(b, List.of(forgedTx(40)));
        Signed pp = signAs(1, new PrePrepare(0, 1, b));
        for (int i : new int[] {0, 2, 3}) {
            nodes[i].receive(pp);
        }
        List<Msg> delayed = deliver((m, body) -> !(body instanceof Commit) || m.to().id != 0); // COMMITs to 0 are delayed
        assertEquals(1, nodes[2].committed.size(), "members 2 and 3 commit B");
        assertEquals(0, nodes[0].committed.size());

        List<Signed> honestPrepares = new ArrayList<>();
        for (int i : new int[] {2, 3}) {
            for (Signed s : nodes[i].sent) {
                if (s.body() instanceof Prepare) {
                    honestPrepares.add(s);
                }
            }
        }
        PreparedCert cert = new PreparedCert(signAs(1, new PrePrepare(0, 1, poisoned)), honestPrepares);
        nodes[0].receive(signAs(1, new ViewChange(1, 1, cert)));

        queue.addAll(delayed);
        deliver((m, body) -> true);
        nodes[0].receive(signAs(1, new Commit(0, 1, b.hash(H))));
        assertEquals(1, nodes[0].committed.size(), "member 0 commits too");
        assertSameBlock(b, nodes[0].committed.get(0), "member 0's block");
        assertAgreement(0, 2, 3);
    }

    /**
     * The same poisoned certificate reaching a member that never saw the PRE-PREPARE: it must not become the
     * member's candidate for B's hash, so the COMMITs that follow cannot make it commit the forged body.
     */
    @Test
    void aPoisonedCertificateIsNoCandidateForAMemberThatMissedThePrePrepare() {
        for (int i : new int[] {0, 2, 3}) {
            nodes[i] = new Node(i, PrimaryPolicy.ROTATION);
        }
        now = 100;
        Block b = block(1, new byte[32], 50, 1, 0, List.of(), List.of(tx(40)));
        Block poisoned = sameHeaderOtherBody(b, List.of(forgedTx(40)));
        Signed pp = signAs(1, new PrePrepare(0, 1, b));
        nodes[2].receive(pp);
        nodes[3].receive(pp);
        deliver((m, body) -> m.to().id != 0);
        nodes[2].receive(signAs(1, new Commit(0, 1, b.hash(H))));
        nodes[3].receive(signAs(1, new Commit(0, 1, b.hash(H))));
        queue.clear();
        assertEquals(1, nodes[2].committed.size());
        List<Signed> honestPrepares = new ArrayList<>();
        for (int i : new int[] {2, 3}) {
            nodes[i].sent.stream().filter(s -> s.body() instanceof Prepare).forEach(honestPrepares::add);
        }
        nodes[0].receive(signAs(1, new ViewChange(1, 1, new PreparedCert(signAs(1, new PrePrepare(0, 1, poisoned)), honestPrepares))));
        for (int i : new int[] {1, 2, 3}) {
            nodes[0].receive(signAs(i, new Commit(0, 1, b.hash(H))));
        }
        assertAgreement(0, 2, 3);
        for (Block c : nodes[0].committed) {
            assertSameBlock(b, c, "member 0's block");
        }
    }

    /**
     * Byzantine new primary (member 0, primary of height 1 view 1). Honest member 1 proposes B in view 0; all
     * honest members prepare, only member 3 gets the COMMITs and commits B. Members 1 and 2 time out and send
     * VIEW-CHANGEs carrying B's certificate. The new primary's NEW-VIEW re-proposes B's header with another body
     * (refused by validation) and then proposes a fresh block C in view 1. Before the fix members 1 and 2 accepted
     * the NEW-VIEW (only its header hash was compared), then C, and committed C at height 1 where 3 has B: a fork.
     */
    @Test
    void aByzantineNewPrimaryCannotForkWithAPoisonedReproposal() {
        for (int i : new int[] {1, 2, 3}) {
            nodes[i] = new Node(i, PrimaryPolicy.ROTATION);
        }
        assertEquals(1, nodes[1].rep.primary());
        assertEquals(0, nodes[1].rep.primary(1));
        now = 100;
        nodes[1].handle(nodes[1].rep.step(now, new Event.Submit(tx(90))));
        deliver((m, body) -> !(body instanceof Commit) || m.to().id == 3);
        assertEquals(1, nodes[3].committed.size(), "member 3 commits B in view 0");
        Block b = nodes[3].committed.get(0);
        assertEquals(0, nodes[1].committed.size());
        assertEquals(0, nodes[2].committed.size());

        nodes[1].tick(5_000);
        nodes[2].tick(5_000);
        List<Signed> vcs = new ArrayList<>();
        for (Msg m : hold((m, body) -> body instanceof ViewChange && m.to().id == 3)) {
            Signed s = Wire.decode(m.bytes(), H);
            assertNotNull(((ViewChange) s.body()).prepared(), "an honest VIEW-CHANGE carries B's certificate");
            vcs.add(s);
        }
        queue.clear();
        assertEquals(2, vcs.size());
        vcs.add(signAs(0, new ViewChange(1, 1, null)));
        Block poisoned = sameHeaderOtherBody(b, List.of(tx(95)));
        Signed nv = signAs(0, new NewView(1, 1, vcs, signAs(0, new PrePrepare(1, 1, poisoned))));
        nodes[1].receive(nv);
        nodes[2].receive(nv);
        queue.clear();

        Block c = block(1, new byte[32], 4_000, 0, 1, List.of(1), List.of(tx(3_900)));
        Signed fresh = signAs(0, new PrePrepare(1, 1, c));
        nodes[1].receive(fresh);
        nodes[2].receive(fresh);
        deliver((m, body) -> m.to().id != 3);
        nodes[1].receive(signAs(0, new Commit(1, 1, c.hash(H))));
        nodes[2].receive(signAs(0, new Commit(1, 1, c.hash(H))));
        assertAgreement(1, 2, 3);
    }

    /**
     * Red team 8: the PREPAREs of a prepared certificate vouch for the block, not for the PRE-PREPARE's settling
     * certificate. The Byzantine primary of view 0 (member 1) lets B prepare at 2 and 3 (member 0 misses it), then
     * signs B again with two junk votes as its settles and sends that in its VIEW-CHANGE to member 0, the next primary.
     * Member 0's first quorum by sender is {0, 1, 2}; the junk certificate comes first, so before the fix member 0
     * re-proposed B with the junk settles, which every member (itself included) refuses: the view never commits, and
     * member 1 can do the same in every view it is in the first quorum of.
     */
    @Test
    void aViewChangeWithAJunkSettlingCertificateCannotStallTheNextView() {
        for (int i : new int[] {0, 2, 3}) {
            nodes[i] = new Node(i, PrimaryPolicy.ROTATION);
        }
        assertEquals(0, nodes[0].rep.primary(1));
        now = 100;
        Block b = block(1, new byte[32], 50, 1, 0, List.of(), List.of(tx(40)));
        Signed pp = signAs(1, new PrePrepare(0, 1, b));
        nodes[2].receive(pp);
        nodes[3].receive(pp);
        deliver((m, body) -> m.to().id != 0 && !(body instanceof Commit));
        queue.clear();
        assertEquals(0, nodes[2].committed.size());
        List<Signed> honestPrepares = new ArrayList<>();
        for (int i : new int[] {2, 3}) {
            nodes[i].sent.stream().filter(s -> s.body() instanceof Prepare).forEach(honestPrepares::add);
        }
        assertEquals(2, honestPrepares.size());
        CommitCertificate junk = new CommitCertificate(0, 0, new byte[32],
                List.of(new CommitCertificate.Vote(2, new byte[64]), new CommitCertificate.Vote(3, new byte[64])));
        Signed again = signAs(1, new PrePrepare(0, 1, b, junk));
        nodes[0].receive(signAs(1, new ViewChange(1, 1, new PreparedCert(again, honestPrepares))));

        now = 5_000;
        nodes[2].tick(now);
        nodes[3].tick(now);
        deliver((m, body) -> m.from() != 1);
        for (int i : new int[] {0, 2, 3}) {
            assertEquals(1, nodes[i].committed.size(), "member " + i + " commits B in view 1");
            assertSameBlock(b, nodes[i].committed.get(0), "member " + i + "'s block");
        }
        assertAgreement(0, 2, 3);
    }

    /**
     * Red team 9: a settling certificate that checks is not enough — it must be the one the header's failed list was
     * made with. Block 1 (header view 2) committed in view 3, so height 2's block lists member 3 (primary of view 2 at
     * height 1) first and its PRE-PREPARE carries that view-3 certificate. The Byzantine primary of height 2 view 2
     * (member 0) lets B2 prepare at 2 and 3, then signs B2 again WITHOUT its settles and sends that, wrapped with the
     * honest PREPAREs, as its VIEW-CHANGE for every next view as soon as the view before begins. Member 0 is first in
     * every quorum by sender and its certificate ties with the honest ones (same view, same block), so before the fix
     * every new primary re-proposed B2 without settles, which every member refuses (failed list [3] ≠ []): no view at
     * height 2 ever commits.
     */
    @Test
    void aPrePrepareSignedAgainWithoutItsSettlementCannotStallEveryLaterView() {
        Block b1 = block(1, new byte[32], 50, 3, 2, List.of(1, 0), List.of(tx(40)));
        CommitCertificate c1 = certificate(3, 1, b1, 1, 2, 3);
        for (int i : new int[] {1, 2, 3}) {
            nodes[i] = new Node(i, PrimaryPolicy.ROTATION);
            nodes[i].ledger.blocks.add(new CertifiedBlock(b1, c1));
            nodes[i].restart(PrimaryPolicy.ROTATION);
        }
        assertEquals(2, nodes[1].rep.view(), "height 2 starts in block 1's header view");
        assertEquals(0, nodes[1].rep.primary());
        now = 100;
        Block b2 = block(2, b1.hash(H), 90, 0, 2, List.of(3), List.of(tx(80)));
        Signed pp = signAs(0, new PrePrepare(2, 2, b2, c1));
        nodes[2].receive(pp);
        nodes[3].receive(pp);
        deliver((m, body) -> true);
        List<Signed> honestPrepares = new ArrayList<>();
        for (int i : new int[] {2, 3}) {
            nodes[i].sent.stream().filter(s -> s.body() instanceof Prepare).forEach(honestPrepares::add);
        }
        assertEquals(2, honestPrepares.size(), "B2 prepared at members 2 and 3");
        assertEquals(1, nodes[2].rep.height(), "members 2 and 3 cannot commit without member 0's COMMIT");
        PreparedCert stripped = new PreparedCert(signAs(0, new PrePrepare(2, 2, b2)), honestPrepares);
        for (int i : new int[] {1, 2, 3}) { // pending work: every honest member times out while nothing commits
            nodes[i].handle(nodes[i].rep.step(now, new Event.Submit(tx(now))));
        }
        deliver((m, body) -> true);

        for (int k = 0; k < 8 && nodes[1].rep.height() < 2; k++) {
            long next = 0;
            for (int i : new int[] {1, 2, 3}) {
                next = Math.max(next, nodes[i].rep.view() + 1);
            }
            Signed vc = signAs(0, new ViewChange(2, next, stripped));
            for (int i : new int[] {1, 2, 3}) {
                nodes[i].receive(vc);
            }
            deliver((m, body) -> true);
            now += 40_000;
            for (int i : new int[] {1, 2, 3}) {
                nodes[i].tick(now);
            }
            deliver((m, body) -> true);
        }
        for (int i : new int[] {1, 2, 3}) {
            assertTrue(nodes[i].rep.height() >= 2, "member " + i + " commits height 2 (view " + nodes[i].rep.view() + ")");
            assertSameBlock(b2, nodes[i].committed.get(0), "member " + i + "'s block 2");
        }
        assertAgreement(1, 2, 3);
    }

    private CommitCertificate certificate(long view, long height, Block b, int... voters) {
        List<CommitCertificate.Vote> votes = new ArrayList<>();
        for (int m : voters) {
            votes.add(new CommitCertificate.Vote(m, keys.signer(m).sign(CommitCertificate.signingBytes("c", m, view, height, b.hash(H)))));
        }
        return new CommitCertificate(view, height, b.hash(H), votes);
    }

    // ------------------------------------------------------------------ item 2: a view is bound to its re-proposal

    /**
     * Member 0 committed block 1 but has not executed it yet when the NEW-VIEW for (height 2, view 1) arrives,
     * re-proposing B2 (prepared in view 0 by members 2 and 3): the re-proposal waits for execution. The Byzantine new
     * primary (member 1) then sends a fresh PRE-PREPARE C2 for the same view. Before the fix C2 overwrote the
     * waiting re-proposal and member 0 prepared C2 — a second proposal in a view bound to B2.
     */
    @Test
    void aViewWithAReproposalAdmitsNoOtherProposal() {
        Setup s = boundView();
        Node v = nodes[0];
        v.receive(s.fresh);
        v.execute(1);
        assertOnlyReproposalPrepared(v, s);
    }

    /** The same, with a crash after the NEW-VIEW: the restarted replica still knows the view is bound to B2. */
    @Test
    void theBindingToTheReproposalSurvivesARestart() {
        Setup s = boundView();
        Node v = nodes[0];
        v.execute(1);
        // executing made it accept and prepare B2; replay instead a crash just before execution finished
        v.sent.clear();
        v.log = s.logAfterNewView;
        v.restart(PrimaryPolicy.ROTATION);
        v.receive(s.fresh);
        assertOnlyReproposalPrepared(v, s);
    }

    private record Setup(Block b2, Signed fresh, PersistentState logAfterNewView) {
    }

    private Setup boundView() {
        nodes[0] = new Node(0, PrimaryPolicy.ROTATION);
        Node v = nodes[0];
        now = 100;
        Block b1 = block(1, new byte[32], 50, 1, 0, List.of(), List.of(tx(40)));
        v.receive(signAs(1, new PrePrepare(0, 1, b1)));
        v.autoExecute = false;
        for (int i = 1; i < N; i++) {
            v.receive(signAs(i, new Commit(0, 1, b1.hash(H))));
        }
        assertEquals(1, v.rep.height(), "member 0 committed block 1 (not executed yet)");
        assertEquals(2, v.rep.primary(0));
        assertEquals(1, v.rep.primary(1));

        Block b2 = block(2, b1.hash(H), 200, 2, 0, List.of(), List.of(tx(150)));
        Signed pp2 = signAs(2, new PrePrepare(0, 2, b2));
        PreparedCert cert = new PreparedCert(pp2, List.of(signAs(3, new Prepare(0, 2, b2.hash(H))), signAs(1, new Prepare(0, 2, b2.hash(H)))));
        List<Signed> vcs = List.of(signAs(2, new ViewChange(2, 1, cert)), signAs(3, new ViewChange(2, 1, cert)), signAs(1, new ViewChange(2, 1, null)));
        now = 2_000;
        v.receive(signAs(1, new NewView(2, 1, vcs, signAs(1, new PrePrepare(1, 2, b2)))));
        assertEquals(1, v.rep.view());
        assertFalse(v.rep.inViewChange());
        PersistentState log = v.log;
        Block c2 = block(2, b1.hash(H), 1_900, 1, 1, List.of(2), List.of(tx(1_800)));
        return new Setup(b2, signAs(1, new PrePrepare(1, 2, c2)), log);
    }

    private void assertOnlyReproposalPrepared(Node v, Setup s) {
        List<Prepare> ps = v.preparesSent(2, 1);
        assertFalse(ps.isEmpty(), "the re-proposal is prepared once executed");
        for (Prepare p : ps) {
            assertEquals(Hex.encode(s.b2().hash(H)), Hex.encode(p.digest()), "only the re-proposed block may be prepared in view 1");
        }
    }

    // ------------------------------------------------------------------ item 6: bounded work per message

    /** A VIEW-CHANGE for base + 999,999 under the credit policy: the schedule must not draw a million primaries. */
    @Test
    void aFarFutureViewChangeCostsBoundedScheduleWork() {
        Node v = new Node(2, PrimaryPolicy.CREDIT);
        int sender = v.id == 0 ? 1 : 0;
        v.receive(signAs(sender, new ViewChange(1, PrimarySchedule.MAX_VIEW_SPAN - 1, null)));
        v.receive(signAs(sender, new NewView(1, PrimarySchedule.MAX_VIEW_SPAN - 2, List.of(), null)));
        assertTrue(v.rep.scheduleDraws() <= 2 * N, "schedule draws " + v.rep.scheduleDraws());
    }
}
