package org.fundchain.consensus;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.fundchain.codec.CodecException;
import org.fundchain.crypto.HashAlgorithm;
import org.fundchain.ledger.Block;
import org.fundchain.ledger.CertifiedBlock;
import org.fundchain.ledger.CommitCertificate;
import org.fundchain.ledger.Reply;
import org.fundchain.ledger.Transaction;
import org.fundchain.consensus.Message.*;

/**
 * One CBFT replica of one chain as a pure state machine: {@link #step(long, Event)} consumes an event and
 * returns a {@link Ready}. No threads, clock, randomness or I/O: the node calls {@code step} from a single
 * event loop, persists and sends what the Ready says, and feeds back {@link Event.Executed}.
 *
 * <p>Protocol (SPEC §2): one height in flight. At height h the view starts at the previous block's view;
 * the primary of (h, v) comes from {@link PrimarySchedule}. PRE-PREPARE → PREPARE (quorum − 1 from backups) →
 * COMMIT (quorum = ⌈(N + f + 1) / 2⌉, 2f+1 when N = 3f + 1) commits the block with its certificate. A replica that
 * sees no progress while it has work (pending transactions or an accepted proposal), or whose forwarded transaction
 * stays unordered too long, moves to the next view with a VIEW-CHANGE carrying its highest prepared certificate; the
 * new primary's NEW-VIEW carries a quorum of them and re-proposes the highest prepared block. Everything
 * unacknowledged is re-sent every resend interval, so lossy links only slow things down. Replicas behind catch up
 * from certified blocks; checkpoints every K blocks agree on the state root and let logs be pruned.
 *
 * <p>This class routes events and owns the timers; each concern has its own class, in the manner of etcd raft's
 * log and progress tracker: {@link CommittedChain} (the committed chain and credit scores), {@link Round} (the round
 * in flight), {@link NormalCase}, {@link ViewChangeProtocol}, {@link Mempool} and {@link CensorshipEvidence},
 * {@link Checkpoints} and {@link CatchUp}.
 */
public final class Replica {
    /** Messages for the height after next kept per sender (a round needs at most a PRE-PREPARE, PREPARE, COMMIT). */
    private static final int MAX_FUTURE_PER_SENDER = 4;

    final ConsensusConfig cfg;
    private final HashAlgorithm hash;
    private final int self;

    private final CommittedChain chain;
    final Round round = new Round();
    private final Mempool mempool;
    private final CensorshipEvidence evidence;
    final NormalCase normal;
    private final ViewChangeProtocol viewChange;
    private final Checkpoints checkpoints;
    final CatchUp catchUp;

    /** The step's time (never goes backwards) and what it asks of the node. */
    long now = Long.MIN_VALUE;
    Ready out;
    private long lastResend;
    private long lastStatus;
    private int tenureOf = -1;
    private long tenureStart;
    private long lastCommitAt;
    /** Restored from a log: resend this round's messages at the first step (the crash may have lost them). */
    private boolean resendOnStart;

    /**
     * A replica resuming from the durable chain in {@code ledger} and the last persisted consensus log
     * ({@code log}, null on first start). Before it proposes or votes it needs {@link Event.Executed} for
     * the ledger's height (the node's current state root).
     */
    public Replica(ConsensusConfig cfg, CommittedLedger ledger, TransactionCheck txCheck, PersistentState log) {
        this.cfg = cfg;
        this.hash = cfg.hash;
        this.self = cfg.self;
        this.chain = new CommittedChain(cfg, ledger);
        this.mempool = new Mempool(cfg, txCheck, chain);
        this.evidence = new CensorshipEvidence(cfg, txCheck, mempool);
        this.normal = new NormalCase(this, chain, round, mempool, evidence, txCheck);
        this.viewChange = new ViewChangeProtocol(this, chain, round);
        this.checkpoints = new Checkpoints(this, chain);
        this.catchUp = new CatchUp(this, chain);
        round.start(chain.nextSchedule(), now);
        if (log != null && log.height == chain.height + 1) {
            round.restore(log, chain.height + 1, self, hash, this::sign);
            resendOnStart = true; // what we said before the crash may never have left the machine
        }
    }

