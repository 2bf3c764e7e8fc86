package org.fundchain.consensus;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import org.fundchain.codec.CodecException;
import org.fundchain.crypto.HashAlgorithm;
import org.fundchain.crypto.Hex;
import org.fundchain.ledger.Block;
import org.fundchain.ledger.BlockHeader;
import org.fundchain.ledger.CertifiedBlock;
import org.fundchain.ledger.CommitCertificate;
import org.fundchain.ledger.Duplicates;
import org.fundchain.ledger.Merkle;
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
 * COMMIT (quorum = ⌈(N + f + 1) / 2⌉, 2f+1 when N = 3f + 1) commits the block with its certificate. A replica that sees no progress while it has work
 * (pending transactions or an accepted proposal), or whose forwarded transaction stays unordered too long,
 * moves to the next view with a VIEW-CHANGE carrying its highest prepared certificate; the new primary's
 * NEW-VIEW carries 2f+1 of them and re-proposes the highest prepared block. Everything unacknowledged is
 * re-sent every resend interval, so lossy links only slow things down. Replicas behind catch up from
 * certified blocks; checkpoints every K blocks agree on the state root and let logs be pruned.
 */
public final class Replica {
    /** Catch-up sends up to this many blocks per response (the wire allows 64) ... */
    private static final int MAX_BLOCKS_PER_RESPONSE = 64;
    /** ... and stops adding blocks past this many bytes (a response always carries at least one block). */
    private static final long MAX_RESPONSE_BYTES = 4L * 1024 * 1024;
    /** The mempool holds at most this many bytes of transactions, whoever sent them (gossip included). */
    static final long MAX_PENDING_BYTES = 128L * 1024 * 1024;
    /** Gossip is flushed at every tick, or earlier once this many client transactions wait. */
    private static final int GOSSIP_BATCH = 256;
    /** How many resend intervals a node one height behind gets before its blocks are pushed to it. */
    private static final int LAGGING_PATIENCE = 5;

    /** Messages for the height after next kept per sender (a round needs at most a PRE-PREPARE, PREPARE, COMMIT). */
    private static final int MAX_FUTURE_PER_SENDER = 4;

    private static int fromSender(List<Signed> msgs, int sender) {
        int k = 0;
        for (Signed m : msgs) {
            if (m.sender() == sender) {
                k++;
            }
        }
        return k;
    }

    private static final class Pending {
        final Transaction tx;
        final long receivedAt;
        /** Submitted by a client of this node (not gossiped): on expiry the client is told. */
        final boolean fromClient;
        long forwardedAt = -1;
        /** Sends to every member made once the transaction's own time had come (so any honest clock admits it). */
        int timelySends;
        long firstTimelySend = -1;
        long lastTimelySend = -1;
        /** A committed block should have held it (see noteMisses): forward it at the next tick. */
        boolean forwardDue;

        void sent(long at) {
            forwardedAt = at;
            if (at >= tx.timestamp()) {
                timelySends++;
                if (firstTimelySend < 0) {
                    firstTimelySend = at;
                }
                lastTimelySend = at;
            }
        }

        Pending(Transaction tx, long receivedAt, boolean fromClient) {
            this.tx = tx;
            this.receivedAt = receivedAt;
            this.fromClient = fromClient;
        }
    }

    private final ConsensusConfig cfg;
    private final CommittedLedger ledger;
    private final TransactionCheck txCheck;
    private final HashAlgorithm hash;
    private final String chainId;
    private final int n;
    private final int f;
    private final int quorum;
    private final int self;

    // committed chain
    private long height;
    private BlockHeader lastHeader;
    private byte[] lastHash;
    /** The schedule of the last committed height and our certificate of its block: what the next block settles. */
    private PrimarySchedule lastSchedule;
    private CommitCertificate lastCert;
    private final CreditScores scores;
    private final TreeMap<Long, CertifiedBlock> recent = new TreeMap<>();
    private final Duplicates.Index committedKeys = new Duplicates.Index(); // committed, not yet garbage-collected
    private final ArrayDeque<CertifiedBlock> unexecuted = new ArrayDeque<>();
    private long executedHeight = -1;
    private byte[] executedRoot;

    // client transactions accepted since the last tick, to gossip in one signed batch
    private final List<Transaction> gossip = new ArrayList<>();

    // mempool, keyed by replay key, in arrival order
    private final LinkedHashMap<String, Pending> pending = new LinkedHashMap<>();
    /** The same transactions under the duplicate rule (transaction id and replay key). */
    private final Duplicates.Index pendingKeys = new Duplicates.Index();
    private long pendingBytes;

    // the round at height + 1
    private PrimarySchedule schedule;
    private long view;
    private boolean inViewChange;
    private Signed accepted;
    private byte[] acceptedDigest;
    private Signed myPrepare;
    private Signed myCommit;
    private PreparedCert prepared;
    private Signed myViewChange;
    private Signed newView;
    /**
     * The pre-prepare the NEW-VIEW of this view re-proposed (null if none): the view admits no other proposal.
     * Persisted, so a restarted replica stays bound to it.
     */
    private Signed reproposal;
    private Signed deferred;
    private final TreeMap<Integer, Signed> prepares = new TreeMap<>();
    private final TreeMap<Integer, Signed> commits = new TreeMap<>();
    private final TreeMap<Integer, Signed> viewChanges = new TreeMap<>();
    private final TreeMap<String, Block> candidates = new TreeMap<>();
    private final List<Signed> future = new ArrayList<>();

    // time
    private long now = Long.MIN_VALUE;
    private long roundStart;
    private long lastResend;
    private long lastStatus;
    private long lastProgress;
    private int tenureOf = -1;
    private long tenureStart;
    /** When this height's proposal was accepted here, and when the last block committed (local clock). */
    private long acceptedAt;
    private long lastCommitAt;
    /** A committed block left out a transaction its primary provably had: complain at the next tick. */
    private boolean censored;
    /**
     * That block's proposer. The complaint is a view change against the current primary, so it is raised only
     * if that is the censor itself: tenure is sampled at ticks, and several heights may commit between two.
     */
    private int censor = -1;
    private final long[] lastAsked;
    private final long[] lastServed;
    private final long[] lastServedTo;
    /** The highest committed height each peer has shown in a verified message (progress report only). */
    private final long[] peerHeight;

    // checkpoints
    private long stableCheckpoint;
    private final TreeMap<Long, TreeMap<Integer, Checkpoint>> checkpointVotes = new TreeMap<>();
    private final TreeMap<Long, byte[]> ownCheckpoints = new TreeMap<>();

