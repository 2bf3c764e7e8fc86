package org.fundchain.consensus;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
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
 * Attacks on block time and on the censorship rule (issue 10, items 4, 5 and 7), each played against replicas
 * driven by hand. Every time here is a {@code step} argument: nothing reads a clock.
 *
 * <ul>
 * <li>A Byzantine primary dates a block an hour before the backup's clock, or before a transaction it holds.</li>
 * <li>A member whose clock is 29 s fast (inside the skew) keeps chain time ahead; that must not cost anybody credit.</li>
 * <li>A Byzantine member frames honest primaries by putting old-dated transactions in its own blocks.</li>
 * <li>A member gossips transactions dated far outside the client window; gossiped transactions never expire.</li>
 * </ul>
 */
class BlockTimeAndFramingTest {
    private static final HashAlgorithm H = HashAlgorithm.SHA256;
    private static final int N = 4;
    private static final byte[] ROOT = new byte[32];
    private static final long HOUR = 3_600_000;
    private static final long SKEW = 30_000;
    private static final long GRACE = 1000;
    private static final Comparator<Transaction> ORDER = Comparator.comparingLong(Transaction::timestamp)
            .thenComparing(Transaction::hashHex).thenComparing(Transaction::replayKey);

    private final TestSigning keys = new TestSigning(N);
    private final Random r = new Random(10);

    private ConsensusConfig config(int self, Consumer<ConsensusConfig.Builder> tune) {
        ConsensusConfig.Builder b = ConsensusConfig.builder("c", H, keys, self, keys.signer(self), new byte[32])
                .primaryPolicy(PrimaryPolicy.ROTATION).maxClockSkewMs(SKEW).censorshipGraceMs(GRACE)
                .viewTimeout(10 * HOUR, 10 * HOUR).forwardAfterMs(10 * HOUR).complainAfterMs(10 * HOUR);
        tune.accept(b);
        return b.build();
    }

    /** Member 0 as a backup (rotation: member h mod 4 is the primary of height h in view 0). */
    private Replica backup() {
        return backup(b -> { });
    }

    private Replica backup(Consumer<ConsensusConfig.Builder> tune) {
        Replica rep = new Replica(config(0, tune), new PrimaryElectionPropertyTest.MemoryLedger(), tx -> true, null);
        rep.step(0, new Event.Executed(0, ROOT, List.of()));
        return rep;
    }

    private Transaction tx(long ts) {
        return PrimaryElectionPropertyTest.tx(r, ts);
    }

    private static Block block(Replica rep, long ts, List<Transaction> txs) {
        List<Transaction> sorted = new ArrayList<>(txs);
        sorted.sort(ORDER);
        BlockHeader h = new BlockHeader("c", rep.height() + 1, rep.lastBlockHash(), Merkle.rootOf(H, sorted), ROOT, ts, rep.primary(),
                rep.view(), List.of(), sorted.size());
        return new Block(h, sorted);
    }

    /** The current primary proposes a block dated {@code ts} at local time {@code at}: did the backup PREPARE it? */
    private boolean prepares(Replica rep, long at, Block b) {
        int p = rep.primary();
        Ready rd = rep.step(at, new Event.Receive(Wire.sign("c", p, new Message.PrePrepare(rep.view(), b.height(), b), keys.signer(p)).encode()));
        return rd.messages().stream().anyMatch(o -> Wire.decode(o.bytes(), H).body() instanceof Message.Prepare);
    }

    /** Proposal accepted, then PREPAREs and COMMITs of the other members: the block commits and is executed. */
    private void commit(Replica rep, long at, Block b) {
        assertTrue(prepares(rep, at, b), "the honest proposal is accepted");
        byte[] d = b.hash(H);
        long v = rep.view();
        for (int m = 1; m < N; m++) {
            if (m != rep.primary()) {
                rep.step(at, new Event.Receive(Wire.sign("c", m, new Message.Prepare(v, b.height(), d), keys.signer(m)).encode()));
            }
        }
        for (int m = 1; m < N; m++) {
            rep.step(at, new Event.Receive(Wire.sign("c", m, new Message.Commit(v, b.height(), d), keys.signer(m)).encode()));
        }
        assertEquals(b.height(), rep.height(), "block commits");
        rep.step(at, new Event.Executed(b.height(), ROOT, List.of()));
    }

