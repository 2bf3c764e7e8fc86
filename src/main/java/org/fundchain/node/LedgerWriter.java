package org.fundchain.node;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadFactory;
import java.util.function.Consumer;
import java.util.logging.Logger;

import org.fundchain.consensus.Ready;
import org.fundchain.ledger.jpa.Ledger;
import org.fundchain.ledger.jpa.LedgerStore;

/**
 * A chain's ledger writes on a thread of their own, in the order the loop hands them over. Storing a transaction in
 * Derby costs more CPU than decoding and executing it (about 50 us against 30 us), so while one batch of blocks is
 * being stored the loop decodes and executes the next: a node catching up replays at the speed of storage alone.
 * What is queued when the thread comes to it goes into one database transaction (group commit; the newest
 * consensus log on its last block), so it commits all of it or none.
 *
 * <p>Nothing counts before it is durable: the loop is told by a {@link Durable} in its inbox, and only then tells the
 * core the blocks executed and settles what they decided. Messages that carry the node's word in a round (votes,
 * view changes, proposals) and were produced while a write was pending are handed over here too and leave only
 * after everything written before them. A failed write stops the writer for good ({@link Failed}): the chain stops and a
 * restart reloads it from the ledger, which is the truth.
 */
final class LedgerWriter {
    private static final Logger LOG = Logger.getLogger(LedgerWriter.class.getName());
    /** The loop waits while this many bytes of blocks are handed over and not yet stored (bounds memory). */
    static final long MAX_PENDING_BYTES = 64L * 1024 * 1024;
    /** A write longer than this is logged (consensus timeouts are about a second). */
    private static final long SLOW_WRITE_NANOS = 250_000_000L;

    /** Posted to the loop: these blocks are stored (in height order), with everything handed over before them. */
    record Durable(List<BlockExecutor.Stored> stored) {
    }

    /** Posted to the loop: a write failed; nothing after it was written or sent. */
    record Failed(RuntimeException error) {
    }

    /** One hand-over: blocks to append (maybe none), the newest consensus log (maybe none), messages to send after. */
    private record Job(List<LedgerStore.BlockAppend> blocks, List<BlockExecutor.Stored> stored, byte[] log,
            List<Ready.Outbound> after, long bytes) {
    }

    /** Sends one message the loop handed over (on the writer's thread). */
    interface Sender {
        void send(Ready.Outbound message);
    }

    private final String chainId;
    private final Ledger ledger;
    private final Consumer<Object> loopInbox;
    private final Sender sender;
    private final Thread thread;
    private final ArrayDeque<Job> queue = new ArrayDeque<>();
    private long pendingBytes;
    /** Jobs handed over and not yet durable (queued or being written). */
    private int unfinished;
    private boolean closed;
    private boolean failed;

    /** Told the time of every database transaction (metrics): blocks stored, nanoseconds. */
    interface CommitTimer {
        void stored(int blocks, long nanos);
    }

    private final CommitTimer timer;

    LedgerWriter(String chainId, Ledger ledger, Consumer<Object> loopInbox, Sender sender, ThreadFactory threads) {
        this(chainId, ledger, loopInbox, sender, threads, (b, n) -> { });
    }

    LedgerWriter(String chainId, Ledger ledger, Consumer<Object> loopInbox, Sender sender, ThreadFactory threads,
            CommitTimer timer) {
        this.timer = timer;
        this.chainId = chainId;
        this.ledger = ledger;
        this.loopInbox = loopInbox;
        this.sender = sender;
        this.thread = threads.newThread(this::run);
        thread.setName("fundchain-" + chainId + "-ledger");
    }

    void start() {
        thread.start();
    }

    /** Whether everything handed over is durable (then a message may leave at once). */
    synchronized boolean idle() {
        return unfinished == 0;
    }

    /** Hands over executed blocks with the newest consensus log (either may be empty/null); waits while too much is pending. */
    void write(BlockExecutor.Batch batch, byte[] log) throws InterruptedException {
        long bytes = 0;
        for (LedgerStore.BlockAppend b : batch.appends()) {
            bytes += b.encoded().length;
        }
        add(new Job(batch.appends(), batch.stored(), log, List.of(), bytes));
    }