    private Ready out;
    private boolean dirty;
    /** Restored from a log: resend this round's messages at the first step (the crash may have lost them). */
    private boolean resendOnStart;

    /**
     * A replica resuming from the durable chain in {@code ledger} and the last persisted consensus log
     * ({@code log}, null on first start). Before it proposes or votes it needs {@link Event.Executed} for
     * the ledger's height (the node's current state root).
     */
    public Replica(ConsensusConfig cfg, CommittedLedger ledger, TransactionCheck txCheck, PersistentState log) {
        this.cfg = cfg;
        this.ledger = ledger;
        this.txCheck = txCheck;
        this.hash = cfg.hash;
        this.chainId = cfg.chainId;
        this.n = cfg.n();
        this.f = cfg.f();
        this.quorum = cfg.quorum();
        this.self = cfg.self;
        this.lastAsked = new long[n];
        this.lastServed = new long[n];
        this.lastServedTo = new long[n];
        this.peerHeight = new long[n];
        Arrays.fill(lastAsked, Long.MIN_VALUE / 2);
        Arrays.fill(lastServed, Long.MIN_VALUE / 2);
        this.scores = new CreditScores(n, cfg.creditWindow, cfg.censorshipGraceMs, cfg.maxMessageCount);
        this.height = ledger.height();
        this.lastHash = cfg.genesisHash.clone();
        // Scores are a fold over the chain; replaying it keeps them a pure function of committed data.
        for (long h = 1; h <= height; h++) {
            CertifiedBlock cb = ledger.block(h);
            if (cb == null) {
                throw new IllegalStateException("ledger has no block " + h + " below its height " + height);
            }
            if (h == height) {
                long base = lastHeader == null ? 0 : lastHeader.view();
                lastSchedule = new PrimarySchedule(cfg.primaryPolicy, n, h, base, scores, lastHash, hash);
                lastCert = cb.certificate();
            }
            scores.apply(cb.block().header(), cb.block().transactions());
            lastHeader = cb.block().header();
            lastHash = cb.block().hash(hash);
        }
        startHeight();
        if (log != null && log.height == height + 1) {
            restore(log);
        }
    }

    private void restore(PersistentState log) {
        view = Math.max(view, log.view);
        inViewChange = log.inViewChange;
        try {
            if (log.preparedPrePrepare != null) {
                List<Signed> ps = new ArrayList<>();
                for (byte[] b : log.preparedPrepares) {
                    ps.add(Wire.decode(b, hash));
                }
                prepared = new PreparedCert(Wire.decode(log.preparedPrePrepare, hash), List.copyOf(ps));
                Block b = prepared.body().block();
                candidates.putIfAbsent(Hex.encode(b.hash(hash)), b);
            }
            if (log.newView != null && !inViewChange) {
                newView = Wire.decode(log.newView, hash);
                reproposal = ((NewView) newView.body()).prePrepare(); // (resent at the first step: see below)
            } else if (log.reproposal != null && !inViewChange) {
                reproposal = Wire.decode(log.reproposal, hash); // a version 2 log
            }
            if (reproposal != null && log.acceptedPrePrepare == null) {
                deferred = reproposal; // accepted (validated again) once the node reports its executed state
            }
            if (log.acceptedPrePrepare != null && !inViewChange) {
                accepted = reproposal != null && Arrays.equals(log.acceptedPrePrepare, reproposal.encode()) ? reproposal
                        : Wire.decode(log.acceptedPrePrepare, hash);
                Block b = ((PrePrepare) accepted.body()).block();
                acceptedDigest = b.hash(hash);
                candidates.putIfAbsent(Hex.encode(acceptedDigest), b);
                if (self != primary(view)) {
                    myPrepare = sign(new Prepare(view, height + 1, acceptedDigest));
                    prepares.put(self, myPrepare);
                }
                if (log.sentCommit) {
                    myCommit = sign(new Commit(view, height + 1, acceptedDigest));
                    commits.put(self, myCommit);
                }
            }
        } catch (CodecException e) {
            throw new IllegalStateException("persisted consensus log is corrupt", e);
        }
        if (inViewChange) {
            myViewChange = sign(new ViewChange(height + 1, view, prepared));
            viewChanges.put(self, myViewChange);
        }
        resendOnStart = true; // what we said before the crash may never have left the machine
    }

    // ------------------------------------------------------------------ public API

    /** Consumes one event at time {@code nowMs} (the node's clock; must not go backwards) and says what to do. */
    public Ready step(long nowMs, Event event) {
        out = new Ready();
        if (now == Long.MIN_VALUE) {
            roundStart = nowMs;
            lastResend = nowMs;
            lastStatus = nowMs;
            lastProgress = nowMs; // (was Long.MIN_VALUE: now − lastProgress overflowed and a stalled round never resent)
        }
        now = Math.max(now, nowMs);
        if (event instanceof Event.Tick) {
            onTick();
        } else if (event instanceof Event.Receive) {
            onReceive(((Event.Receive) event).bytes());
        } else if (event instanceof Event.Submit) {
            onTransaction(((Event.Submit) event).tx(), true);
        } else if (event instanceof Event.Executed) {
            Event.Executed e = (Event.Executed) event;
            onExecuted(e.height(), e.stateRoot(), e.results());
        }
        if (gossip.size() >= GOSSIP_BATCH) {
            flushGossip();
        }
        if (resendOnStart) {
            resendOnStart = false;
            resend();
        }
        if (dirty) {
            out.persist = snapshot();
            dirty = false;
        }
        Ready r = out;
        out = null;
        return r;
    }

    /** Committed height. */
    public long height() { return height; }
    /** Current view of the round at height + 1. */
    public long view() { return view; }
    public boolean inViewChange() { return inViewChange; }
    /** Primary of the current (height + 1, view). */
    public int primary() { return primary(view); }
    /** Primary of {@code v} at height + 1 (-1 if v is below this height's first view). */
    public int primary(long v) { return schedule.primary(v); }
    public long[] creditScores() { return scores.scores(); }
    public int pendingCount() { return pending.size(); }
    public long stableCheckpoint() { return stableCheckpoint; }

    /**
     * The height the chain has reached as far as this replica can tell: the highest height that at least f+1
     * members (so at least one honest one) have shown, or our own if higher. A progress figure for operators
     * (catch-up), never used for a decision.
     */
    public long networkHeight() {
        long[] hs = peerHeight.clone();
        hs[self] = height;
        Arrays.sort(hs);
        return Math.max(height, hs[n - 1 - f]);
    }

