package org.fundchain.consensus;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import java.util.function.Consumer;

import org.fundchain.crypto.HashAlgorithm;
import org.fundchain.ledger.Block;
import org.fundchain.ledger.BlockHeader;
import org.fundchain.ledger.CertifiedBlock;
import org.fundchain.ledger.CommitCertificate;
import org.fundchain.ledger.Merkle;
import org.fundchain.ledger.Transaction;
import org.junit.jupiter.api.Test;

/**
 * Evidence-based censorship handling of one backup, driven by hand (see {@code Replica#noteMisses}): a committed
 * block that unfairly left out a transaction pending here a grace period makes the backup forward it; a proposal
 * that leaves out a transaction this backup itself sent to every member (its client's gossip, or a forward) a grace
 * period before is refused (see {@code Replica#provenMiss}); a legitimate backlog of full blocks taken in proposal
 * order does neither.
 *
 * <p>Times: grace 1000 ms, forwardAfter 1000 ms, complainAfter 2000 ms, resend interval 300 ms (a transaction this
 * backup sent is sent once more, in another frame, at the first tick a resend interval later: only two sends prove
 * receipt); view timeouts are pushed out of the way so only the censorship rules can start a view change or forward
 * a transaction.
 */
class CensorshipEvidenceTest {
    private static final HashAlgorithm H = HashAlgorithm.SHA256;
    private static final int N = 4;
    private static final long GRACE = 1000;
    private static final byte[] ROOT = new byte[32];
    /** Replica's proposal order: timestamp, hash, replay key. */
    private static final Comparator<Transaction> ORDER = Comparator.comparingLong(Transaction::timestamp)
            .thenComparing(Transaction::hashHex).thenComparing(Transaction::replayKey);

    private final TestSigning keys = new TestSigning(N);
    private final Random r = new Random(77);

    /** One backup under test, plus what the rest of the (honest-but-for-the-primary) group would send it. */
    private final class Backup {
        final int self;
        final ConsensusConfig cfg;
        final Replica rep;
        final PrimaryElectionPropertyTest.MemoryLedger chain = new PrimaryElectionPropertyTest.MemoryLedger();
        byte[] prevHash = new byte[32];
        long lastTs;

        Backup(PrimaryPolicy policy, Consumer<ConsensusConfig.Builder> tune) {
            // The backup is any member that is not the primary of height 1, view 0.
            int p1 = new Replica(config(0, policy, tune), new PrimaryElectionPropertyTest.MemoryLedger(), tx -> true, null).primary(0);
            this.self = (p1 + 1) % N;
            this.cfg = config(self, policy, tune);
            this.rep = new Replica(cfg, new PrimaryElectionPropertyTest.MemoryLedger(), tx -> true, null);
            rep.step(0, new Event.Executed(0, ROOT, List.of()));
        }

        private ConsensusConfig config(int member, PrimaryPolicy policy, Consumer<ConsensusConfig.Builder> tune) {
            ConsensusConfig.Builder b = ConsensusConfig.builder("c", H, keys, member, keys.signer(member), new byte[32])
                    .primaryPolicy(policy).censorshipGraceMs(GRACE).forwardAfterMs(1000).complainAfterMs(2000)
                    .viewTimeout(600_000, 600_000);
            tune.accept(b);
            return b.build();
        }

        int other() {
            for (int m = 0; m < N; m++) {
                if (m != self && m != rep.primary()) {
                    return m;
                }
            }
            throw new AssertionError();
        }

        /** A transaction reaches the backup from another member's gossip (not from a client of its own). */
        void gossip(long at, Transaction... txs) {
            Ready rd = rep.step(at, new Event.Receive(Wire.sign("c", other(), new Message.TxMessage(List.of(txs)), keys.signer(other())).encode()));
            assertTrue(forwarded(rd).isEmpty(), "receiving gossip is not forwarding");
        }

        Ready tick(long at) {
            return rep.step(at, new Event.Tick());
        }

        /**
         * The current primary proposes {@code txs} at {@code at}, everybody prepares and commits, and the node
         * executes the block. With {@code samePrimaryNext} the block's timestamp is chosen so that the credit
         * election makes the same member primary of the next height too (a primary that keeps its tenure).
         */
        Block commit(long at, boolean samePrimaryNext, List<Transaction> txs) {
            int primary = rep.primary();
            return commit(at, samePrimaryNext ? m -> m == primary : m -> true, txs);
        }

