package org.fundchain.node;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.logging.Level;
import java.util.logging.Logger;

import org.fundchain.consensus.Event;
import org.fundchain.consensus.PersistentState;
import org.fundchain.consensus.Ready;
import org.fundchain.consensus.Replica;
import org.fundchain.consensus.Wire;
import org.fundchain.crypto.Hex;
import org.fundchain.ledger.CertifiedBlock;
import org.fundchain.ledger.Reply;
import org.fundchain.ledger.Transaction;
import org.fundchain.ledger.jpa.ChainRecord;
import org.fundchain.ledger.jpa.Ledger;
import org.fundchain.ledger.jpa.LedgerStore;
import org.fundchain.peer.PeerLinks;

/**
 * One chain on this node: the event loop of ARCHITECTURE §4. A single thread owns the consensus core and the
 * {@link BlockExecutor}; everything else (REST threads, peer links, timers) only queues work for it. For every
 * turn it follows the core's {@link Ready} contract: committed blocks are executed at once and stored with the
 * consensus log in one database transaction by the {@link LedgerWriter}, on its own thread; the core is told they
 * executed only once they are durable, and a message that speaks for this node in a round leaves only after the log
 * of its turn is durable ({@link org.fundchain.consensus.Wire#speaksForRound}).
 * Submissions pass the {@link SubmitGate} on the caller's thread; the loop answers each one from the core's step.
 */
public final class ChainRuntime {
    private static final Logger LOG = Logger.getLogger(ChainRuntime.class.getName());
    private static final long TICK_MS = 20;
    /** Events drained per loop turn: persist once, then send everything those steps produced. */
    private static final int BATCH = 256;
    /** A flood of peer frames is dropped beyond this; consensus re-sends and catches up. */
    private static final int INBOX_LIMIT = 200_000;
    private static final int MAX_REPLIES = 200_000;
    /** A submission the loop has not answered in this long is answered BUSY (the loop is stuck or stopping). */
    static final long ANSWER_TIMEOUT_MS = 30_000;
    /** A loop turn longer than this is logged with its breakdown: consensus timeouts are about a second. */
    private static final long SLOW_TURN_NANOS = 250_000_000L;

    /** Status for the node endpoint and the explorer, read without touching the loop. */
    public record Status(String chainId, long height, long view, int primary, String primaryNode, String headHash,
            String stateRoot, boolean inViewChange, int pending, long stableCheckpoint, boolean running, String failure,
            long networkHeight) {
        /** Blocks this node still has to fetch to reach the height f+1 members have shown. */
        public long behind() {
            return Math.max(0, networkHeight - height);
        }
    }

    /**
     * Told about the committed state, on the chain's loop thread: once at start with the whole state (before any
     * block executes) and after each stored block with that block's writes ({@code value} null = deleted). Must be
     * quick and must not throw; read models copy what they need and work elsewhere.
     */
    public interface CommitListener {
        void started(ChainRuntime chain, long height, java.util.SortedMap<org.fundchain.contract.StateKey,
                org.fundchain.contract.VersionedValue> state);

        void committed(String chainId, long height, long blockTime, List<LedgerStore.StateWrite> writes);
    }

    /** A submission that passed the gate, waiting in the inbox for the core's answer. */
    private record Submission(Transaction tx, CompletableFuture<SubmitResult> answer) {
    }

    private final ChainSetup setup;
    private final Ledger ledger;
    private final PeerLinks network;
    private final ScheduledExecutorService scheduler;
    private final ThreadFactory threads;
    private final TxTracker tracker;
    private final ExecutedTransactions executed;
    private final BlockExecutor executor;
    private final SubmitGate gate;
    private final Map<String, Reply> replies = new ConcurrentHashMap<>();
    private final BlockingQueue<Object> inbox = new LinkedBlockingQueue<>();
    private final AtomicBoolean tickQueued = new AtomicBoolean();
    private final List<Ready.Outbound> outbox = new ArrayList<>();
    private final LedgerWriter writer;
    private final CatchUpLog catchUp;
    /** The durable head (what the status shows): the core runs ahead of it by what the writer has not stored yet. */
    private long storedHeight;
    private String storedHash;
    private volatile String storedRoot;

    private volatile CommitListener commitListener;
    private volatile NodeMeters meters = NodeMeters.NONE;
    private long metredView = -1;
    private Replica replica;
    private PersistentState unsavedLog;
    private Thread loop;
    private ScheduledFuture<?> ticker;
    private volatile boolean running;
    private volatile String failure;
    private volatile Status status;