    private void notePeerHeight(int sender, Message m) {
        long h;
        if (m instanceof Blocks b) {
            h = b.blocks().isEmpty() ? 0 : b.blocks().get(b.blocks().size() - 1).height();
        } else if (m instanceof Checkpoint c) {
            h = c.checkpointHeight();
        } else if (m instanceof BlockRequest r) {
            h = r.fromHeight() - 1;
        } else if (m instanceof TxMessage) {
            return;
        } else {
            h = m.height() - 1; // a round message for height h means its sender committed h − 1
        }
        if (h > peerHeight[sender]) {
            peerHeight[sender] = h;
        }
    }
    public byte[] lastBlockHash() { return lastHash.clone(); }
    /** Credit draws of this height's primary schedule (tests: bounded work per message). */
    int scheduleDraws() { return schedule.draws(); }

    // ------------------------------------------------------------------ rounds

    private void startHeight() {
        long base = lastHeader == null ? 0 : lastHeader.view();
        schedule = new PrimarySchedule(cfg.primaryPolicy, n, height + 1, base, scores, lastHash, hash);
        view = base;
        inViewChange = false;
        clearRound();
        prepared = null;
        prepares.clear();
        commits.clear();
        viewChanges.clear();
        candidates.clear();
        roundStart = now;
        lastProgress = now;
    }

    /** Forget per-view progress (on entering a view); prepared certificate and view changes survive. */
    private void clearRound() {
        accepted = null;
        acceptedDigest = null;
        myPrepare = null;
        myCommit = null;
        myViewChange = null;
        newView = null;
        reproposal = null;
        deferred = null;
        dirty = true;
    }

    private long timeout() {
        long failures = Math.min(view - schedule.viewBase(), 20);
        return Math.min(cfg.viewTimeoutBaseMs << failures, cfg.viewTimeoutMaxMs);
    }

    private Signed sign(Message m) {
        return Wire.sign(chainId, self, m, cfg.signer);
    }

    private void broadcast(Signed s) {
        out.messages.add(new Ready.Outbound(Ready.ALL, s.encode()));
    }

    private void send(int to, Signed s) {
        if (to != self && to >= 0) {
            out.messages.add(new Ready.Outbound(to, s.encode()));
        }
    }

    private PersistentState snapshot() {
        List<byte[]> ps = new ArrayList<>();
        byte[] pp = null;
        if (prepared != null) {
            pp = prepared.prePrepare().encode();
            for (Signed s : prepared.prepares()) {
                ps.add(s.encode());
            }
        }
        return new PersistentState(height + 1, view, inViewChange, accepted == null ? null : accepted.encode(), pp, ps,
                myCommit != null, newView == null ? null : newView.encode());
    }

    // ------------------------------------------------------------------ input

    private void onReceive(byte[] bytes) {
        Signed s;
        try {
            s = Wire.decode(bytes, hash);
        } catch (CodecException e) {
            return; // garbage from a peer is dropped, never fatal
        }
        if (!s.chainId().equals(chainId) || s.sender() >= n || s.sender() == self || !s.verify(cfg.members)) {
            return;
        }
        Message m = s.body();
        notePeerHeight(s.sender(), m);
        if (m instanceof TxMessage) {
            for (Transaction tx : ((TxMessage) m).txs()) {
                onTransaction(tx, false);
            }
        } else if (m instanceof BlockRequest) {
            serve(s.sender(), ((BlockRequest) m).fromHeight(), true);
        } else if (m instanceof Blocks) {
            onBlocks(s.sender(), ((Blocks) m).blocks());
        } else if (m instanceof Checkpoint) {
            onCheckpoint(s.sender(), (Checkpoint) m);
        } else {
            long h = m.height();
            if (h == height + 1) {
                onRoundMessage(s);
            } else if (h > height + 1) {
                if (h == height + 2 && future.size() < 16 * n && fromSender(future, s.sender()) < MAX_FUTURE_PER_SENDER) {
                    future.add(s);
                }
                // One height behind is the normal state of a node still storing its last block: it will
                // commit that block itself in a moment, so ask for it (a whole certified block) only rarely.
                askBlocks(s.sender(), h == height + 2 ? LAGGING_PATIENCE * cfg.resendIntervalMs : cfg.resendIntervalMs);
            } else if (h >= 1) {
                serve(s.sender(), h, false);
            }
        }
    }

    private void onRoundMessage(Signed s) {
        Message m = s.body();
        if (m instanceof PrePrepare) {
            onPrePrepare(s, false);
        } else if (m instanceof Prepare) {
            Prepare p = (Prepare) m;
            Signed old = prepares.get(s.sender());
            if (old == null || ((Prepare) old.body()).view() < p.view()) {
                prepares.put(s.sender(), s);
                checkPrepared();
            }
        } else if (m instanceof Commit) {
            Commit c = (Commit) m;
            Signed old = commits.get(s.sender());
            if (old == null || ((Commit) old.body()).view() < c.view()) {
                commits.put(s.sender(), s);
                checkCommitted();
            }
        } else if (m instanceof ViewChange) {
            onViewChange(s);
        } else if (m instanceof NewView) {
            onNewView(s);
        }
    }

    // ------------------------------------------------------------------ transactions

    /** Null unless {@code t} duplicates a committed transaction ({@link Duplicates}: same id or same replay key). */
    private String committedDuplicate(Transaction t) {
        String why = committedKeys.conflict(t);
        return why != null ? why : Duplicates.conflict(t, Duplicates.seen(ledger::containsTxHash, ledger::containsReplayKey));
    }

    private void onTransaction(Transaction tx, boolean fromClient) {
        String reason = null;
        String dup;
        Pending same = pending.get(tx.replayKey());
        if (!tx.chain().equals(chainId)) {
            reason = "transaction is for chain " + tx.chain();
        } else if ((dup = committedDuplicate(tx)) != null) {
            reason = dup + " (executed)";
        } else if (same != null && same.tx.equals(tx)) {
            reason = null; // already pending: an echo of gossip
        } else if ((dup = pendingKeys.conflict(tx)) != null) {
            reason = dup + " (pending)";
        } else if (tx.timestamp() > now + cfg.maxClockSkewMs || tx.timestamp() < now - cfg.maxTxAgeMs) {
            // The same window for gossip as for clients: block time must not precede a contained transaction, and
            // a transaction expires maxTxAge after its timestamp, so one dated outside it could never be ordered.
            reason = "transaction timestamp too far from this node's clock";
        } else if (pending.size() >= cfg.maxPending || pendingBytes + tx.encodedSize() > MAX_PENDING_BYTES) {
            reason = "too many pending transactions";
        } else if (tx.encodedSize() > cfg.absoluteMaxBytes) {
            reason = "transaction larger than AbsoluteMaxBytes";
        } else if (!txCheck.isValid(tx)) {
            reason = "transaction is not valid (signature or admission)";
        } else {
            pending.put(tx.replayKey(), new Pending(tx, now, fromClient));
            pendingKeys.add(tx);
            pendingBytes += tx.encodedSize();
            if (fromClient) {
                gossip.add(tx); // broadcast in one signed batch per tick (see flushGossip)
            }
            maybePropose();
            return;
        }
        if (reason != null && fromClient) {
            out.rejected.add(new Ready.Rejected(tx.hashHex(), reason));
        }
    }

