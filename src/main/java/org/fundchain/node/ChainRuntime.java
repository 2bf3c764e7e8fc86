package org.fundchain.node;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.logging.Level;
import java.util.logging.Logger;

import org.fundchain.codec.CodecException;
import org.fundchain.codec.Json;
import org.fundchain.consensus.CommittedLedger;
import org.fundchain.consensus.Event;
import org.fundchain.consensus.PersistentState;
import org.fundchain.consensus.Ready;
import org.fundchain.consensus.Replica;
import org.fundchain.contract.Admission;
import org.fundchain.contract.ContractRuntime;
import org.fundchain.contract.Receipt;
import org.fundchain.contract.TransactionCall;
import org.fundchain.contract.api.Signer;
import org.fundchain.crypto.Hex;
import org.fundchain.ledger.Block;
import org.fundchain.ledger.CertifiedBlock;
import org.fundchain.ledger.Duplicates;
import org.fundchain.ledger.Reply;
import org.fundchain.ledger.Transaction;
import org.fundchain.ledger.jpa.BlockRecord;
import org.fundchain.ledger.jpa.ChainRecord;
import org.fundchain.ledger.jpa.Ledger;
import org.fundchain.ledger.jpa.LedgerStore;
import org.fundchain.peer.PeerLinks;

/**
 * One chain on this node: the event loop of ARCHITECTURE §4. A single thread owns the consensus core,
 * the contract runtime and the in-memory world state; everything else (REST threads, peer links,
 * timers) only queues events for it. For every step it follows the core's {@link Ready} contract:
 * committed blocks are executed and stored — block, transactions, state changes and consensus log in
 * one database transaction — and the consensus log is stored, before any message of that step leaves.
 */
public final class ChainRuntime {
    private static final Logger LOG = Logger.getLogger(ChainRuntime.class.getName());
    private static final long TICK_MS = 20;
    /** Events drained per loop turn: persist once, then send everything those steps produced. */
    private static final int BATCH = 256;
    /** A flood of peer frames is dropped beyond this; consensus re-sends and catches up. */
    private static final int INBOX_LIMIT = 200_000;
    private static final int MAX_REPLIES = 200_000;
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

    private final ChainSetup setup;
    private final Ledger ledger;
    private final PeerLinks network;
    private final ScheduledExecutorService scheduler;
    private final ThreadFactory threads;
    private final TxTracker tracker = new TxTracker();
    /** Transaction ids and replay keys already executed here (a filter: "maybe" asks the ledger). */
    private final ReplayKeyFilter executedKeys = new ReplayKeyFilter(24);
    private final SignatureCache signatures = new SignatureCache(1_000_000);
    /** Submitted here and not yet executed or refused, under the one duplicate rule; guarded by itself. */
    private final Duplicates.Index pendingKeys = new Duplicates.Index();
    /** Client submissions not yet final: their sizes, and which come from keys not admitted (guarded by pendingKeys). */
    private final Map<String, Integer> pendingSizes = new java.util.HashMap<>();
    private final Map<String, String> strangerPending = new java.util.HashMap<>();
    private long pendingBytes;
    /** Bytes of client submissions this node holds before they are final (the core bounds gossip the same way). */
    static final long MAX_PENDING_BYTES = 64L * 1024 * 1024;
    /** A key that is not admitted may only ask to be (registry.requestRegistration): small, one at a time ... */
    static final int MAX_STRANGER_TX_BYTES = 4096;
    /** ... and at most this many such requests pending on this node at once. */
    static final int MAX_STRANGER_PENDING = 256;
    private final Map<String, Reply> replies = new ConcurrentHashMap<>();
    private final BlockingQueue<Object> inbox = new LinkedBlockingQueue<>();
    private final AtomicBoolean tickQueued = new AtomicBoolean();
    private final List<Ready.Outbound> outbox = new ArrayList<>();

    private LedgerWorldState world;
    private volatile CommitListener commitListener;
    private ContractRuntime contracts;
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

    /** Set before {@link #start()}. */
    public void setCommitListener(CommitListener listener) {
        this.commitListener = listener;
    }

    // ------------------------------------------------------------------ life cycle