    // ------------------------------------------------------------------ public API

    /** Consumes one event at time {@code nowMs} (the node's clock; must not go backwards) and says what to do. */
    public Ready step(long nowMs, Event event) {
        out = new Ready();
        if (now == Long.MIN_VALUE) {
            round.roundStart = nowMs;
            lastResend = nowMs;
            lastStatus = nowMs - 10 * cfg.resendIntervalMs; // a (re)started replica asks for newer blocks at once
            round.lastProgress = nowMs; // (was Long.MIN_VALUE: now − lastProgress overflowed and a stalled round never resent)
        }
        now = Math.max(now, nowMs);
        if (event instanceof Event.Tick) {
            onTick();
        } else if (event instanceof Event.Receive) {
            onReceive(((Event.Receive) event).bytes());
        } else if (event instanceof Event.Decoded) {
            onFrame(((Event.Decoded) event).frame());
        } else if (event instanceof Event.Submit) {
            onTransaction(((Event.Submit) event).tx(), true);
        } else if (event instanceof Event.Executed) {
            Event.Executed e = (Event.Executed) event;
            onExecuted(e.height(), e.stateRoot(), e.results());
        }
        if (mempool.gossip.size() >= Mempool.GOSSIP_BATCH) {
            flushGossip();
        }
        if (resendOnStart) {
            resendOnStart = false;
            resend();
        }
        if (round.dirty) {
            out.persist = round.snapshot(chain.height + 1);
            round.dirty = false;
        }
        Ready r = out;
        out = null;
        return r;
    }

    /** Committed height. */
    public long height() { return chain.height; }
    /** Current view of the round at height + 1. */
    public long view() { return round.view; }
    public boolean inViewChange() { return round.inViewChange; }
    /** Primary of the current (height + 1, view). */
    public int primary() { return primary(round.view); }
    /** Primary of {@code v} at height + 1 (-1 if v is below this height's first view). */
    public int primary(long v) { return round.primary(v); }
    public long[] creditScores() { return chain.scores.scores(); }
    public int pendingCount() { return mempool.pending.size(); }
    public long stableCheckpoint() { return checkpoints.stable; }
    public byte[] lastBlockHash() { return chain.lastHash.clone(); }

    /**
     * The height the chain has reached as far as this replica can tell: the highest height that at least f+1
     * members (so at least one honest one) have shown, or our own if higher. A progress figure for operators
     * (catch-up), never used for a decision.
     */
    public long networkHeight() { return catchUp.networkHeight(); }

    /** Credit draws of this height's primary schedule (tests: bounded work per message). */
    int scheduleDraws() { return round.schedule.draws(); }

    // ------------------------------------------------------------------ output

    Signed sign(Message m) {
        return Wire.sign(cfg.chainId, self, m, cfg.signer);
    }

    void broadcast(Signed s) {
        out.messages.add(new Ready.Outbound(Ready.ALL, s.encode()));
    }

    void send(int to, Signed s) {
        if (to != self && to >= 0) {
            out.messages.add(new Ready.Outbound(to, s.encode()));
        }
    }

    // ------------------------------------------------------------------ input

    private void onReceive(byte[] bytes) {
        long last = Wire.claimedLastBlockHeight(bytes);
        if (last >= 0 && last <= chain.height) {
            return; // blocks we already have (another peer's copy of the batch): not worth decoding
        }
        Signed s;
        try {
            s = Wire.decode(bytes, hash);
        } catch (CodecException e) {
            return; // garbage from a peer is dropped, never fatal
        }
        onFrame(s);
    }