    public ChainRuntime(ChainSetup setup, Ledger ledger, PeerLinks network, ScheduledExecutorService scheduler,
            ThreadFactory threads) {
        this.setup = setup;
        this.ledger = ledger;
        this.network = network;
        this.scheduler = scheduler;
        this.threads = threads;
        this.tracker = new TxTracker(setup.maxPending(), SubmitGate.MAX_PENDING_BYTES, SubmitGate.MAX_STRANGER_PENDING);
        this.executed = new ExecutedTransactions(setup.chainId(), ledger);
        this.executor = new BlockExecutor(setup, ledger, executed);
        this.gate = new SubmitGate(setup, executor::world, executed, tracker);
        this.catchUp = new CatchUpLog(setup.chainId());
        this.writer = new LedgerWriter(setup.chainId(), ledger, inbox::add, this::send, threads,
                (blocks, nanos) -> meters.databaseCommit(setup.chainId(), blocks, nanos));
        gate.onSignatureVerified(() -> meters.signatureVerified(setup.chainId()));
    }

    public String chainId() {
        return setup.chainId();
    }

    public ChainSetup setup() {
        return setup;
    }

    public TxTracker tracker() {
        return tracker;
    }

    /** Set before {@link #start()}. */
    public void setMeters(NodeMeters meters) {
        this.meters = meters;
    }

    /** Set before {@link #start()}. */
    public void setCommitListener(CommitListener listener) {
        this.commitListener = listener;
    }

    // ------------------------------------------------------------------ life cycle

    /** Loads the chain (creating it from genesis on first start), then starts the loop. */
    public synchronized void start() {
        String chain = setup.chainId();
        ChainRecord head = executor.open();
        storedHeight = head.height();
        storedHash = head.headHash();
        storedRoot = head.stateRoot();
        if (commitListener != null) {
            commitListener.started(this, head.height(), executor.world().entries());
        }
        PersistentState log = head.consensusState() == null ? null : PersistentState.decode(head.consensusState());
        replica = new Replica(setup.consensus(), new StoredChain(setup, ledger, executed), gate::isValid, log);
        running = true;
        writer.start();
        publishStatus(); // before the loop starts: afterwards only the loop thread touches the replica
        loop = threads.newThread(this::run);
        loop.setName("fundchain-" + chain);
        loop.start();
        // The core needs the current state root before it may propose or vote.
        inbox.add(new Event.Executed(head.height(), Hex.decode(head.stateRoot()), List.of()));
        ticker = scheduler.scheduleAtFixedRate(() -> {
            if (tickQueued.compareAndSet(false, true)) {
                inbox.add(new Event.Tick());
            }
        }, TICK_MS, TICK_MS, TimeUnit.MILLISECONDS);
        long h = head.height();
        LOG.info(() -> "chain " + chain + " started at height " + h);
    }

    public synchronized void stop() {
        running = false;
        if (ticker != null) {
            ticker.cancel(false);
        }
        if (loop != null) {
            loop.interrupt();
        }
        writer.stop(STOP_WAIT_MS); // what was handed over is stored before the ledger may be closed
    }

    private static final long STOP_WAIT_MS = 30_000;

    public Status status() {
        return status;
    }

    // ------------------------------------------------------------------ inputs from other threads

    /** A consensus frame from an authenticated peer (called on the thread that read it). */
    public void receive(byte[] payload) {
        if (inbox.size() < INBOX_LIMIT) {
            inbox.add(gate.preverify(payload)); // decoded and client signatures checked here, on the peer's thread
        }
    }

    /** Whether this exact envelope's signature already verified here (tests: where verification happened). */
    boolean signatureVerified(Transaction tx) {
        return gate.verified(tx);
    }

    /** Parses a client envelope once; submit the transaction with {@link #submit(Transaction)}. */
    public ParsedEnvelope parse(Map<String, Object> envelope) {
        return gate.parse(envelope);
    }

    /** Whether the transaction's signature verifies; remembered, so its submission does not verify it again. */
    public boolean verifySignature(Transaction tx) {
        return gate.verify(tx);
    }

    /** A client envelope (REST thread): as {@link #submit(Transaction)} after parsing it. */
    public CompletableFuture<SubmitResult> submit(Map<String, Object> envelope) {
        ParsedEnvelope p = gate.parse(envelope);
        return p.ok() ? submit(p.tx()) : CompletableFuture.completedFuture(p.refusal());
    }