    /** Loads the chain (creating it from genesis on first start), then starts the loop. */
    public synchronized void start() {
        String chain = setup.chainId();
        world = LedgerWorldState.load(ledger.allState(chain));
        contracts = new ContractRuntime(chain, setup.contracts(), world, setup.suite().hash());
        ChainRecord head = ledger.head(chain).orElse(null);
        if (head == null) {
            contracts.genesis(setup.genesisContracts(), setup.genesisTime());
            head = ledger.initChain(chain, Hex.encode(setup.genesisHash()), contracts.stateRoot(), world.drainWrites());
        } else {
            world.drainWrites();
            String root = contracts.stateRoot();
            if (!root.equals(head.stateRoot())) {
                throw new IllegalStateException("chain " + chain + ": stored state root " + head.stateRoot()
                        + " does not match the stored state (" + root + ")");
            }
        }
        lastRoot = head.stateRoot();
        if (commitListener != null) {
            commitListener.started(this, head.height(), world.entries());
        }
        for (String k : ledger.replayKeys(chain)) {
            executedKeys.add(k);
        }
        for (String h : ledger.txHashes(chain)) {
            executedKeys.add(h);
        }
        PersistentState log = head.consensusState() == null ? null : PersistentState.decode(head.consensusState());
        replica = new Replica(setup.consensus(), new StoredChain(), this::checkTransaction, log);
        running = true;
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
    }

    public Status status() {
        return status;
    }

    // ------------------------------------------------------------------ inputs from other threads

    /** A consensus frame from an authenticated peer. */
    public void receive(byte[] payload) {
        if (inbox.size() < INBOX_LIMIT) {
            inbox.add(new Event.Receive(payload));
        }
    }