        /** As above, with a timestamp chosen so that the next height's primary satisfies {@code nextOk}. */
        Block commit(long at, java.util.function.IntPredicate nextOk, List<Transaction> txs) {
            return commit(at, nextOk, txs, true);
        }

        /** As above; without {@code execute} the node has not yet reported the block executed (its store is pending). */
        Block commit(long at, java.util.function.IntPredicate nextOk, List<Transaction> txs, boolean execute) {
            List<Transaction> sorted = new ArrayList<>(txs);
            sorted.sort(ORDER);
            long height = rep.height() + 1;
            long view = rep.view();
            int primary = rep.primary();
            assertNotEquals(self, primary, "the replica under test must be a backup");
            Block block = null;
            for (long ts = Math.max(at, lastTs + 1); block == null; ts++) {
                BlockHeader h = new BlockHeader("c", height, prevHash, Merkle.rootOf(H, sorted), ROOT, ts, primary, view, List.of(),
                        sorted.size());
                Block b = new Block(h, sorted);
                if (nextOk.test(nextPrimary(b))) {
                    block = b;
                }
                assertTrue(ts < at + 1000, "no timestamp keeps the primary");
            }
            byte[] d = block.hash(H);
            Ready rd = rep.step(at, new Event.Receive(Wire.sign("c", primary, new Message.PrePrepare(view, height, block), keys.signer(primary)).encode()));
            assertEquals(1, count(rd, Message.Prepare.class), "the backup accepts the proposal");
            for (int m = 0; m < N; m++) {
                if (m != self && m != primary) {
                    rep.step(at, new Event.Receive(Wire.sign("c", m, new Message.Prepare(view, height, d), keys.signer(m)).encode()));
                }
            }
            List<CertifiedBlock> committed = new ArrayList<>();
            for (int m = 0; m < N; m++) {
                if (m != self) {
                    rd = rep.step(at, new Event.Receive(Wire.sign("c", m, new Message.Commit(view, height, d), keys.signer(m)).encode()));
                    committed.addAll(rd.committed());
                }
            }
            assertEquals(1, committed.size(), "block " + height + " commits");
            assertEquals(height, rep.height());
            if (execute) {
                rep.step(at, new Event.Executed(height, ROOT, List.of()));
            }
            chain.blocks.add(committed.get(0));
            prevHash = d;
            lastTs = block.header().timestamp();
            assertTrue(nextOk.test(rep.primary()), "the intended primary at the next height");
            return block;
        }

        /** The current primary proposes {@code txs} at {@code at}; what the backup answers (it may refuse). */
        Ready propose(long at, List<Transaction> txs) {
            List<Transaction> sorted = new ArrayList<>(txs);
            sorted.sort(ORDER);
            long height = rep.height() + 1;
            int primary = rep.primary();
            BlockHeader h = new BlockHeader("c", height, prevHash, Merkle.rootOf(H, sorted), ROOT, Math.max(at, lastTs + 1), primary,
                    rep.view(), List.of(), sorted.size());
            return rep.step(at, new Event.Receive(Wire.sign("c", primary, new Message.PrePrepare(rep.view(), height, new Block(h, sorted)),
                    keys.signer(primary)).encode()));
        }

        /** Primary of the height after {@code b}, as every replica will compute it once b is committed. */
        private int nextPrimary(Block b) {
            PrimaryElectionPropertyTest.MemoryLedger l = new PrimaryElectionPropertyTest.MemoryLedger();
            l.blocks.addAll(chain.blocks);
            l.blocks.add(new CertifiedBlock(b, new CommitCertificate(b.header().view(), b.height(), b.hash(H), List.of())));
            return new Replica(cfg, l, tx -> true, null).primary(b.header().view());
        }

        /** Transactions this backup sent in TxMessages in {@code rd}. */
        List<Transaction> forwarded(Ready rd) {
            List<Transaction> out = new ArrayList<>();
            for (Ready.Outbound o : rd.messages()) {
                Signed s = Wire.decode(o.bytes(), H);
                if (s.sender() == self && s.body() instanceof Message.TxMessage) {
                    assertEquals(Ready.ALL, o.to(), "a forward goes to every member");
                    out.addAll(((Message.TxMessage) s.body()).txs());
                }
            }
            return out;
        }
    }

    private static long count(Ready rd, Class<? extends Message> type) {
        return rd.messages().stream().filter(o -> type.isInstance(Wire.decode(o.bytes(), H).body())).count();
    }