    /** Hands over the newest consensus log alone. */
    void writeLog(byte[] log) throws InterruptedException {
        add(new Job(List.of(), List.of(), log, List.of(), 0));
    }

    /** Sends these once everything handed over before them is durable. */
    void sendAfterPending(List<Ready.Outbound> messages) throws InterruptedException {
        add(new Job(List.of(), List.of(), null, List.copyOf(messages), 0));
    }

    private synchronized void add(Job job) throws InterruptedException {
        while (!closed && !failed && pendingBytes > 0 && pendingBytes + job.bytes() > MAX_PENDING_BYTES) {
            wait();
        }
        if (closed || failed) {
            return; // as if the node had stopped before this write: the ledger stays the truth
        }
        queue.add(job);
        pendingBytes += job.bytes();
        unfinished++;
        notifyAll();
    }

    /** Stops taking writes, finishes what was handed over (up to {@code waitMs}), then ends the thread. */
    void stop(long waitMs) {
        synchronized (this) {
            closed = true;
            notifyAll();
        }
        if (Thread.currentThread() != thread) {
            try {
                thread.join(waitMs);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private void run() {
        while (true) {
            List<Job> jobs = new ArrayList<>();
            synchronized (this) {
                while (queue.isEmpty() && !closed) {
                    try {
                        wait();
                    } catch (InterruptedException e) {
                        closed = true; // never interrupt a Derby write: finish what is queued, then end
                    }
                }
                if (queue.isEmpty()) {
                    return;
                }
                jobs.addAll(queue);
                queue.clear();
            }
            try {
                store(jobs);
            } catch (RuntimeException | Error e) {
                synchronized (this) {
                    failed = true;
                    queue.clear();
                    notifyAll();
                }
                loopInbox.accept(new Failed(e instanceof RuntimeException r ? r : new IllegalStateException(e)));
                return;
            }
            List<BlockExecutor.Stored> stored = new ArrayList<>();
            long bytes = 0;
            for (Job j : jobs) {
                stored.addAll(j.stored());
                bytes += j.bytes();
            }
            synchronized (this) {
                pendingBytes -= bytes;
                unfinished -= jobs.size();
                notifyAll();
            }
            if (!stored.isEmpty()) {
                loopInbox.accept(new Durable(stored));
            }
            for (Job j : jobs) {
                for (Ready.Outbound o : j.after()) {
                    try {
                        sender.send(o);
                    } catch (RuntimeException e) {
                        LOG.warning(() -> "chain " + chainId + ": sending failed: " + e); // consensus re-sends
                    }
                }
            }
        }
    }

    /** All the jobs' blocks in one database transaction, the newest log on the last block (or alone). */
    private void store(List<Job> jobs) {
        List<LedgerStore.BlockAppend> blocks = new ArrayList<>();
        byte[] log = null;
        for (Job j : jobs) {
            blocks.addAll(j.blocks());
            if (j.log() != null) {
                log = j.log();
            }
        }
        long t0 = System.nanoTime();
        if (!blocks.isEmpty()) {
            LedgerStore.BlockAppend last = blocks.remove(blocks.size() - 1);
            blocks.add(log == null ? last : new LedgerStore.BlockAppend(last.chainId(), last.height(), last.hash(),
                    last.prevHash(), last.timestamp(), last.encoded(), last.transactions(), last.writes(),
                    last.stateRootAfter(), log));
            ledger.append(blocks);
        } else if (log != null) {
            ledger.saveConsensusState(chainId, log);
        }
        long t = System.nanoTime() - t0;
        timer.stored(blocks.size(), t);
        if (t > SLOW_WRITE_NANOS) {
            int n = blocks.size();
            LOG.warning(() -> "chain " + chainId + ": storing " + n + " blocks took " + t / 1_000_000 + " ms");
        }
    }
}