    /**
     * Block-time rule: a block dated {@code blockTs} may hold {@code t} only if t is not dated after it by more than
     * the grace. Deterministic (block content only), so the primary and every backup agree.
     */
    private boolean proposableAt(Transaction t, long blockTs) {
        return t.timestamp() <= blockTs + cfg.censorshipGraceMs;
    }

    private static final Comparator<Transaction> ORDER = Comparator.comparingLong(Transaction::timestamp)
            .thenComparing(Transaction::hashHex).thenComparing(Transaction::replayKey);

    // ------------------------------------------------------------------ normal case

    private void maybePropose() {
        if (inViewChange || accepted != null || reproposal != null || executedHeight != height || self != primary(view)
                || pending.isEmpty()) {
            return;
        }
        if (!cfg.batchByLoad) {
            boolean full = pending.size() >= cfg.maxMessageCount || pendingBytes >= cfg.preferredMaxBytes;
            long oldest = pending.values().iterator().next().receivedAt;
            if (!full && now - oldest < cfg.batchTimeoutMs) {
                return;
            }
        }
        List<Transaction> all = new ArrayList<>(pending.size());
        for (Pending p : pending.values()) {
            all.add(p.tx);
        }
        all.sort(ORDER);
        long ts = Math.max(now, lastHeader == null ? 0 : lastHeader.timestamp() + 1);
        List<Transaction> txs = new ArrayList<>();
        long bytes = 0;
        for (Transaction t : all) {
            if (txs.size() >= cfg.maxMessageCount || !proposableAt(t, ts)) {
                break; // (in ORDER, everything after a transaction dated past the block time is too)
            }
            if (t.timestamp() < ts - cfg.maxTxAgeMs || !txCheck.isValid(t)) {
                continue; // expired (the next tick drops it), or its signer is no longer admitted
            }
            if (!txs.isEmpty() && bytes + t.encodedSize() > cfg.preferredMaxBytes) {
                break;
            }
            txs.add(t);
            bytes += t.encodedSize();
        }
        if (txs.isEmpty()) {
            return; // only transactions dated after our clock (plus the grace) wait: their time comes
        }
        CommitCertificate settles = lastCert != null && lastCert.view() > lastHeader.view() ? lastCert : null;
        BlockHeader header = new BlockHeader(chainId, height + 1, lastHash, Merkle.rootOf(hash, txs), executedRoot, ts, self, view,
                failedList(settles, view), txs.size());
        Signed pp = sign(new PrePrepare(view, height + 1, new Block(header, txs), settles));
        broadcast(pp);
        onPrePrepare(pp, false);
    }

    private void onPrePrepare(Signed s, boolean viaNewView) {
        PrePrepare pp = (PrePrepare) s.body();
        if (pp.view() != view || (inViewChange && !viaNewView) || s.sender() != primary(view) || accepted != null) {
            return; // wrong view, not the primary, or we already accepted a proposal in this view (no second digest)
        }
        if (reproposal != null && !viaNewView) {
            return; // this view's NEW-VIEW re-proposed a block: no other proposal, even if that one is not accepted yet
        }
        if (executedHeight != height) {
            deferred = s; // the state root to check against is not known yet
            return;
        }
        String why = validate(pp.block(), pp.view(), pp.settles(), viaNewView);
        if (why != null) {
            return;
        }
        accepted = s;
        lastProgress = now;
        acceptedAt = now;
        acceptedDigest = pp.block().hash(hash);
        candidates.putIfAbsent(Hex.encode(acceptedDigest), pp.block()); // validated above: its body matches the root
        dirty = true;
        if (self != primary(view)) {
            myPrepare = sign(new Prepare(view, height + 1, acceptedDigest));
            prepares.put(self, myPrepare);
            broadcast(myPrepare);
        }
        checkPrepared();
        checkCommitted();
    }

    /**
     * The failed list of a block at height + 1 proposed in {@code v}: first the settlement of the previous block — the
     * primaries of the views from its header's view up to the view of {@code settles}, the certificate that shows where
     * it committed (none if null) — then the primaries that failed at this height before {@code v}.
     */
    private List<Integer> failedList(CommitCertificate settles, long v) {
        List<Integer> out = new ArrayList<>();
        if (settles != null) {
            out.addAll(lastSchedule.failedBetween(lastHeader.view(), settles.view()));
        }
        out.addAll(schedule.failedBefore(v));
        return out;
    }

