package org.fundchain.node;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What this node knows about transactions that are not (yet) in its ledger: pending ones and ones the
 * core refused, plus futures that long-polling clients wait on. Final outcomes live in the ledger; this
 * only completes the waiters when a transaction's block commits or it is refused.
 */
public final class TxTracker {
    /** Refusals are kept for a while so a client polling later learns why; bounded. */
    private static final int MAX_REFUSALS = 100_000;

    private final java.util.concurrent.atomic.AtomicLong committedCount = new java.util.concurrent.atomic.AtomicLong();
    private final Map<String, Long> pendingSince = new ConcurrentHashMap<>();
    private final Map<String, CompletableFuture<Void>> waiters = new ConcurrentHashMap<>();
    private final Map<String, String> refused = java.util.Collections.synchronizedMap(
            new LinkedHashMap<String, String>(1024, 0.75f, false) {
                private static final long serialVersionUID = 1L;

                @Override
                protected boolean removeEldestEntry(Map.Entry<String, String> e) {
                    return size() > MAX_REFUSALS;
                }
            });

    /** Transactions seen in committed blocks since start (for status and benchmarks). */
    public long committedCount() {
        return committedCount.get();
    }

    public void pending(String txHash, long nowMs) {
        pendingSince.putIfAbsent(txHash, nowMs);
    }

    public boolean isPending(String txHash) {
        return pendingSince.containsKey(txHash);
    }

    public int pendingCount() {
        return pendingSince.size();
    }

    /** The reason the core refused this transaction, or null. */
    public String refusal(String txHash) {
        return refused.get(txHash);
    }

    /** The transaction is in a committed block (whether the contract accepted or rejected it). */
    public void committed(String txHash) {
        committedCount.incrementAndGet();
        pendingSince.remove(txHash);
        complete(txHash);
    }

    public void refused(String txHash, String reason) {
        pendingSince.remove(txHash);
        refused.put(txHash, reason);
        complete(txHash);
    }

    /** A future that completes when the transaction commits or is refused; the caller bounds the wait. */
    public CompletableFuture<Void> await(String txHash) {
        CompletableFuture<Void> f = waiters.computeIfAbsent(txHash, k -> new CompletableFuture<>());
        return f;
    }

    /** Drops a waiter nobody listens to any more (long-poll timed out) so the map stays bounded. */
    public void forget(String txHash, CompletableFuture<Void> f) {
        if (!f.isDone() && f.getNumberOfDependents() == 0) {
            waiters.remove(txHash, f);
        }
    }

    private void complete(String txHash) {
        CompletableFuture<Void> f = waiters.remove(txHash);
        if (f != null) {
            f.complete(null);
        }
    }
}