    private static List<Message.ViewChange> viewChanges(Ready rd) {
        List<Message.ViewChange> out = new ArrayList<>();
        for (Ready.Outbound o : rd.messages()) {
            if (Wire.decode(o.bytes(), H).body() instanceof Message.ViewChange vc) {
                out.add(vc);
            }
        }
        return out;
    }

    private Transaction tx(long ts) {
        return PrimaryElectionPropertyTest.tx(r, ts);
    }

    // ------------------------------------------------------------------ 1. forwarding on evidence

    @Test
    void blockWithRoomThatLeavesOutAnOldTransactionMakesTheBackupForwardIt() {
        Backup b = new Backup(PrimaryPolicy.ROTATION, c -> { });
        Transaction t = tx(100);
        b.gossip(0, t);
        assertTrue(b.forwarded(b.tick(500)).isEmpty());
        // One transaction in a block that holds up to 500: room for t, which waited 1500 ms > grace.
        b.commit(1500, false, List.of(tx(50)));
        assertEquals(1, b.rep.pendingCount());
        Ready rd = b.tick(1510);
        assertEquals(List.of(t), b.forwarded(rd), "the unfairly left-out transaction is forwarded at the next tick");
        assertTrue(viewChanges(rd).isEmpty(), "first evidence only forwards, it does not complain");
        assertTrue(b.forwarded(b.tick(1520)).isEmpty(), "forwarded once, not at every tick");
    }

    @Test
    void blockThatSkipsAnOlderTransactionForALaterOneMakesTheBackupForwardIt() {
        Backup b = new Backup(PrimaryPolicy.ROTATION, c -> c.maxMessageCount(2));
        Transaction t = tx(100);
        b.gossip(0, t);
        // Full block (2 of 2), but it holds a transaction that comes after t in the proposal order.
        b.commit(1500, false, List.of(tx(50), tx(200)));
        assertEquals(List.of(t), b.forwarded(b.tick(1510)));
    }

    @Test
    void fullBlockOfEarlierTransactionsIsALegitimateBacklog() {
        Backup b = new Backup(PrimaryPolicy.ROTATION, c -> c.maxMessageCount(2));
        Transaction t = tx(100);
        b.gossip(0, t);
        // Full block whose transactions all precede t in the proposal order: a fair primary would do the same.
        b.commit(1500, false, List.of(tx(50), tx(99)));
        Ready rd = b.tick(1510);
        assertTrue(b.forwarded(rd).isEmpty(), "no evidence, no forward");
        assertTrue(viewChanges(rd).isEmpty());
    }

    @Test
    void transactionArrivedWithinTheGracePeriodIsNotForwarded() {
        Backup b = new Backup(PrimaryPolicy.ROTATION, c -> { });
        Transaction t = tx(100);
        b.gossip(1000, t); // 500 ms before the proposal: the primary may not have it yet
        b.commit(1500, false, List.of(tx(50)));
        assertTrue(b.forwarded(b.tick(1510)).isEmpty(), "within the grace period a miss is no evidence");
        // Control: the boundary (exactly one grace period before the proposal) counts.
        Backup c = new Backup(PrimaryPolicy.ROTATION, x -> { });
        Transaction u = tx(100);
        c.gossip(500, u);
        c.commit(1500, false, List.of(tx(50)));
        assertEquals(List.of(u), c.forwarded(c.tick(1510)));
    }

    // ------------------------------------------------------------------ 2. complaint on proof

    /** Height 1 and 2 by the same primary P (credit election), t pending at the backup since 0. */
    private Backup censoredOnce(Transaction t) {
        Backup b = new Backup(PrimaryPolicy.CREDIT, c -> { });
        assertTrue(b.forwarded(b.tick(0)).isEmpty()); // P's tenure starts here
        b.gossip(0, t);
        b.commit(1500, true, List.of(tx(50))); // room, t left out: evidence, forward
        Ready rd = b.tick(1510);
        assertEquals(List.of(t), b.forwarded(rd));
        assertTrue(viewChanges(rd).isEmpty());
        sentAgain(b, t, 1810);
        return b;
    }

    /** The second send of {@code t}, in another frame, at the first tick a resend interval (300 ms) after the first. */
    private static void sentAgain(Backup b, Transaction t, long at) {
        assertTrue(b.forwarded(b.tick(at - 10)).isEmpty(), "not again before the resend interval");
        assertEquals(List.of(t), b.forwarded(b.tick(at)), "sent again a resend interval later");
    }