    private void onFrame(Signed s) {
        if (!s.chainId().equals(cfg.chainId) || s.sender() >= cfg.n() || s.sender() == self || !s.verify(cfg.members)) {
            return;
        }
        Message m = s.body();
        catchUp.notePeerHeight(s.sender(), m);
        if (m instanceof TxMessage) {
            for (Transaction tx : ((TxMessage) m).txs()) {
                onTransaction(tx, false);
            }
        } else if (m instanceof BlockRequest) {
            catchUp.serve(s.sender(), ((BlockRequest) m).fromHeight(), true);
        } else if (m instanceof Blocks) {
            catchUp.onBlocks(s.sender(), ((Blocks) m).blocks());
        } else if (m instanceof Checkpoint) {
            checkpoints.onCheckpoint(s.sender(), (Checkpoint) m);
        } else {
            long h = m.height();
            long height = chain.height;
            if (h == height + 1) {
                onRoundMessage(s);
            } else if (h > height + 1) {
                List<Signed> future = round.future;
                if (h == height + 2 && future.size() < 16 * cfg.n() && fromSender(future, s.sender()) < MAX_FUTURE_PER_SENDER) {
                    future.add(s);
                }
                // One height behind is the normal state of a node still storing its last block: it will
                // commit that block itself in a moment, so ask for it (a whole certified block) only rarely.
                catchUp.askBlocks(s.sender(), h == height + 2 ? CatchUp.LAGGING_PATIENCE * cfg.resendIntervalMs : cfg.resendIntervalMs);
            } else if (h >= 1) {
                catchUp.serve(s.sender(), h, false);
            }
        }
    }

    private static int fromSender(List<Signed> msgs, int sender) {
        int k = 0;
        for (Signed m : msgs) {
            if (m.sender() == sender) {
                k++;
            }
        }
        return k;
    }

    private void onRoundMessage(Signed s) {
        Message m = s.body();
        if (m instanceof PrePrepare) {
            normal.onPrePrepare(s, false);
        } else if (m instanceof Prepare) {
            normal.onPrepare(s);
        } else if (m instanceof Commit) {
            normal.onCommit(s);
        } else if (m instanceof ViewChange) {
            viewChange.onViewChange(s);
        } else if (m instanceof NewView) {
            viewChange.onNewView(s);
        }
    }

    private void onTransaction(Transaction tx, boolean fromClient) {
        Mempool.Refusal refusal = mempool.admit(tx, fromClient, now);
        if (refusal == null) {
            normal.maybePropose();
        } else if (refusal != Mempool.ECHO && fromClient) {
            out.rejected.add(new Ready.Rejected(tx.hashHex(), refusal.kind(), refusal.reason()));
        }
    }

    // ------------------------------------------------------------------ commit and execution

    /** Commits the block at height + 1 (from a quorum of COMMITs or from catch-up) and starts the next height. */
    void commit(Block block, CommitCertificate cert) {
        boolean ours = round.accepted != null && Arrays.equals(round.acceptedDigest, block.hash(hash));
        CertifiedBlock cb = chain.append(block, cert, round.schedule);
        for (Transaction t : block.transactions()) {
            mempool.removeCommitted(t);
        }
        if (ours) {
            // (the view we accepted it in, not the certificate's: a re-proposal may commit in its header's view elsewhere)
            evidence.noteMisses(block, ((PrePrepare) round.accepted.body()).view(), round.acceptedAt);
        }
        lastCommitAt = now;
        out.committed.add(cb);
        round.start(chain.nextSchedule(), now);
        List<Signed> early = new ArrayList<>(round.future);
        round.future.clear();
        for (Signed s : early) {
            if (s.body().height() == chain.height + 1) {
                onRoundMessage(s);
            }
        }
        normal.maybePropose();
    }