    /** A client submission (REST thread): every check that can be answered now, then queue it. */
    public SubmitResult submit(Map<String, Object> envelope) {
        if (!running || failure != null) {
            return SubmitResult.refused(SubmitResult.Outcome.BUSY, null, "chain " + chainId() + " is not running");
        }
        Transaction tx;
        try {
            tx = Transaction.fromApiJson(setup.suite().hash(), envelope);
        } catch (CodecException | org.fundchain.crypto.CryptoException e) {
            return SubmitResult.refused(SubmitResult.Outcome.INVALID, null, e.getMessage());
        }
        String hash = tx.hashHex();
        if (!tx.chain().equals(chainId())) {
            return SubmitResult.refused(SubmitResult.Outcome.INVALID, hash,
                    "payload names chain '" + tx.chain() + "' but was sent to chain '" + chainId() + "'");
        }
        if (setup.contracts().get(tx.contract()) == null) {
            return SubmitResult.refused(SubmitResult.Outcome.UNKNOWN, hash, "no contract '" + tx.contract() + "' on chain " + chainId());
        }
        if (tx.algorithm() != setup.suite().signature()) {
            return SubmitResult.refused(SubmitResult.Outcome.INVALID, hash, "this consortium signs with "
                    + setup.suite().signature().jsonName() + ", not " + tx.algorithm().jsonName());
        }
        long now = System.currentTimeMillis();
        if (tx.timestamp() > now + setup.consensus().maxClockSkewMs() || tx.timestamp() < now - setup.consensus().maxTxAgeMs()) {
            return SubmitResult.refused(SubmitResult.Outcome.INVALID, hash, "timestamp " + tx.timestamp()
                    + " is too far from the node's clock (" + now + "): allowed " + setup.consensus().maxClockSkewMs()
                    + " ms ahead and " + setup.consensus().maxTxAgeMs() + " ms behind");
        }
        // Admission first: it is a look-up, while a signature costs a verification (and a cache entry).
        if (!Admission.mayAccept(world, call(tx))) {
            return SubmitResult.refused(SubmitResult.Outcome.NOT_ADMITTED, hash,
                    "signer " + signerId(tx) + " is not admitted to this consortium (or is disabled)");
        }
        boolean stranger = Admission.lookup(world, signerId(tx)).isEmpty(); // a registration request
        if (stranger && tx.encodedSize() > MAX_STRANGER_TX_BYTES) {
            return SubmitResult.refused(SubmitResult.Outcome.INVALID, hash, "a registration request may have at most "
                    + MAX_STRANGER_TX_BYTES + " bytes");
        }
        if (!signatures.verify(tx)) {
            return SubmitResult.refused(SubmitResult.Outcome.INVALID, hash, "signature does not verify over the payload");
        }
        // One rule (Duplicates): a transaction id or a (signer, nonce) taken by a pending or executed transaction.
        String duplicate;
        synchronized (pendingKeys) {
            duplicate = pendingKeys.conflict(tx);
        }
        if (duplicate == null) {
            duplicate = Duplicates.conflict(tx, executed());
        }
        if (duplicate != null) {
            return SubmitResult.refused(SubmitResult.Outcome.REPLAY, hash, duplicate);
        }
        synchronized (pendingKeys) {
            if (pendingKeys.size() >= setup.maxPending() || pendingBytes + tx.encodedSize() > MAX_PENDING_BYTES) {
                return SubmitResult.refused(SubmitResult.Outcome.BUSY, hash, "mempool is full; retry shortly");
            }
            if (stranger && (strangerPending.size() >= MAX_STRANGER_PENDING || strangerPending.containsValue(signerId(tx)))) {
                return SubmitResult.refused(SubmitResult.Outcome.BUSY, hash, strangerPending.containsValue(signerId(tx))
                        ? "a registration request of this key is already pending" : "too many registration requests pending; retry later");
            }
            duplicate = pendingKeys.add(tx);
            if (duplicate == null) {
                pendingSizes.put(hash, tx.encodedSize());
                pendingBytes += tx.encodedSize();
                if (stranger) {
                    strangerPending.put(hash, signerId(tx));
                }
            }
        }
        if (duplicate != null) {
            return SubmitResult.refused(SubmitResult.Outcome.REPLAY, hash, duplicate);
        }
        tracker.pending(hash, System.currentTimeMillis());
        inbox.add(new Event.Submit(tx));
        return SubmitResult.accepted(hash);
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
                storeNanos = 0;
                for (Object e : batch) {
                    if (e instanceof Event.Tick) {
                        tickQueued.set(false);
                    }
                    handle(replica.step(System.currentTimeMillis(), (Event) e));
                }
                long t1 = System.nanoTime();
                flush();
                long t2 = System.nanoTime();
                if (t2 - t0 > SLOW_TURN_NANOS) {
                    int events = batch.size();
                    long storeMs = storeNanos / 1_000_000;
                    LOG.warning(() -> String.format(java.util.Locale.ROOT,
                            "chain %s: slow loop turn %d ms (%d events; steps+execution %d ms of which block storage %d ms;"
                            + " log+send %d ms); inbox %d", chainId(), (t2 - t0) / 1_000_000, events, (t1 - t0) / 1_000_000,
                            storeMs, (t2 - t1) / 1_000_000, inbox.size()));
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
    }

    private void handle(Ready r) {
        if (r.persist() != null) {
            unsavedLog = r.persist();
        }
        if (!r.committed().isEmpty()) {
            executeAndStore(r.committed());
        }
        outbox.addAll(r.messages());
        for (Reply reply : r.replies()) {
            if (replies.size() >= MAX_REPLIES) {
                replies.clear(); // receipts of old transactions are re-signed from the ledger on demand
            }
            replies.put(Hex.encode(reply.txHash()), reply);
        }
        for (Ready.Rejected rej : r.rejected()) {
            releasePending(rej.txHash());
            tracker.refused(rej.txHash(), rej.reason());
        }
        for (Ready.StableCheckpoint c : r.checkpoints()) {
            if (c.ourStateRoot() != null && !java.util.Arrays.equals(c.ourStateRoot(), c.stateRoot())) {
                throw new IllegalStateException("checkpoint at height " + c.height() + ": 2f+1 members agree on state root "
                        + Hex.encode(c.stateRoot()) + " but ours differs");
            }
        }
        if (!r.committed().isEmpty()) {
            // Feed back execution in order, each height with its own root and results (one Ready may commit a
            // whole catch-up batch); its Ready may propose the next block at once (batch by load).
            for (CertifiedBlock cb : r.committed()) {
                Executed done = executed.remove(cb.height());
                handle(replica.step(System.currentTimeMillis(),
                        new Event.Executed(cb.height(), Hex.decode(done.stateRoot()), done.results())));
            }
        }
    }

    /** What executing one block produced, kept until the core is told about that height. */
    private record Executed(String stateRoot, List<byte[]> results) {
    }

    private String lastRoot;
    private long storeNanos;
    private final Map<Long, Executed> executed = new TreeMap<>();

    /**
     * Executes the blocks one step committed (one, or a whole catch-up batch) and stores them in one database
     * transaction, with the step's consensus log — which belongs to the round after the last of them. One commit
     * (one fsync) per batch is what lets a wiped node replay the chain in bulk; a crash leaves all or none.
     */
    private void executeAndStore(List<CertifiedBlock> blocks) {
        List<LedgerStore.BlockAppend> appends = new ArrayList<>(blocks.size());
        for (CertifiedBlock cb : blocks) {
            Block b = cb.block();
            long h = b.header().height();
            List<LedgerStore.TxOutcome> outcomes = new ArrayList<>(b.transactions().size());
            List<byte[]> results = new ArrayList<>(b.transactions().size());
            int pos = 0;
            for (Transaction tx : b.transactions()) {
                Receipt receipt = execute(tx, h, b.header().timestamp());
                String text = Json.write(receipt.toJson());
                results.add(text.getBytes(StandardCharsets.UTF_8));
                outcomes.add(new LedgerStore.TxOutcome(tx.hashHex(), pos++, tx.replayKey(), tx.contract(), tx.method(),
                        receipt.committed(), text));
            }
            String root = contracts.stateRoot();
            boolean last = appends.size() == blocks.size() - 1;
            byte[] log = !last || unsavedLog == null ? null : unsavedLog.encode();
            appends.add(new LedgerStore.BlockAppend(chainId(), h, Hex.encode(b.hash(setup.suite().hash())),
                    Hex.encode(b.header().prevHash()), b.header().timestamp(), cb.encode(), outcomes, world.drainWrites(),
                    root, log));
            executed.put(h, new Executed(root, results));
        }
        long s0 = System.nanoTime();
        ledger.append(appends);
        storeNanos += System.nanoTime() - s0;
        unsavedLog = null;
        for (int i = 0; i < blocks.size(); i++) {
            Block b = blocks.get(i).block();
            LedgerStore.BlockAppend stored = appends.get(i);
            lastRoot = stored.stateRootAfter();
            for (Transaction tx : b.transactions()) {
                executedKeys.add(tx.replayKey());
                executedKeys.add(tx.hashHex());
                List<String> lost;
                synchronized (pendingKeys) {
                    lost = pendingKeys.removeConflicts(tx); // this one, and any pending duplicate of it
                    lost.forEach(this::forgetPendingLocked);
                }
                tracker.committed(tx.hashHex());
                for (String loser : lost) {
                    if (!loser.equals(tx.hashHex())) {
                        tracker.refused(loser, "replay: transaction " + tx.hashHex() + " executed this (signer, nonce)");
                    }
                }
            }
            if (commitListener != null) {
                commitListener.committed(chainId(), stored.height(), stored.timestamp(), stored.writes());
            }
        }
    }

    private Receipt execute(Transaction tx, long height, long blockTime) {
        if (!tx.chain().equals(chainId())) {
            return new Receipt(tx.hashHex(), Receipt.Status.REJECTED, null, "WRONG_CHAIN", "transaction names chain " + tx.chain(), List.of());
        }
        TransactionCall call = call(tx);
        if (!Admission.mayAccept(world, call)) {
            return new Receipt(tx.hashHex(), Receipt.Status.REJECTED, null, "NOT_ADMITTED",
                    "signer " + call.signer().id() + " is not admitted", List.of());
        }
        return contracts.execute(call, height, blockTime);
    }

    /** Stores the newest consensus log (if any) and only then sends what the steps produced. */
    private void flush() {
        if (unsavedLog != null) {
            ledger.saveConsensusState(chainId(), unsavedLog.encode());
            unsavedLog = null;
        }
        for (Ready.Outbound o : outbox) {
            if (o.to() == Ready.ALL) {
                network.broadcast(chainId(), o.bytes());
            } else if (o.to() != setup.self()) {
                network.send(setup.memberIds().get(o.to()), chainId(), o.bytes());
            }
        }
        outbox.clear();
    }

    private void publishStatus() {
        Replica r = replica;
        if (r == null) {
            return;
        }
        int p = r.primary();
        status = new Status(chainId(), r.height(), r.view(), p, setup.memberIds().get(p), Hex.encode(r.lastBlockHash()),
                lastRoot, r.inViewChange(), r.pendingCount(), r.stableCheckpoint(), running, failure, r.networkHeight());
        logCatchUp(status);
    }

    /** Far enough behind to call it catching up rather than finishing a round. */
    private static final long CATCH_UP_BLOCKS = 32;
    private static final long CATCH_UP_LOG_NANOS = 5_000_000_000L;
    private long catchUpSince;
    private long catchUpFrom;
    private long catchUpLogged;

    /** While far behind, a progress line every few seconds (height, target, rate); one line when caught up. */
    private void logCatchUp(Status st) {
        long t = System.nanoTime();
        if (st.behind() >= CATCH_UP_BLOCKS) {
            if (catchUpSince == 0) {
                catchUpSince = t;
                catchUpFrom = st.height();
                catchUpLogged = t;
                LOG.info(() -> "chain " + chainId() + ": catching up from height " + st.height() + " to " + st.networkHeight());
            } else if (t - catchUpLogged >= CATCH_UP_LOG_NANOS) {
                catchUpLogged = t;
                double rate = (st.height() - catchUpFrom) * 1e9 / (t - catchUpSince);
                LOG.info(() -> String.format(java.util.Locale.ROOT, "chain %s: catching up, height %d of %d (%.0f blocks/s)",
                        chainId(), st.height(), st.networkHeight(), rate));
            }
        } else if (catchUpSince != 0 && st.behind() == 0) {
            double secs = (t - catchUpSince) / 1e9;
            long blocks = st.height() - catchUpFrom;
            catchUpSince = 0;
            LOG.info(() -> String.format(java.util.Locale.ROOT, "chain %s: caught up to height %d (%d blocks in %.1f s)",
                    chainId(), st.height(), blocks, secs));
        }
    }

    // ------------------------------------------------------------------ helpers

    /** The client's signature over the payload, for submissions, gossip and proposed blocks alike. */
    /**
     * The core's check for every transaction it did not get from this node's client (gossip, proposals): the same
     * rule as a client submission — an admitted signer (or a registration request) and a valid signature. Without
     * admission a member could gossip a client's payload re-signed by a fresh key and have it ordered (and
     * rejected) under the client's transaction id.
     */
    private boolean checkTransaction(Transaction tx) {
        return Admission.mayAccept(world, call(tx)) && signatures.verify(tx);
    }

    private void releasePending(String txHash) {
        synchronized (pendingKeys) {
            pendingKeys.removeTxHash(txHash);
            forgetPendingLocked(txHash);
        }
    }

    /** Caller holds {@code pendingKeys}. */
    private void forgetPendingLocked(String txHash) {
        Integer size = pendingSizes.remove(txHash);
        if (size != null) {
            pendingBytes -= size;
        }
        strangerPending.remove(txHash);
    }

    /** What executed on this chain, as the duplicate rule asks it. */
    private Duplicates.Seen executed() {
        return Duplicates.seen(this::isExecutedTxHash, this::isExecuted);
    }

    private boolean isExecuted(String replayKey) {
        return executedKeys.mightContain(replayKey) && !ledger.usedReplayKeys(chainId(), List.of(replayKey)).isEmpty();
    }

    private boolean isExecutedTxHash(String txHash) {
        return executedKeys.mightContain(txHash) && ledger.transaction(chainId(), txHash).isPresent();
    }

    private static String signerId(Transaction tx) {
        return tx.algorithm().jsonName().toLowerCase(java.util.Locale.ROOT) + ":" + Hex.encode(tx.signer());
    }

    @SuppressWarnings("unchecked")
    private static TransactionCall call(Transaction tx) {
        Object args = tx.args();
        SortedMap<String, Object> a = args instanceof SortedMap ? (SortedMap<String, Object>) args : new TreeMap<>();
        return new TransactionCall(tx.hashHex(), new Signer(signerId(tx)), tx.contract(), tx.method(), a);
    }

    /** The stored chain as the consensus core reads it. */
    private final class StoredChain implements CommittedLedger {
        @Override
        public long height() {
            return ledger.head(chainId()).map(ChainRecord::height).orElse(0L);
        }

        @Override
        public CertifiedBlock block(long height) {
            return ledger.block(chainId(), height).map(BlockRecord::encoded)
                    .map(b -> CertifiedBlock.decode(b, setup.suite().hash())).orElse(null);
        }

        @Override
        public boolean containsReplayKey(String replayKey) {
            return isExecuted(replayKey);
        }

        @Override
        public boolean containsTxHash(String txHash) {
            return isExecutedTxHash(txHash);
        }
    }
}