    @Test
    void secondUnfairMissAfterTheForwardIsRefused() {
        Transaction t = tx(100);
        Backup b = censoredOnce(t);
        int censor = b.rep.primary();
        // P proposes again a grace period after the forward's second frame (1810) and leaves t out: provable censorship.
        // The backup refuses to prepare it (it must not commit and credit P); if enough members refuse, the round
        // times out at all of them together and P is a failed primary on the chain.
        assertEquals(0, count(b.propose(2810, List.of(tx(60))), Message.Prepare.class), "a proven miss is not prepared");
        assertEquals(censor, b.rep.primary());
        Ready rd = b.tick(2820);
        assertEquals(List.of(t), b.forwarded(rd), "forwarded again, for the next primary");
        assertTrue(viewChanges(rd).isEmpty(), "no lone VIEW-CHANGE: it would put this replica out of step with the others");
        assertFalse(b.rep.inViewChange());
        // Control: the same proposal holding t is prepared.
        Backup c = censoredOnce(t);
        assertEquals(1, count(c.propose(2810, List.of(tx(60), t)), Message.Prepare.class));
        // Control: one frame only. A proposal a grace after the first forward (1510) but before the second frame had a
        // grace period is prepared: that one frame may have been lost on its way to the primary.
        Backup d = censoredOnce(t);
        assertEquals(1, count(d.propose(2809, List.of(tx(60))), Message.Prepare.class), "one frame is no proof of receipt");
    }

    @Test
    void noViewChangeWhenTheForwardedTransactionIsIncluded() {
        Transaction t = tx(100);
        Backup b = censoredOnce(t);
        b.commit(2600, true, List.of(tx(60), t));
        assertEquals(0, b.rep.pendingCount());
        Ready rd = b.tick(2610);
        assertTrue(viewChanges(rd).isEmpty());
        assertTrue(b.forwarded(rd).isEmpty());
        assertFalse(b.rep.inViewChange());
    }

    @Test
    void noViewChangeWhenTheSecondBlockIsAFullBacklogInOrder() {
        Transaction t = tx(100);
        Backup b = new Backup(PrimaryPolicy.CREDIT, c -> c.maxMessageCount(2));
        b.tick(0);
        b.gossip(0, t);
        b.commit(1500, true, List.of(tx(50)));
        assertEquals(List.of(t), b.forwarded(b.tick(1510)));
        sentAgain(b, t, 1810);
        b.commit(2900, true, List.of(tx(60), tx(70))); // full, both before t: t's turn has not come
        Ready rd = b.tick(2610);
        assertTrue(viewChanges(rd).isEmpty());
        assertTrue(b.forwarded(rd).isEmpty());
        assertFalse(b.rep.inViewChange());
    }

    @Test
    void noViewChangeWhenTheSecondBlockWasProposedBeforeTheForwardHadAGracePeriod() {
        Transaction t = tx(100);
        Backup b = censoredOnce(t); // forwarded at 1510
        b.commit(2400, true, List.of(tx(60))); // accepted at 2400 < 1810 + grace: the second frame may not have arrived
        Ready rd = b.tick(2410);
        assertTrue(viewChanges(rd).isEmpty(), "not yet proof that the primary had it");
        assertEquals(List.of(t), b.forwarded(rd), "but it is evidence again: forward once more");
        assertFalse(b.rep.inViewChange());
        // Two frames sent a grace period before (1510, 1810; the forward at 2410 adds nothing): a third miss is refused.
        assertEquals(0, count(b.propose(3500, List.of(tx(70))), Message.Prepare.class));
    }

    @Test
    void refusalOnProofDoesNotWaitForThePrimarysTenure() {
        Transaction t = tx(100);
        // complainAfter 5000: the censor has been primary only 2810 ms when the proof arrives. It had t a grace period
        // and proposed without it: that proposal was its chance (a primary elected for one height never has a long
        // tenure, and waiting for one would let it censor for ever).
        Backup b = new Backup(PrimaryPolicy.CREDIT, c -> c.complainAfterMs(5000));
        b.tick(0);
        b.gossip(0, t);
        b.commit(1500, true, List.of(tx(50)));
        assertEquals(List.of(t), b.forwarded(b.tick(1510)));
        sentAgain(b, t, 1810);
        assertEquals(0, count(b.propose(2810, List.of(tx(60))), Message.Prepare.class), "refused at once, whatever the tenure");
    }