    /** Null if a proposed block is acceptable at height + 1 in {@code ppView}; otherwise why not. */
    private String validate(Block b, long ppView, CommitCertificate settles, boolean reproposal) {
        BlockHeader h = b.header();
        if (!h.chainId().equals(chainId) || h.height() != height + 1) {
            return "wrong chain or height";
        }
        if (!Arrays.equals(h.prevHash(), lastHash)) {
            return "does not extend our chain";
        }
        if (!Arrays.equals(h.stateRoot(), executedRoot)) {
            return "state root differs from ours";
        }
        if (lastHeader != null && h.timestamp() <= lastHeader.timestamp()) {
            return "timestamp not after the previous block";
        }
        // A NEW-VIEW may re-propose a block first proposed in an earlier view at this height.
        if (reproposal ? (h.view() < schedule.viewBase() || h.view() > ppView) : h.view() != ppView) {
            return "wrong view in header";
        }
        if (settles != null && (lastHeader == null || settles.view() <= lastHeader.view() || lastSchedule.primary(settles.view()) < 0
                || settles.check(chainId, cfg.members, quorum, height, lastHash) != null)) {
            return "previous block's certificate settles nothing or does not verify";
        }
        if (h.proposer() != primary(h.view()) || !h.failedPrimaries().equals(failedList(settles, h.view()))) {
            return "wrong proposer or failed-primary list";
        }
        // Block time is bounded both ways by our clock (a NEW-VIEW's re-proposal was checked so when first proposed,
        // by every member that prepared it), so no primary can date a block past an honest clock's skew.
        if (!reproposal && h.timestamp() > now + cfg.maxClockSkewMs) {
            return "timestamp in the future";
        }
        if (!reproposal && h.timestamp() < now - cfg.maxClockSkewMs) {
            return "timestamp too far behind our clock";
        }
        if (b.transactions().size() > cfg.maxMessageCount || !b.txRootMatches(hash)) {
            return "too many transactions or wrong transaction root";
        }
        long bytes = 0;
        Duplicates.Index inBlock = new Duplicates.Index();
        Transaction prev = null;
        for (Transaction t : b.transactions()) {
            bytes += t.encodedSize();
            if (!t.chain().equals(chainId)) {
                return "transaction for another chain";
            }
            String dup = inBlock.add(t);
            if (dup != null || (dup = committedDuplicate(t)) != null) {
                return "duplicate transaction " + t + ": " + dup; // storage would refuse it: refuse it here
            }
            if (prev != null && ORDER.compare(prev, t) >= 0) {
                return "transactions not ordered by time";
            }
            if (!proposableAt(t, h.timestamp())) {
                return "block dated before a transaction it contains";
            }
            if (t.timestamp() < h.timestamp() - cfg.maxTxAgeMs) {
                return "transaction older than maxTxAge at the block's time";
            }
            Pending p = pending.get(t.replayKey());
            if ((p == null || !p.tx.equals(t)) && !txCheck.isValid(t)) {
                return "invalid transaction " + t;
            }
            prev = t;
        }
        if (bytes > cfg.absoluteMaxBytes) {
            return "block larger than AbsoluteMaxBytes";
        }
        return reproposal || h.proposer() == self ? null : provenMiss(b, inBlock, bytes);
    }

    /**
     * Censorship on proof, judged before the block can commit (a primary elected for one height at a time would
     * otherwise never be the current primary when the proof arrives). We broadcast a pending transaction to every
     * member (as this node's client gossip, or as a forward) a grace period before this proposal reached us, so its
     * primary had it; if the block had room for it, or holds one that comes after it in the proposal order, the
     * primary left it out on purpose. Refuse to prepare, and forward it again at the next tick. Only
     * what this node itself sent counts: a transaction a Byzantine member gossiped to us alone proves nothing.
     */
    private String provenMiss(Block b, Duplicates.Index inBlock, long bytes) {
        List<Transaction> txs = b.transactions();
        Transaction last = txs.isEmpty() ? null : txs.get(txs.size() - 1); // validate checked the order
        long blockTs = b.header().timestamp();
        boolean missed = false;
        for (Pending p : pending.values()) {
            if (!provenSent(p, now) || inBlock.conflict(p.tx) != null
                    || !proposableAt(p.tx, blockTs) || p.tx.timestamp() < blockTs - cfg.maxTxAgeMs || !txCheck.isValid(p.tx)) {
                continue;
            }
            boolean room = txs.size() < cfg.maxMessageCount && bytes + p.tx.encodedSize() <= cfg.preferredMaxBytes;
            if (room || (last != null && ORDER.compare(p.tx, last) < 0)) {
                p.forwardDue = true;
                missed = true;
            }
        }
        // No VIEW-CHANGE of our own here: a lone replica leaving the view would fall out of step with the others. If
        // enough members refuse, the round cannot prepare and times out at all of them together; if not, it commits
        // without us (and we catch up).
        return missed ? "leaves out a transaction its primary provably had" : null;
    }

    /**
     * Whether we can prove the primary had this transaction by {@code by}: we sent it to every member once its own
     * time had come (so any honest clock within the skew admits it), a grace period before {@code by}. A send made
     * while the transaction was still dated ahead of our clock proves nothing: a primary whose clock is behind ours
     * (within the skew) may have found it too far ahead and refused it.
     */
    private boolean provenSent(Pending p, long by) {
        return p.timelySends >= 1 && p.lastTimelySend + cfg.censorshipGraceMs <= by;
    }

    private void checkPrepared() {
        if (accepted == null || myCommit != null) {
            return;
        }
        int primary = primary(view);
        List<Signed> match = new ArrayList<>();
        for (Signed p : prepares.values()) {
            Prepare b = (Prepare) p.body();
            if (p.sender() != primary && b.view() == view && Arrays.equals(b.digest(), acceptedDigest)) {
                match.add(p);
            }
        }
        if (match.size() < quorum - 1) { // with the pre-prepare, a quorum
            return;
        }
        prepared = new PreparedCert(accepted, List.copyOf(match.subList(0, quorum - 1)));
        myCommit = sign(new Commit(view, height + 1, acceptedDigest));
        commits.put(self, myCommit);
        lastProgress = now;
        dirty = true;
        broadcast(myCommit);
        checkCommitted();
    }

    private void checkCommitted() {
        // A quorum of COMMITs for the same (view, digest) proves the block, whatever view we are in now.
        Map<String, List<Signed>> groups = new TreeMap<>();
        for (Signed c : commits.values()) {
            Commit b = (Commit) c.body();
            groups.computeIfAbsent(b.view() + ":" + Hex.encode(b.digest()), k -> new ArrayList<>()).add(c);
        }
        for (List<Signed> g : groups.values()) {
            if (g.size() < quorum) {
                continue;
            }
            Commit b = (Commit) g.get(0).body();
            Block block = candidates.get(Hex.encode(b.digest()));
            if (block == null) {
                continue;
            }
            List<CommitCertificate.Vote> votes = new ArrayList<>();
            for (Signed c : g) {
                votes.add(new CommitCertificate.Vote(c.sender(), c.signature()));
            }
            commit(block, new CommitCertificate(b.view(), height + 1, b.digest(), votes));
            return;
        }
    }

    private void commit(Block block, CommitCertificate cert) {
        CertifiedBlock cb = new CertifiedBlock(block, cert);
        height = block.height();
        lastHeader = block.header();
        lastHash = block.hash(hash);
        lastSchedule = schedule;
        lastCert = cert;
        recent.put(height, cb);
        unexecuted.add(cb);
        boolean ours = accepted != null && java.util.Arrays.equals(acceptedDigest, lastHash);
        for (Transaction t : block.transactions()) {
            committedKeys.add(t);
            // this transaction, and whatever pending transaction it now makes a duplicate (same id or replay key)
            String sameId = pendingKeys.replayKeyOf(t.hashHex());
            pendingKeys.removeConflicts(t);
            for (String rk : sameId == null || sameId.equals(t.replayKey()) ? List.of(t.replayKey()) : List.of(t.replayKey(), sameId)) {
                Pending p = pending.remove(rk);
                if (p != null) {
                    pendingBytes -= p.tx.encodedSize();
                }
            }
        }
        if (ours) {
            noteMisses(block);
        }
        lastCommitAt = now;
        scores.apply(block.header(), block.transactions());
        out.committed.add(cb);
        startHeight();
        List<Signed> early = new ArrayList<>(future);
        future.clear();
        for (Signed s : early) {
            if (s.body().height() == height + 1) {
                onRoundMessage(s);
            }
        }
        maybePropose();
    }