    /**
     * A client transaction: every check that can be answered now (then the answer is already complete), else held and
     * queued; the loop answers from the core's step: ACCEPTED into its mempool, or why not. Never completes
     * exceptionally; unanswered after {@link #ANSWER_TIMEOUT_MS} it is BUSY.
     */
    public CompletableFuture<SubmitResult> submit(Transaction tx) {
        if (!running || failure != null) {
            return CompletableFuture.completedFuture(notRunning(tx.hashHex()));
        }
        SubmitResult refused = gate.admit(tx, System.currentTimeMillis());
        if (refused != null) {
            meters.submissionRefused(chainId(), refused.outcome().name());
            return CompletableFuture.completedFuture(refused);
        }
        CompletableFuture<SubmitResult> answer = new CompletableFuture<>();
        inbox.add(new Submission(tx, answer));
        return answer.completeOnTimeout(SubmitResult.refused(SubmitResult.Outcome.BUSY, tx.hashHex(),
                "chain " + chainId() + " did not answer in time; retry"), ANSWER_TIMEOUT_MS, TimeUnit.MILLISECONDS);
    }

    /** This node's signed reply for a committed transaction, if it still has it in memory. */
    public Reply reply(String txHash) {
        return replies.get(txHash);
    }

    // ------------------------------------------------------------------ the loop

    private void run() {
        List<Object> batch = new ArrayList<>(BATCH);
        while (running) {
            try {
                Object first = inbox.poll(200, TimeUnit.MILLISECONDS);
                if (first == null) {
                    continue;
                }
                batch.add(first);
                inbox.drainTo(batch, BATCH - 1);
                long t0 = System.nanoTime();
                for (Object e : batch) {
                    step(e);
                }
                long t1 = System.nanoTime();
                flush();
                long t2 = System.nanoTime();
                if (t2 - t0 > SLOW_TURN_NANOS) {
                    logSlowTurn(batch.size(), t0, t1, t2);
                }
                batch.clear();
                publishStatus();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            } catch (RuntimeException | Error e) {
                // Storage failed or state diverged: the in-memory state can no longer be trusted. Stop this
                // chain; a restart reloads it from the ledger and catches up from peers.
                failure = e.toString();
                running = false;
                LOG.log(Level.SEVERE, "chain " + chainId() + " stopped", e);
                publishStatus();
            }
        }
        batch.forEach(this::refuseUnanswered);
        for (Object e; (e = inbox.poll()) != null;) {
            refuseUnanswered(e);
        }
    }

    private void step(Object e) {
        long now = System.currentTimeMillis();
        if (e instanceof Submission s) {
            String hash = s.tx().hashHex();
            Ready r = replica.step(now, new Event.Submit(s.tx()));
            Ready.Rejected refusal = null;
            for (Ready.Rejected rej : r.rejected()) {
                if (rej.txHash().equals(hash)) {
                    refusal = rej;
                }
            }
            if (refusal != null) {
                tracker.release(hash);
            }
            handle(r, hash);
            SubmitResult answer = refusal == null ? SubmitResult.accepted(hash)
                    : SubmitResult.refused(SubmitGate.outcomeOfCoreRefusal(refusal.kind()), hash, refusal.reason());
            if (refusal == null) {
                meters.submissionAccepted(chainId());
            } else {
                meters.submissionRefused(chainId(), answer.outcome().name());
            }
            s.answer().complete(answer);
            return;
        }
        if (e instanceof LedgerWriter.Durable d) {
            settle(d.stored());
            return;
        }
        if (e instanceof LedgerWriter.Failed f) {
            throw new IllegalStateException("storing chain " + chainId() + " failed", f.error());
        }
        if (e instanceof Event.Tick) {
            tickQueued.set(false);
        }
        handle(replica.step(now, (Event) e), null);
    }

    private void refuseUnanswered(Object e) {
        if (e instanceof Submission s) {
            tracker.release(s.tx().hashHex());
            s.answer().complete(notRunning(s.tx().hashHex()));
        }
    }

    private SubmitResult notRunning(String txHash) {
        return SubmitResult.refused(SubmitResult.Outcome.BUSY, txHash, "chain " + chainId() + " is not running");
    }