    @Test
    void aTransactionGossipedToUsAloneIsNoProof() {
        // A Byzantine member gossips t to this backup only: the primary never had it. Leaving it out is evidence to
        // forward, not proof to refuse on; only what this node itself sent to every member counts.
        Transaction t = tx(100);
        Backup b = new Backup(PrimaryPolicy.ROTATION, c -> { });
        b.gossip(0, t);
        assertEquals(1, count(b.propose(1500, List.of(tx(50))), Message.Prepare.class), "prepared: no proof the primary had t");
    }

    @Test
    void ourOwnClientsTransactionGossipedTwiceAGraceAgoIsProof() {
        // The gossip of a transaction from this node's own client went to every member, the primary included, in two
        // frames (110, and again at 410).
        Transaction t = tx(100);
        Backup b = new Backup(PrimaryPolicy.ROTATION, c -> { });
        b.rep.step(100, new Event.Submit(t));
        assertEquals(List.of(t), b.forwarded(b.tick(110)), "gossiped to every member");
        sentAgain(b, t, 410);
        assertEquals(0, count(b.propose(1410, List.of(tx(50))), Message.Prepare.class), "a grace period after the second frame: refused");
        Backup c = new Backup(PrimaryPolicy.ROTATION, x -> { });
        c.rep.step(100, new Event.Submit(t));
        c.tick(110);
        sentAgain(c, t, 410);
        assertEquals(1, count(c.propose(1409, List.of(tx(50))), Message.Prepare.class), "control: within the grace it is no proof");
        // Network attacker: the one gossip frame to the primary may be lost. Sent once (no tick since), a grace
        // period and more before the proposal, it proves nothing (this refused before).
        Backup d = new Backup(PrimaryPolicy.ROTATION, x -> { });
        d.rep.step(100, new Event.Submit(t));
        d.tick(110);
        assertEquals(1, count(d.propose(1410, List.of(tx(50))), Message.Prepare.class), "one frame is no proof of receipt");
    }

    @Test
    void aDecoyProposalForALaterViewDoesNotMoveAnHonestProposalsFirstArrival() {
        // Red team (Byzantine member): the honest primary P of height 2 proposes at 500, before this backup has sent
        // t twice (110, 410) a grace ago; the backup has not yet stored height 1, so the proposal waits for execution
        // (the usual case with storage beside execution) and is judged at its first arrival, 500: no proof, prepared.
        // A Byzantine member Z, primary of a later view, sends a PRE-PREPARE for that view in between: Round keeps
        // one first arrival, for the highest view seen, so P's proposal was judged at 1500, when height 1 was stored
        // (410 + grace <= 1500): refused, and with Z silent P failed its round (framed).
        for (boolean decoy : new boolean[] {false, true}) {
            Transaction t = tx(100);
            Backup b = new Backup(PrimaryPolicy.CREDIT, c -> { });
            b.rep.step(100, new Event.Submit(t));
            assertEquals(List.of(t), b.forwarded(b.tick(110)), "gossiped to every member");
            b.commit(200, m -> m != b.self, List.of(tx(50)), false); // committed, not yet stored
            sentAgain(b, t, 410);
            assertEquals(0, count(b.propose(500, List.of(tx(60))), Message.Prepare.class), "waits for execution");
            int p = b.rep.primary();
            if (decoy) {
                long v = 1;
                while (b.rep.primary(v) == p || b.rep.primary(v) == b.self) {
                    v++;
                }
                int z = b.rep.primary(v);
                BlockHeader h = new BlockHeader("c", 2, b.prevHash, Merkle.rootOf(H, List.of()), ROOT, 600, z, v, List.of(), 0);
                b.rep.step(600, new Event.Receive(Wire.sign("c", z, new Message.PrePrepare(v, 2, new Block(h, List.of())),
                        keys.signer(z)).encode()));
            }
            Ready rd = b.rep.step(1500, new Event.Executed(1, ROOT, List.of()));
            assertEquals(1, count(rd, Message.Prepare.class), "the honest proposal is judged at its first arrival (decoy "
                    + decoy + ")");
        }
    }