    // ------------------------------------------------------------------ execution, replies, checkpoints

    private void onExecuted(long h, byte[] root, List<byte[]> results) {
        if (executedHeight < 0 && unexecuted.isEmpty() && h == height) {
            executedHeight = h; // start-up: the node reports the state it recovered
            executedRoot = root.clone();
        } else if (!unexecuted.isEmpty() && unexecuted.peek().height() == h && h == executedHeight + 1) {
            CertifiedBlock cb = unexecuted.poll();
            executedHeight = h;
            executedRoot = root.clone();
            List<Transaction> txs = cb.block().transactions();
            for (int i = 0; cfg.signReplies && i < txs.size(); i++) {
                Transaction t = txs.get(i);
                byte[] result = results != null && results.size() == txs.size() ? results.get(i) : new byte[0];
                byte[] txHash = t.hash();
                long v = cb.block().header().view();
                byte[] sig = cfg.signer.sign(Reply.signingBytes(chainId, v, h, txHash, t.timestamp(), self, result));
                out.replies.add(new Reply(chainId, v, h, txHash, t.timestamp(), self, result, sig));
            }
            if (h % cfg.checkpointInterval == 0) {
                byte[] blockHash = cb.block().hash(hash);
                ownCheckpoints.put(h, root.clone());
                Checkpoint cp = new Checkpoint(h, blockHash, root.clone());
                checkpointVotes.computeIfAbsent(h, k -> new TreeMap<>()).put(self, cp);
                broadcast(sign(cp));
                checkStable(h);
            }
        } else {
            throw new IllegalStateException("Executed(" + h + ") out of order: executed " + executedHeight + ", committed " + height);
        }
        if (deferred != null && executedHeight == height) {
            Signed d = deferred;
            deferred = null;
            onPrePrepare(d, d == reproposal);
        }
        maybePropose();
    }

    private void onCheckpoint(int sender, Checkpoint cp) {
        long h = cp.checkpointHeight();
        if (h <= stableCheckpoint || h % cfg.checkpointInterval != 0) {
            return;
        }
        if (h > height) {
            askBlocks(sender);
        }
        if (h > height + 4L * cfg.checkpointInterval) {
            return; // too far ahead to be worth remembering; catch-up brings us there
        }
        checkpointVotes.computeIfAbsent(h, k -> new TreeMap<>()).put(sender, cp);
        checkStable(h);
    }

    private void checkStable(long h) {
        TreeMap<Integer, Checkpoint> votes = checkpointVotes.get(h);
        if (votes == null || h > executedHeight || h <= stableCheckpoint) {
            return;
        }
        Map<String, Integer> counts = new TreeMap<>();
        for (Checkpoint c : votes.values()) {
            String key = Hex.encode(c.blockHash()) + Hex.encode(c.stateRoot());
            int k = counts.merge(key, 1, Integer::sum);
            if (k >= quorum) {
                stableCheckpoint = h;
                byte[] own = ownCheckpoints.get(h);
                out.checkpoints.add(new Ready.StableCheckpoint(h, c.blockHash(), c.stateRoot(), own));
                // Garbage-collect below the stable checkpoint: the node has stored these blocks by now.
                for (CertifiedBlock old : recent.headMap(h, false).values()) {
                    for (Transaction t : old.block().transactions()) {
                        committedKeys.removeTxHash(t.hashHex());
                    }
                }
                recent.headMap(h, false).clear();
                checkpointVotes.headMap(h, true).clear();
                ownCheckpoints.headMap(h, true).clear();
                return;
            }
        }
    }

    // ------------------------------------------------------------------ catch-up

    private void askBlocks(int peer) {
        askBlocks(peer, cfg.resendIntervalMs);
    }

    private void askBlocks(int peer, long interval) {
        if (now - lastAsked[peer] >= interval) {
            lastAsked[peer] = now;
            send(peer, sign(new BlockRequest(height + 1)));
        }
    }

    /** Sends committed blocks from {@code from} to a peer that asked or is visibly behind (rate-limited). */
    private void serve(int peer, long from, boolean asked) {
        // Unasked, a peer just one height behind (from == height) is most likely finishing that height itself.
        long interval = asked ? cfg.resendIntervalMs / 3 : from == height ? LAGGING_PATIENCE * cfg.resendIntervalMs : cfg.resendIntervalMs;
        if (from < 1 || from > height) {
            return;
        }
        // A peer far behind that asks for the blocks after the last batch we sent it is making progress: answer at
        // once, so a node restored from nothing replays in bulk. Repeated, unasked or near-head requests stay
        // rate-limited (the normal case, where a lagging node mostly finishes its round itself).
        boolean progress = asked && from == lastServedTo[peer] + 1 && height - from >= MAX_BLOCKS_PER_RESPONSE;
        if (!progress && now - lastServed[peer] < interval) {
            return;
        }
        lastServed[peer] = now;
        List<CertifiedBlock> blocks = new ArrayList<>();
        long bytes = 0;
        for (long h = from; h <= height && blocks.size() < MAX_BLOCKS_PER_RESPONSE && bytes < MAX_RESPONSE_BYTES; h++) {
            CertifiedBlock cb = recent.get(h);
            if (cb == null) {
                cb = ledger.block(h);
            }
            if (cb == null) {
                break;
            }
            blocks.add(cb);
            bytes += cb.block().encodedSize();
            lastServedTo[peer] = Math.max(lastServedTo[peer], h); // only grows: one bulk pass per peer
        }
        if (!blocks.isEmpty()) {
            send(peer, sign(new Blocks(blocks)));
        }
    }

