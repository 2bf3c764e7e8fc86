package org.fundchain.node;

import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import org.fundchain.ledger.Duplicates;
import org.fundchain.ledger.Transaction;

/**
 * The one owner of what this node knows about client transactions that are not in its ledger: the submissions it
 * holds (indexed under the one duplicate rule, with their bytes and the registration requests among them), final
 * refusals, and the futures waiting clients hold: REST long-polls and this node's own signed-in callers (the portal,
 * a bank's pushed flow) — one mechanism, a future per wait, each kind of caller with its own bound. The consensus
 * core keeps its own mempool; this set is what this node's clients sent and the core has not yet ordered or dropped.
 *
 * <p>A refusal is recorded only when it is final — the transaction can never commit: another transaction took its
 * (signer, nonce), or it expired. The core refusing a submission (duplicate of something pending, mempool full) is
 * an answer to that submission, not a state of the transaction id, so a status never goes from REJECTED to
 * COMMITTED. Thread-safe: REST threads reserve, the chain loop settles.
 */
public final class TxTracker {
    /** Final refusals are kept for a while so a client polling later learns why; bounded. */
    private static final int MAX_REFUSALS = 100_000;

    private final int maxPending;
    private final long maxPendingBytes;
    private final int maxStrangers;
    private final AtomicLong committedCount = new AtomicLong();
    /** Guarded by {@code this}: ids and replay keys, sizes, and registration requests by signer. */
    private final Duplicates.Index keys = new Duplicates.Index();
    private final Map<String, Held> held = new HashMap<>();
    private final Map<String, String> strangerTx = new HashMap<>();
    private long heldBytes;
    /** Waits ({@link #waitFor}, {@link #waitForCommand}) by transaction id; each set is changed only inside the map's compute. */
    private final ConcurrentHashMap<String, Set<CompletableFuture<Void>>> pollers = new ConcurrentHashMap<>();
    private final AtomicInteger polls = new AtomicInteger();
    private final AtomicInteger commandWaits = new AtomicInteger();
    /** Long-polls waiting at once on this chain; more answer at once (each holds a request and a timer). */
    static final int MAX_POLLS = 10_000;
    /**
     * Waits of this node's own signed-in callers at once (each also holds a request thread); more answer at once. A
     * budget apart from {@link #MAX_POLLS}: anyone may long-poll unsigned, and that must not cut the portal's waits.
     */
    static final int MAX_COMMAND_WAITS = 1_000;
    private final Map<String, String> refused = java.util.Collections.synchronizedMap(
            new LinkedHashMap<String, String>(1024, 0.75f, false) {
                private static final long serialVersionUID = 1L;

                @Override
                protected boolean removeEldestEntry(Map.Entry<String, String> e) {
                    return size() > MAX_REFUSALS;
                }
            });

    /** One held submission: its size and, for a registration request, its signer (else null). */
    private record Held(int size, String stranger) {
    }

    TxTracker(int maxPending, long maxPendingBytes, int maxStrangers) {
        this.maxPending = maxPending;
        this.maxPendingBytes = maxPendingBytes;
        this.maxStrangers = maxStrangers;
    }

    /** Transactions seen in committed blocks since start (for status and benchmarks). */
    public long committedCount() {
        return committedCount.get();
    }

    public synchronized boolean isPending(String txHash) {
        return held.containsKey(txHash);
    }

    public synchronized int pendingCount() {
        return held.size();
    }

    /** Why this transaction can never commit (it lost its (signer, nonce), or expired), or null. */
    public String refusal(String txHash) {
        return refused.get(txHash);
    }

    /**
     * Holds {@code tx} for ordering and returns null; or holds nothing and says why. {@code stranger}: the signer of a
     * registration request (a key not admitted), at most one pending per key and {@code maxStrangers} in all.
     */
    synchronized SubmitResult reserve(Transaction tx, String stranger) {
        String hash = tx.hashHex();
        String dup = keys.conflict(tx);
        if (dup != null) {
            return SubmitResult.refused(SubmitResult.Outcome.REPLAY, hash, dup);
        }
        if (held.size() >= maxPending || heldBytes + tx.encodedSize() > maxPendingBytes) {
            return SubmitResult.refused(SubmitResult.Outcome.MEMPOOL_FULL, hash, "mempool is full; retry shortly");
        }
        if (stranger != null && strangerTx.containsKey(stranger)) {
            return SubmitResult.refused(SubmitResult.Outcome.BUSY, hash, "a registration request of this key is already pending");
        }
        if (stranger != null && strangerTx.size() >= maxStrangers) {
            return SubmitResult.refused(SubmitResult.Outcome.BUSY, hash, "too many registration requests pending; retry later");
        }
        keys.add(tx);
        held.put(hash, new Held(tx.encodedSize(), stranger));
        heldBytes += tx.encodedSize();
        if (stranger != null) {
            strangerTx.put(stranger, hash);
        }
        return null;
    }