    @Test
    void complaintTargetsTheCensorNotAnInnocentPrimaryWhoseTenureSpansIt() {
        // Q proposes heights 1 and 2 and P (the censor) height 3, all committing between two ticks (blocks can
        // commit faster than the node ticks); Q is primary again at height 4. Tenure is sampled at ticks only,
        // so at the tick after height 3 Q still looks like a primary in office since 0.
        Transaction t = tx(100);
        Backup b = new Backup(PrimaryPolicy.CREDIT, c -> c.maxMessageCount(2));
        int q = b.rep.primary();
        b.tick(0);
        b.gossip(0, t);
        b.commit(1500, m -> m == q, List.of(tx(50))); // room: evidence, forward
        assertEquals(List.of(t), b.forwarded(b.tick(1510)));
        sentAgain(b, t, 1810);
        b.commit(2600, m -> m != q && m != b.self, List.of(tx(60), tx(70))); // Q: full and in order, fair
        int p = b.rep.primary();
        assertNotEquals(p, q);
        // P: room, t left out a grace period after the forward's second frame. Refused while P is the primary, before
        // its block can commit; Q, fair after the forward, was prepared and never complained about.
        assertEquals(0, count(b.propose(2850, List.of(tx(80))), Message.Prepare.class));
        assertEquals(p, b.rep.primary());
        Ready rd = b.tick(2860);
        assertEquals(List.of(t), b.forwarded(rd), "the miss is still evidence: forward again");
        assertTrue(viewChanges(rd).isEmpty(), "no complaint against Q, and no lone VIEW-CHANGE against P");
    }

    // ------------------------------------------------------------------ re-proposal

    @Test
    void aReproposedBlockThatCommitsLateDoesNotBlameItsOriginalProposer() {
        // P proposes B (view 0, room, t left out) at 200, before this backup's two sends of t (110, 410) had a grace
        // period: no proof, prepared. B prepares but does not commit; the view changes, and the new primary's NEW-VIEW
        // re-proposes B (header unchanged: proposer P, view 0), which commits at 3000, long after 410 + grace. P made B
        // at 200 and could not have held t then: the late acceptance is no evidence against P. P is primary again at
        // height 2 with its tenure (sampled at ticks) since 110, so a complaint would be a VIEW-CHANGE against it.
        Transaction t = tx(100);
        Backup b = new Backup(PrimaryPolicy.CREDIT, c -> { });
        int p = b.rep.primary(0);
        long v = 1;
        while (b.rep.primary(v) == p || b.rep.primary(v) == b.self) {
            v++;
        }
        int q = b.rep.primary(v);
        List<Integer> others = new ArrayList<>(); // the members other than this backup and P (q among them)
        for (int m = 0; m < N; m++) {
            if (m != b.self && m != p) {
                others.add(m);
            }
        }
        b.rep.step(100, new Event.Submit(t));
        assertEquals(List.of(t), b.forwarded(b.tick(110)), "gossiped to every member");
        // B: dated so that the credit election makes P the primary of height 2 again.
        Block block = null;
        for (long ts = 200; block == null; ts++) {
            List<Transaction> txs = List.of(tx(50));
            BlockHeader h = new BlockHeader("c", 1, b.prevHash, Merkle.rootOf(H, txs), ROOT, ts, p, 0, List.of(), txs.size());
            Block cand = new Block(h, txs);
            if (b.nextPrimary(cand) == p) {
                block = cand;
            }
            assertTrue(ts < 1200, "no timestamp keeps P");
        }
        byte[] d = block.hash(H);
        Signed pp0 = Wire.sign("c", p, new Message.PrePrepare(0, 1, block), keys.signer(p));
        assertEquals(1, count(b.rep.step(200, new Event.Receive(pp0.encode())), Message.Prepare.class),
                "B is prepared: t's sends had no grace period yet");
        List<Signed> prepares0 = new ArrayList<>();
        for (int m : others) {
            Signed s = Wire.sign("c", m, new Message.Prepare(0, 1, d), keys.signer(m));
            prepares0.add(s);
            b.rep.step(200, new Event.Receive(s.encode()));
        }
        sentAgain(b, t, 410);
        // No COMMIT arrives: the view changes to v (f + 1 VIEW-CHANGEs make the backup join), carrying B's certificate.
        Message.PreparedCert cert = new Message.PreparedCert(pp0, List.copyOf(prepares0));
        List<Signed> vcs = new ArrayList<>();
        for (int m : new int[] {others.get(0), others.get(1), p}) {
            vcs.add(Wire.sign("c", m, new Message.ViewChange(1, v, cert), keys.signer(m)));
        }
        for (Signed s : vcs.subList(0, 2)) {
            b.rep.step(1000, new Event.Receive(s.encode()));
        }
        assertTrue(b.rep.inViewChange());
        assertEquals(v, b.rep.view());
        b.tick(2000); // (in a view change: tenure is not sampled)
        // q's NEW-VIEW re-proposes B; it prepares and commits in view v at 3000, between two ticks.
        Signed pp = Wire.sign("c", q, new Message.PrePrepare(v, 1, block), keys.signer(q));
        Ready rd = b.rep.step(3000, new Event.Receive(Wire.sign("c", q, new Message.NewView(1, v, List.copyOf(vcs), pp),
                keys.signer(q)).encode()));
        assertEquals(1, count(rd, Message.Prepare.class), "the re-proposal is accepted");
        for (int m = 0; m < N; m++) {
            if (m != b.self && m != q) {
                b.rep.step(3000, new Event.Receive(Wire.sign("c", m, new Message.Prepare(v, 1, d), keys.signer(m)).encode()));
            }
        }
        List<CertifiedBlock> committed = new ArrayList<>();
        for (int m = 0; m < N; m++) {
            if (m != b.self) {
                committed.addAll(b.rep.step(3000, new Event.Receive(Wire.sign("c", m, new Message.Commit(v, 1, d),
                        keys.signer(m)).encode())).committed());
            }
        }
        assertEquals(1, committed.size(), "B commits in view " + v);
        assertEquals(v, committed.get(0).certificate().view());
        assertEquals(p, committed.get(0).block().header().proposer(), "the re-proposal keeps P as its proposer");
        b.rep.step(3000, new Event.Executed(1, ROOT, List.of()));
        assertEquals(p, b.rep.primary(), "P is the primary of height 2");
        assertEquals(1, b.rep.pendingCount());
        rd = b.tick(3010);
        assertTrue(viewChanges(rd).isEmpty(), "no complaint against P, who proposed B before t could be proof");
        assertFalse(b.rep.inViewChange());
        assertEquals(List.of(t), b.forwarded(rd), "B left t out with room: still evidence to forward it");
    }