    private void onBlocks(int sender, List<CertifiedBlock> blocks) {
        long before = height;
        for (CertifiedBlock cb : blocks) {
            if (cb.height() != height + 1) {
                continue;
            }
            Block b = cb.block();
            if (!Arrays.equals(b.header().prevHash(), lastHash) || cb.check(chainId, hash, cfg.members, quorum) != null) {
                return;
            }
            Duplicates.Index inBlock = new Duplicates.Index();
            for (Transaction t : b.transactions()) {
                if (inBlock.add(t) != null || committedDuplicate(t) != null) {
                    return; // a certified block cannot hold a duplicate; refuse rather than execute (or store) twice
                }
            }
            commit(b, cb.certificate());
        }
        long bytes = 0;
        for (CertifiedBlock cb : blocks) {
            bytes += cb.block().encodedSize();
        }
        boolean full = blocks.size() >= MAX_BLOCKS_PER_RESPONSE || bytes >= MAX_RESPONSE_BYTES;
        if (height > before && full && blocks.get(blocks.size() - 1).height() == height) {
            // A full response, all of it new: the peer has more; ask it for what follows at once (bulk catch-up).
            lastAsked[sender] = now;
            send(sender, sign(new BlockRequest(height + 1)));
        }
    }

    // ------------------------------------------------------------------ view change

    private void startViewChange(long newViewNumber) {
        if (newViewNumber <= view) {
            return;
        }
        view = newViewNumber;
        inViewChange = true;
        clearRound();
        roundStart = now;
        myViewChange = sign(new ViewChange(height + 1, view, prepared));
        viewChanges.put(self, myViewChange);
        lastProgress = now;
        broadcast(myViewChange);
        tryNewView();
    }

    /** Null if the certificate proves a block prepared at height + 1 in a view below {@code belowView}. */
    private boolean validPrepared(PreparedCert c, long belowView) {
        PrePrepare pp = c.body();
        Signed pps = c.prePrepare();
        if (pp.height() != height + 1 || pp.view() >= belowView || pps.sender() != primary(pp.view())
                || !pps.chainId().equals(chainId) || !pps.verify(cfg.members)) {
            return false;
        }
        // The prepares vouch for the header hash only: the body must be the one that header commits to.
        if (!pp.block().txRootMatches(hash)) {
            return false;
        }
        byte[] d = pp.block().hash(hash);
        Set<Integer> senders = new HashSet<>();
        for (Signed s : c.prepares()) {
            Prepare p = (Prepare) s.body();
            if (s.sender() == pps.sender() || s.sender() >= n || p.view() != pp.view() || p.height() != pp.height()
                    || !Arrays.equals(p.digest(), d) || !s.chainId().equals(chainId) || !senders.add(s.sender())
                    || !s.verify(cfg.members)) {
                return false;
            }
        }
        return senders.size() >= quorum - 1;
    }

    private void onViewChange(Signed s) {
        ViewChange vc = (ViewChange) s.body();
        Signed old = viewChanges.get(s.sender());
        if (vc.newView() <= schedule.viewBase() || (old != null && ((ViewChange) old.body()).newView() >= vc.newView())
                || primary(vc.newView()) < 0) {
            return;
        }
        if (vc.prepared() != null) {
            if (!validPrepared(vc.prepared(), vc.newView())) {
                return;
            }
            Block b = vc.prepared().body().block();
            candidates.putIfAbsent(Hex.encode(b.hash(hash)), b); // never replaces a candidate (same hash ⇒ same body)
        }
        viewChanges.put(s.sender(), s);
        // f+1 replicas want a higher view: at least one is honest, so join the smallest such view.
        List<Long> higher = new ArrayList<>();
        for (Signed other : viewChanges.values()) {
            long v = ((ViewChange) other.body()).newView();
            if (other.sender() != self && v > view) {
                higher.add(v);
            }
        }
        if (higher.size() >= f + 1) {
            higher.sort(Comparator.reverseOrder());
            startViewChange(higher.get(f));
        }
        tryNewView();
    }

    private static PreparedCert best(List<Signed> vcs, HashAlgorithm hash) {
        PreparedCert best = null;
        for (Signed s : vcs) {
            PreparedCert c = ((ViewChange) s.body()).prepared();
            if (c == null) {
                continue;
            }
            if (best == null || c.body().view() > best.body().view() || (c.body().view() == best.body().view()
                    && Hex.encode(c.body().block().hash(hash)).compareTo(Hex.encode(best.body().block().hash(hash))) < 0)) {
                best = c;
            }
        }
        return best;
    }

    private void tryNewView() {
        if (!inViewChange || primary(view) != self || newView != null) {
            return;
        }
        List<Signed> vcs = new ArrayList<>();
        for (Signed s : viewChanges.values()) {
            if (((ViewChange) s.body()).newView() == view && vcs.size() < quorum) {
                vcs.add(s);
            }
        }
        if (vcs.size() < quorum) {
            return;
        }
        PreparedCert best = best(vcs, hash);
        Signed pp = best == null ? null : sign(new PrePrepare(view, height + 1, best.body().block(), best.body().settles()));
        Signed nv = sign(new NewView(height + 1, view, List.copyOf(vcs), pp));
        broadcast(nv);
        enterView(nv);
    }

    private void onNewView(Signed s) {
        NewView nv = (NewView) s.body();
        if (nv.view() < view || (nv.view() == view && !inViewChange) || s.sender() != primary(nv.view())) {
            return;
        }
        Set<Integer> senders = new HashSet<>();
        for (Signed vs : nv.viewChanges()) {
            ViewChange vc = (ViewChange) vs.body();
            if (vs.sender() >= n || !senders.add(vs.sender()) || vc.height() != height + 1 || vc.newView() != nv.view()
                    || !vs.chainId().equals(chainId) || !vs.verify(cfg.members)
                    || (vc.prepared() != null && !validPrepared(vc.prepared(), nv.view()))) {
                return;
            }
        }
        if (senders.size() < quorum) {
            return;
        }
        PreparedCert best = best(nv.viewChanges(), hash);
        Signed pp = nv.prePrepare();
        if (best == null ? pp != null : pp == null) {
            return;
        }
        if (pp != null) {
            PrePrepare p = (PrePrepare) pp.body();
            if (pp.sender() != s.sender() || p.view() != nv.view() || p.height() != height + 1 || !pp.chainId().equals(chainId)
                    || !pp.verify(cfg.members) || !Arrays.equals(p.block().hash(hash), best.body().block().hash(hash))
                    || !p.block().txRootMatches(hash)) {
                return;
            }
        }
        view = nv.view();
        enterView(s);
    }