    /** The core did not take this submission (or the chain stopped): not a state of the transaction, just let go. */
    synchronized void release(String txHash) {
        keys.removeTxHash(txHash);
        forget(txHash);
    }

    /** The core dropped this held transaction for good (expired): final. */
    void expired(String txHash, String reason) {
        synchronized (this) {
            if (!held.containsKey(txHash)) {
                return;
            }
            keys.removeTxHash(txHash);
            forget(txHash);
        }
        refused.put(txHash, reason);
        complete(txHash);
    }

    /**
     * {@code tx} is in a committed block (whether the contract accepted it or not). A held transaction it duplicates
     * under the other key (its (signer, nonce), or its id under another signer) lost the race: final.
     */
    void committed(Transaction tx) {
        String hash = tx.hashHex();
        List<String> gone;
        synchronized (this) {
            gone = keys.removeConflicts(tx);
            gone.forEach(this::forget);
        }
        committedCount.incrementAndGet();
        refused.remove(hash); // the ledger is the truth (cannot happen for a final refusal; never report both)
        complete(hash);
        for (String loser : gone) {
            if (!loser.equals(hash)) {
                refused.put(loser, "replay: transaction " + hash + " executed this (signer, nonce)");
                complete(loser);
            }
        }
    }

    /**
     * A long-poll's wait: completes (normally) when the transaction commits or is finally refused, or after {@code ms}.
     * Each poll has its own future, so one poll's timeout neither ends another's wait nor stays behind: a timed-out
     * poll leaves the map, and with it the hash once nobody waits (anyone may poll any hash, unsigned). At most
     * {@link #MAX_POLLS} polls wait at once; beyond that a poll answers at once. A caller that finds its answer
     * before the future completes completes it, which leaves the map at once.
     */
    public CompletableFuture<Void> waitFor(String txHash, long ms) {
        return register(txHash, ms, polls, MAX_POLLS);
    }

    /** The same wait for this node's own signed-in callers (portal, pushed flows), bounded by {@link #MAX_COMMAND_WAITS}. */
    public CompletableFuture<Void> waitForCommand(String txHash, long ms) {
        return register(txHash, ms, commandWaits, MAX_COMMAND_WAITS);
    }

    private CompletableFuture<Void> register(String txHash, long ms, AtomicInteger count, int max) {
        CompletableFuture<Void> mine = new CompletableFuture<>();
        if (count.incrementAndGet() > max) {
            count.decrementAndGet();
            mine.complete(null);
            return mine;
        }
        pollers.compute(txHash, (k, set) -> {
            Set<CompletableFuture<Void>> s = set == null ? new HashSet<>() : set;
            s.add(mine);
            return s;
        });
        mine.completeOnTimeout(null, ms, TimeUnit.MILLISECONDS).whenComplete((v, t) -> {
            count.decrementAndGet();
            pollers.computeIfPresent(txHash, (k, set) -> {
                set.remove(mine);
                return set.isEmpty() ? null : set;
            });
        });
        return mine;
    }

    /** Waiters in the maps (for tests). */
    int waiterCount() {
        return pollers.size();
    }

    /** Caller holds {@code this}. */
    private void forget(String txHash) {
        Held h = held.remove(txHash);
        if (h != null) {
            heldBytes -= h.size();
            if (h.stranger() != null) {
                strangerTx.remove(h.stranger(), txHash);
            }
        }
    }

    private void complete(String txHash) {
        Set<CompletableFuture<Void>> polled = pollers.remove(txHash);
        if (polled != null) {
            List.copyOf(polled).forEach(p -> p.complete(null)); // (a copy: each completion leaves the removed set)
        }
    }
}