    // ------------------------------------------------------------------ 3. steady backlog

    @Test
    void steadyBacklogOfFullOrderedBlocksIsNeverReBroadcast() {
        Backup b = new Backup(PrimaryPolicy.CREDIT, c -> c.maxMessageCount(2));
        List<Transaction> backlog = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            backlog.add(tx(100 + i));
        }
        backlog.sort(ORDER);
        b.tick(0);
        b.gossip(0, backlog.toArray(new Transaction[0]));
        List<Transaction> resent = new ArrayList<>();
        long now = 1490; // no tick before the first block: an idle start is a stall, which the fallback covers
        int next = 0;
        // A block every 800 ms by the same primary, each the two oldest pending transactions; ticks every
        // 100 ms in between. Everything pending waited longer than the grace and forwardAfter.
        for (long at = 1500; next < backlog.size(); at += 800) {
            while (now + 100 < at) {
                now += 100;
                resent.addAll(b.forwarded(b.tick(now)));
            }
            b.commit(at, true, backlog.subList(next, next + 2));
            next += 2;
            assertEquals(backlog.size() - next, b.rep.pendingCount());
            now = at + 10;
            Ready rd = b.tick(now);
            resent.addAll(b.forwarded(rd));
            assertTrue(viewChanges(rd).isEmpty());
        }
        assertTrue(resent.isEmpty(), "a backlog taken in order is not censorship: nothing re-broadcast, got " + resent.size());
        assertFalse(b.rep.inViewChange());
    }

    @Test
    void withNothingCommittingOldTransactionsAreForwardedOncePerComplaintPeriod() {
        Backup b = new Backup(PrimaryPolicy.ROTATION, c -> { });
        Transaction t = tx(100);
        b.gossip(0, t);
        List<Long> when = new ArrayList<>();
        for (long at = 100; at <= 6000; at += 100) {
            if (!b.forwarded(b.tick(at)).isEmpty()) {
                when.add(at);
            }
        }
        // stalled since 0: forwarded once it waited forwardAfter (1000), once more in another frame a resend interval
        // later (1300), then every complainAfter (2000) after the last send
        assertEquals(List.of(1000L, 1300L, 3300L, 5300L), when);
    }
}