    private void gossip(Replica rep, long at, Transaction... txs) {
        rep.step(at, new Event.Receive(Wire.sign("c", 2, new Message.TxMessage(List.of(txs)), keys.signer(2)).encode()));
    }

    // ------------------------------------------------------------------ item 4: block time bounded both ways

    @Test
    void afterAnIdleHourABlockDatedAnHourBeforeTheBackupsClockIsRefused() {
        Replica rep = backup();
        commit(rep, 1000, block(rep, 1000, List.of(tx(900))));
        long now = HOUR + 1000; // an idle hour later
        // "after the previous block" and "not too far ahead" both hold; an hour behind our clock does not.
        assertTrue(!prepares(rep, now, block(rep, 1001, List.of(tx(1001)))), "a block dated an hour before our clock");
        Replica control = backup();
        commit(control, 1000, block(control, 1000, List.of(tx(900))));
        assertTrue(prepares(control, now, block(control, now - SKEW + 1, List.of(tx(now - SKEW)))), "control: within the skew behind is fine");
    }

    @Test
    void blockDatedBeforeATransactionItContainsIsRefused() {
        long now = HOUR;
        Transaction t = tx(now - 100);
        Replica rep = backup();
        gossip(rep, now - 50, t);
        // Within the skew of our clock (10 s behind), but 9.9 s before the transaction inside it.
        assertTrue(!prepares(rep, now, block(rep, now - 10_000, List.of(t))), "block time before a contained transaction");
        Replica control = backup();
        gossip(control, now - 50, t);
        assertTrue(prepares(control, now, block(control, t.timestamp() - GRACE, List.of(t))), "control: within the grace");
    }

    @Test
    void blockHoldingATransactionOlderThanTheTransactionAgeLimitIsRefused() {
        // The mempool lets such a transaction expire (below); a block may not bring it back.
        long now = HOUR;
        Replica rep = backup(b -> b.maxTxAgeMs(60_000));
        assertTrue(!prepares(rep, now, block(rep, now, List.of(tx(now - 60_001)))), "expired transaction in a block");
        Replica control = backup(b -> b.maxTxAgeMs(60_000));
        assertTrue(prepares(control, now, block(control, now, List.of(tx(now - 60_000)))));
    }

    // ------------------------------------------------------------------ credit is a fold over the chain

    private static long[] scoresAfter(ConsensusConfig cfg, List<Block> chain) {
        PrimaryElectionPropertyTest.MemoryLedger l = new PrimaryElectionPropertyTest.MemoryLedger();
        for (Block b : chain) {
            l.blocks.add(new CertifiedBlock(b, new CommitCertificate(b.header().view(), b.height(), b.hash(H), List.of())));
        }
        return new Replica(cfg, l, tx -> true, null).creditScores(); // replays the chain: scores are a pure fold
    }

    private List<Block> chain(int blocks, java.util.function.IntToLongFunction clockOffset, java.util.function.IntFunction<List<Transaction>> extra) {
        List<Block> out = new ArrayList<>();
        byte[] prev = new byte[32];
        long last = 0;
        for (int h = 1; h <= blocks; h++) {
            long trueTime = 10_000 + 1000L * h;
            int proposer = h % N;
            long ts = Math.max(trueTime + clockOffset.applyAsLong(proposer), last + 1);
            List<Transaction> txs = new ArrayList<>(List.of(tx(trueTime - 100))); // a client submitted it 100 ms ago
            txs.addAll(extra.apply(h));
            txs.sort(ORDER);
            BlockHeader hd = new BlockHeader("c", h, prev, Merkle.rootOf(H, txs), ROOT, ts, proposer, 0, List.of(), txs.size());
            Block b = new Block(hd, txs);
            out.add(b);
            prev = b.hash(H);
            last = ts;
        }
        return out;
    }