    private void onExecuted(long h, byte[] root, List<byte[]> results) {
        if (chain.executedHeight < 0 && chain.unexecuted.isEmpty() && h == chain.height) {
            chain.executedHeight = h; // start-up: the node reports the state it recovered
            chain.executedRoot = root.clone();
        } else if (!chain.unexecuted.isEmpty() && chain.unexecuted.peek().height() == h && h == chain.executedHeight + 1) {
            CertifiedBlock cb = chain.unexecuted.poll();
            chain.executedHeight = h;
            chain.executedRoot = root.clone();
            List<Transaction> txs = cb.block().transactions();
            for (int i = 0; cfg.signReplies && i < txs.size(); i++) {
                Transaction t = txs.get(i);
                byte[] result = results != null && results.size() == txs.size() ? results.get(i) : new byte[0];
                byte[] txHash = t.hash();
                long v = cb.block().header().view();
                byte[] sig = cfg.signer.sign(Reply.signingBytes(cfg.chainId, v, h, txHash, t.timestamp(), self, result));
                out.replies.add(new Reply(cfg.chainId, v, h, txHash, t.timestamp(), self, result, sig));
            }
            if (h % cfg.checkpointInterval == 0) {
                checkpoints.executed(h, cb.block().hash(hash), root);
            }
        } else {
            throw new IllegalStateException("Executed(" + h + ") out of order: executed " + chain.executedHeight + ", committed "
                    + chain.height);
        }
        if (round.deferred != null && chain.executedHeight == chain.height) {
            Signed d = round.deferred;
            round.deferred = null;
            normal.onPrePrepare(d, d == round.reproposal);
        }
        normal.maybePropose();
    }

    // ------------------------------------------------------------------ timers

    private void flushGossip() {
        List<Transaction> batch = mempool.takeGossip(now);
        if (batch != null) {
            broadcast(sign(new TxMessage(batch)));
        }
    }

    private void onTick() {
        mempool.expire(now, out);
        boolean stalled = now - Math.max(lastCommitAt, round.roundStart) >= cfg.forwardAfterMs;
        boolean ripe = mempool.forward(now, stalled); // a pending transaction a block dated now could hold: work for the primary
        boolean complain = evidence.takeComplaint(primary(round.view));
        flushGossip();
        if (!round.inViewChange && primary(round.view) != tenureOf) {
            tenureOf = primary(round.view);
            tenureStart = now;
        }
        // Complain only about a primary that has had the whole complaint period to order the transaction.
        if (complain && !round.inViewChange && now - tenureStart >= cfg.complainAfterMs) {
            viewChange.startViewChange(round.view + 1); // a transaction we hold was not ordered in time: the primary loses the round
        }
        boolean work = round.accepted != null || ripe || round.inViewChange || round.deferred != null;
        if (!work) {
            round.roundStart = now;
        } else if (now - Math.max(round.roundStart, round.inViewChange ? round.roundStart : round.lastProgress)
                >= round.timeout(cfg) + (round.accepted == null && !round.inViewChange && !cfg.batchByLoad ? cfg.batchTimeoutMs : 0)) {
            // The timer restarts at each phase this round reaches (pre-prepare accepted, prepared): a busy but
            // progressing round is not a failed primary. Each phase happens once per view, so a round still
            // ends within about three timeouts.
            // (waiting transactions alone get the BatchTimeout on top: the primary may legitimately hold them that long)
            viewChange.startViewChange(round.view + 1);
        }
        if (now - lastResend >= cfg.resendIntervalMs && now - round.lastProgress >= cfg.resendIntervalMs) {
            lastResend = now; // only a round that stalls is re-sent; a healthy one costs no extra messages
            resend();
        }
        if (now - lastStatus >= 10 * cfg.resendIntervalMs) {
            // Anti-entropy: ask everyone for blocks after ours. Peers that are ahead answer with certified
            // blocks, so a replica that missed the end of an otherwise idle period still catches up.
            lastStatus = now;
            broadcast(sign(new BlockRequest(chain.height + 1)));
        }
        normal.maybePropose();
    }

    /** Re-sends what this replica said in the current round; receivers ignore duplicates. */
    private void resend() {
        Round rd = round;
        if (rd.inViewChange) {
            if (rd.myViewChange != null) {
                broadcast(rd.myViewChange);
            }
            return;
        }
        if (rd.newView != null) {
            broadcast(rd.newView);
        }
        if (rd.accepted != null && self == primary(rd.view) && (rd.reproposal == null || rd.reproposal != rd.accepted)) {
            broadcast(rd.accepted);
        }
        if (rd.myPrepare != null) {
            broadcast(rd.myPrepare);
        }
        if (rd.myCommit != null) {
            broadcast(rd.myCommit);
        }
    }
}