    /** Follows one step's Ready; {@code answered}: the submission this step answers (its refusal is no expiry). */
    private void handle(Ready r, String answered) {
        if (r.persist() != null) {
            unsavedLog = r.persist();
        }
        if (!r.committed().isEmpty()) {
            // What does not speak for a round (a catch-up's next block request above all) leaves before the blocks
            // execute: the peer prepares the next batch while this one executes, instead of after it.
            for (Ready.Outbound o : r.messages()) {
                if (Wire.speaksForRound(o.bytes())) {
                    outbox.add(o);
                } else {
                    send(o);
                }
            }
            store(r.committed());
        } else {
            outbox.addAll(r.messages());
        }
        for (Reply reply : r.replies()) {
            if (replies.size() >= MAX_REPLIES) {
                replies.clear(); // receipts of old transactions are re-signed from the ledger on demand
            }
            replies.put(Hex.encode(reply.txHash()), reply);
        }
        for (Ready.Rejected rej : r.rejected()) {
            // Besides the submission a step answers, the core refuses only what it held and dropped: expiry.
            if (!rej.txHash().equals(answered)) {
                tracker.expired(rej.txHash(), rej.reason());
            }
        }
        for (Ready.StableCheckpoint c : r.checkpoints()) {
            if (c.ourStateRoot() != null && !java.util.Arrays.equals(c.ourStateRoot(), c.stateRoot())) {
                throw new IllegalStateException("checkpoint at height " + c.height() + ": 2f+1 members agree on state root "
                        + Hex.encode(c.stateRoot()) + " but ours differs");
            }
        }
    }

    /**
     * Executes one step's blocks and hands each to the writer as soon as it is executed (the writer starts on the
     * first while the loop executes the rest of a catch-up batch), the step's consensus log with the last.
     */
    private void store(List<CertifiedBlock> blocks) {
        byte[] log = unsavedLog == null ? null : unsavedLog.encode();
        unsavedLog = null;
        try {
            for (int i = 0; i < blocks.size(); i++) {
                writer.write(executor.execute(List.of(blocks.get(i))), i == blocks.size() - 1 ? log : null);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt(); // stopping: as if the node stopped before storing these
        }
    }

    /**
     * Blocks are durable: the read models and the tracker learn of them, the status moves, and the core is told they
     * executed, in order, each height with its own root and results; its Ready may propose the next block at once.
     */
    private void settle(List<BlockExecutor.Stored> done) {
        for (BlockExecutor.Stored s : done) {
            s.transactions().forEach(executed::add);
            s.transactions().forEach(tracker::committed);
            CommitListener l = commitListener;
            if (l != null) {
                l.committed(chainId(), s.height(), s.timestamp(), s.writes());
            }
            meters.blockStored(chainId(), s.height(), s.transactions().size(), System.currentTimeMillis() - s.timestamp());
            storedHeight = s.height();
            storedHash = s.hash();
            storedRoot = s.stateRoot();
            handle(replica.step(System.currentTimeMillis(),
                    new Event.Executed(s.height(), Hex.decode(s.stateRoot()), s.results())), null);
        }
    }

    /**
     * Hands the newest consensus log (if any) to the writer, then sends what the steps produced: a message that speaks
     * for this node in a round waits for everything handed to the writer before it; the rest leaves at once.
     */
    private void flush() {
        try {
            if (unsavedLog != null) {
                writer.writeLog(unsavedLog.encode());
                unsavedLog = null;
            }
            boolean durable = writer.idle(); // read once: the held messages keep their order
            List<Ready.Outbound> later = new ArrayList<>();
            for (Ready.Outbound o : outbox) {
                if (!durable && Wire.speaksForRound(o.bytes())) {
                    later.add(o);
                } else {
                    send(o);
                }
            }
            if (!later.isEmpty()) {
                writer.sendAfterPending(later);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt(); // stopping: what is not sent is re-sent by the peers' rounds
        } finally {
            outbox.clear();
        }
    }

    private void send(Ready.Outbound o) {
        if (o.to() == Ready.ALL) {
            network.broadcast(chainId(), o.bytes());
        } else if (o.to() != setup.self()) {
            network.send(setup.memberIds().get(o.to()), chainId(), o.bytes());
        }
    }

    private void logSlowTurn(int events, long t0, long t1, long t2) {
        LOG.warning(() -> String.format(java.util.Locale.ROOT,
                "chain %s: slow loop turn %d ms (%d events; steps+execution %d ms; hand-over+send %d ms); inbox %d",
                chainId(), (t2 - t0) / 1_000_000, events, (t1 - t0) / 1_000_000, (t2 - t1) / 1_000_000, inbox.size()));
    }

    private void publishStatus() {
        Replica r = replica;
        if (r == null) {
            return;
        }
        int p = r.primary();
        if (r.view() > metredView) {
            if (metredView >= 0) {
                meters.viewChanged(chainId(), metredView, r.view());
            }
            metredView = r.view();
        }
        status = new Status(chainId(), storedHeight, r.view(), p, setup.memberIds().get(p), storedHash,
                storedRoot, r.inViewChange(), r.pendingCount(), r.stableCheckpoint(), running, failure,
                r.networkHeight());
        catchUp.observe(status);
    }
}