    private void enterView(Signed nvSigned) {
        NewView nv = (NewView) nvSigned.body();
        inViewChange = false;
        clearRound();
        newView = nvSigned;
        reproposal = nv.prePrepare();
        roundStart = now;
        lastProgress = now;
        for (Signed vs : nv.viewChanges()) {
            PreparedCert c = ((ViewChange) vs.body()).prepared();
            if (c != null) { // checked by validPrepared (tryNewView: checked on receipt), body included
                candidates.putIfAbsent(Hex.encode(c.body().block().hash(hash)), c.body().block());
            }
        }
        if (nv.prePrepare() != null) {
            onPrePrepare(nv.prePrepare(), true);
        } else {
            maybePropose();
        }
        checkPrepared();
    }

    // ------------------------------------------------------------------ timers

    private void flushGossip() {
        if (!gossip.isEmpty()) {
            for (Transaction t : gossip) {
                Pending p = pending.get(t.replayKey());
                if (p != null && p.forwardedAt < 0) {
                    p.sent(now); // a client's transaction gossiped to every member: evidence as a forward is
                }
            }
            broadcast(sign(new TxMessage(gossip)));
            gossip.clear();
        }
    }

    /**
     * Censorship evidence from a block this node accepted and saw commit. A pending transaction was left out
     * unfairly if the block had room for it or holds a transaction that comes after it in the proposal order
     * (a fair primary takes its pending transactions oldest first). It counts only if the transaction was here
     * a grace period before the proposal (gossip takes time): then it is forwarded to every member. If it had
     * already been forwarded a grace period before the proposal, the primary provably had it: complain.
     * Evidence, not age, drives this: under a backlog, full blocks taken in order are not censorship, and
     * re-broadcasting every old transaction would only multiply the load.
     */
    private void noteMisses(Block block) {
        List<Transaction> txs = block.transactions();
        long bytes = 0;
        Transaction last = null;
        for (Transaction t : txs) {
            bytes += t.encodedSize();
            if (last == null || ORDER.compare(t, last) > 0) {
                last = t;
            }
        }
        long blockTs = block.header().timestamp();
        for (Pending p : pending.values()) {
            if (p.receivedAt + cfg.censorshipGraceMs > acceptedAt || !proposableAt(p.tx, blockTs)
                    || p.tx.timestamp() < blockTs - cfg.maxTxAgeMs) {
                continue; // not here in time, dated after the block (it could not hold it), or expired
            }
            boolean room = txs.size() < cfg.maxMessageCount && bytes + p.tx.encodedSize() <= cfg.preferredMaxBytes;
            if (!room && (last == null || ORDER.compare(p.tx, last) >= 0)) {
                continue;
            }
            if (provenSent(p, acceptedAt)) {
                censored = true;
                censor = block.header().proposer();
            }
            p.forwardDue = true;
        }
    }

    private void onTick() {
        expire();
        boolean stalled = now - Math.max(lastCommitAt, roundStart) >= cfg.forwardAfterMs;
        boolean ripe = false; // a pending transaction a block dated now could hold: work for the primary
        for (Pending p : pending.values()) {
            ripe |= proposableAt(p.tx, now);
            // Forward when a block should have held it, or — with nothing committing — when it has waited, at
            // most once per complaint period. Every member gets it (the primary changes with the height and
            // gossip may have been lost), batched with this tick's gossip.
            boolean waited = stalled && now - p.receivedAt >= cfg.forwardAfterMs
                    && (p.forwardedAt < 0 || now - p.forwardedAt >= cfg.complainAfterMs);
            if ((p.forwardDue || waited) && gossip.size() < Wire.MAX_TXS_PER_MESSAGE) {
                p.sent(now);
                p.forwardDue = false;
                gossip.add(p.tx);
            }
        }
        boolean complain = censored && primary(view) == censor;
        censored = false;
        flushGossip();
        if (!inViewChange && primary(view) != tenureOf) {
            tenureOf = primary(view);
            tenureStart = now;
        }
        // Complain only about a primary that has had the whole complaint period to order the transaction.
        if (complain && !inViewChange && now - tenureStart >= cfg.complainAfterMs) {
            startViewChange(view + 1); // a transaction we hold was not ordered in time: the primary loses the round
        }
        boolean work = accepted != null || ripe || inViewChange || deferred != null;
        if (!work) {
            roundStart = now;
        } else if (now - Math.max(roundStart, inViewChange ? roundStart : lastProgress)
                >= timeout() + (accepted == null && !inViewChange && !cfg.batchByLoad ? cfg.batchTimeoutMs : 0)) {
            // The timer restarts at each phase this round reaches (pre-prepare accepted, prepared): a busy but
            // progressing round is not a failed primary. Each phase happens once per view, so a round still
            // ends within about three timeouts.
            // (waiting transactions alone get the BatchTimeout on top: the primary may legitimately hold them that long)
            startViewChange(view + 1);
        }
        if (now - lastResend >= cfg.resendIntervalMs && now - lastProgress >= cfg.resendIntervalMs) {
            lastResend = now; // only a round that stalls is re-sent; a healthy one costs no extra messages
            resend();
        }
        if (now - lastStatus >= 10 * cfg.resendIntervalMs) {
            // Anti-entropy: ask everyone for blocks after ours. Peers that are ahead answer with certified
            // blocks, so a replica that missed the end of an otherwise idle period still catches up.
            lastStatus = now;
            broadcast(sign(new BlockRequest(height + 1)));
        }
        maybePropose();
    }

    /**
     * Drops pending transactions older than maxTxAge by this node's clock (time is the step's input, so this is
     * deterministic): no honest member would accept a block holding one (see validate), so they could never be
     * ordered. A client of this node hears why; a gossiped one just leaves.
     */
    private void expire() {
        for (java.util.Iterator<Pending> it = pending.values().iterator(); it.hasNext();) {
            Pending p = it.next();
            if (p.tx.timestamp() < now - cfg.maxTxAgeMs) {
                it.remove();
                pendingKeys.removeTxHash(p.tx.hashHex()); // its id and (signer, nonce) are free again
                pendingBytes -= p.tx.encodedSize();
                if (p.fromClient) {
                    out.rejected.add(new Ready.Rejected(p.tx.hashHex(), "expired: not ordered within maxTxAge of its timestamp"));
                }
            }
        }
    }

    /** Re-sends what this replica said in the current round; receivers ignore duplicates. */
    private void resend() {
        if (inViewChange) {
            if (myViewChange != null) {
                broadcast(myViewChange);
            }
            return;
        }
        if (newView != null) {
            broadcast(newView);
        }
        if (accepted != null && self == primary(view) && (reproposal == null || reproposal != accepted)) {
            broadcast(accepted);
        }
        if (myPrepare != null) {
            broadcast(myPrepare);
        }
        if (myCommit != null) {
            broadcast(myCommit);
        }
    }
}