    @Test
    void aTwentyNineSecondFastHonestClockCostsNobodyCredit() {
        // Member 1's clock is 29 s fast (inside the 30 s skew): its blocks, and every block after them, are dated
        // ahead of the clients' clocks. Nobody censored anything.
        List<Block> chain = chain(60, m -> m == 1 ? 29_000 : 0, h -> List.of());
        long[] s = scoresAfter(config(0, b -> { }), chain);
        for (int m = 0; m < N; m++) {
            assertEquals(CreditScores.SUCCESS, s[m], "member " + m + " lost credit to a fast clock: " + Arrays.toString(s));
        }
    }

    @Test
    void aMemberCannotFrameHonestPrimariesWithOldDatedTransactionsInItsOwnBlocks() {
        // Member 3 (Byzantine) puts a transaction of its own, dated 5 s back and never gossiped, into each of its
        // blocks: nobody else ever had it, so nobody else can be blamed for leaving it out.
        List<Block> chain = chain(60, m -> 0, h -> h % N == 3 ? List.of(tx(10_000 + 1000L * h - 5000)) : List.of());
        long[] s = scoresAfter(config(0, b -> { }), chain);
        for (int m = 0; m < 3; m++) {
            assertEquals(CreditScores.SUCCESS, s[m], "honest member " + m + " framed: " + Arrays.toString(s));
        }
    }

    @Test
    void aFailedPrimaryOnChainStillLosesCredit() {
        // The evidence that does count: a view change at a height (2f+1 members moved on without the primary).
        List<Block> chain = new ArrayList<>(chain(4, m -> 0, h -> List.of()));
        Block last = chain.get(3);
        List<Transaction> txs = List.of(tx(5000));
        BlockHeader hd = new BlockHeader("c", 5, last.hash(H), Merkle.rootOf(H, txs), ROOT, 5100, 0, 1, List.of(1), 1);
        chain.add(new Block(hd, txs));
        long[] s = scoresAfter(config(0, b -> { }), chain);
        assertTrue(s[1] < CreditScores.SUCCESS, Arrays.toString(s));
        assertEquals(CreditScores.SUCCESS, s[0]);
    }

    // ------------------------------------------------------------------ items 5 and 7: gossip window and expiry

    @Test
    void gossipedTransactionsOutsideTheTimestampWindowAreRefused() {
        long now = 2 * HOUR;
        Replica rep = backup();
        rep.step(now, new Event.Tick());
        gossip(rep, now, tx(now - HOUR)); // far older than maxTxAge (10 min)
        gossip(rep, now, tx(now + HOUR)); // far ahead of the skew
        assertEquals(0, rep.pendingCount(), "gossip skips the client window");
        gossip(rep, now, tx(now - 1000), tx(now + 1000));
        assertEquals(2, rep.pendingCount(), "control: inside the window");
    }

    @Test
    void gossipedTransactionsExpireFromTheMempool() {
        long age = 60_000;
        Replica rep = backup(b -> b.maxTxAgeMs(age));
        gossip(rep, 1000, tx(1000));
        rep.step(1000 + age, new Event.Tick());
        assertEquals(1, rep.pendingCount(), "not yet expired at exactly the age limit");
        rep.step(1001 + age, new Event.Tick());
        assertEquals(0, rep.pendingCount(), "a gossiped transaction older than maxTxAge leaves the mempool");
    }

    @Test
    void anExpiredClientTransactionIsReportedAsRejected() {
        long age = 60_000;
        Replica rep = backup(b -> b.maxTxAgeMs(age));
        Transaction t = tx(1000);
        rep.step(1000, new Event.Submit(t));
        Ready rd = rep.step(1001 + age, new Event.Tick());
        assertEquals(0, rep.pendingCount());
        assertEquals(List.of(t.hashHex()), rd.rejected().stream().map(Ready.Rejected::txHash).toList(), "the client hears why");
    }
}
