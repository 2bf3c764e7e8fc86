package org.fundchain.consensus;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;

import org.fundchain.ledger.Duplicates;
import org.fundchain.ledger.Transaction;

/**
 * Pending client transactions, whoever sent them (this node's clients or gossip): admission, expiry, the gossip of
 * this node's own clients' transactions, forwarding, and the choice of what a proposal holds. Bounded in count
 * ({@code maxPending}) and bytes ({@link #MAX_PENDING_BYTES}).
 */
final class Mempool {
    /** The mempool holds at most this many bytes of transactions, whoever sent them (gossip included). */
    static final long MAX_PENDING_BYTES = 128L * 1024 * 1024;
    /** Gossip is flushed at every tick, or earlier once this many client transactions wait. */
    static final int GOSSIP_BATCH = 256;

    /** The proposal order: oldest first (a fair primary takes its pending transactions in this order). */
    static final Comparator<Transaction> ORDER = Comparator.comparingLong(Transaction::timestamp)
            .thenComparing(Transaction::hashHex).thenComparing(Transaction::replayKey);

    static final class Pending {
        final Transaction tx;
        final long receivedAt;
        /**
         * Submitted by a client of this node (first, or again after gossip brought it): on expiry the client is told.
         * A client's echo of a gossiped transaction sets it — the node answered that client "accepted".
         */
        boolean fromClient;
        long forwardedAt = -1;
        /** Sends to every member made once the transaction's own time had come (so any honest clock admits it). */
        int timelySends;
        long firstTimelySend = -1;
        /** The second such send, in another frame: one frame may be lost, so only two prove receipt (CensorshipEvidence). */
        long secondTimelySend = -1;
        /** A committed block should have held it (see CensorshipEvidence): forward it at the next tick. */
        boolean forwardDue;

        void sent(long at) {
            forwardedAt = at;
            if (at >= tx.timestamp()) {
                timelySends++;
                if (firstTimelySend < 0) {
                    firstTimelySend = at;
                } else if (secondTimelySend < 0) {
                    secondTimelySend = at;
                }
            }
        }

        Pending(Transaction tx, long receivedAt, boolean fromClient) {
            this.tx = tx;
            this.receivedAt = receivedAt;
            this.fromClient = fromClient;
        }
    }

    private final ConsensusConfig cfg;
    private final TransactionCheck txCheck;
    private final CommittedChain chain;

    /** Keyed by replay key, in arrival order. */
    final LinkedHashMap<String, Pending> pending = new LinkedHashMap<>();
    /** The same transactions under the duplicate rule (transaction id and replay key). */
    private final Duplicates.Index pendingKeys = new Duplicates.Index();
    long pendingBytes;
    /** Client transactions accepted since the last tick, to gossip in one signed batch. */
    final List<Transaction> gossip = new ArrayList<>();

    Mempool(ConsensusConfig cfg, TransactionCheck txCheck, CommittedChain chain) {
        this.cfg = cfg;
        this.txCheck = txCheck;
        this.chain = chain;
    }

    /**
     * Block-time rule: a block dated {@code blockTs} may hold {@code t} only if t is not dated after it by more than
     * the grace. Deterministic (block content only), so the primary and every backup agree.
     */
    boolean proposableAt(Transaction t, long blockTs) {
        return t.timestamp() <= blockTs + cfg.censorshipGraceMs;
    }

    /** Why {@link #admit} did not take a transaction. */
    record Refusal(Ready.Rejected.Kind kind, String reason) {
    }

    /** What {@link #admit} returns for a transaction already pending (an echo of gossip): neither news nor an error. */
    static final Refusal ECHO = new Refusal(Ready.Rejected.Kind.DUPLICATE, "already pending");

    /** Admits {@code tx} at {@code now}: null if admitted, {@link #ECHO} (this very instance) if already pending, else why not. */
    Refusal admit(Transaction tx, boolean fromClient, long now) {
        String dup;
        Pending same = pending.get(tx.replayKey());
        if (!tx.chain().equals(cfg.chainId)) {
            return new Refusal(Ready.Rejected.Kind.INVALID, "transaction is for chain " + tx.chain());
        } else if ((dup = chain.committedDuplicate(tx)) != null) {
            return new Refusal(Ready.Rejected.Kind.DUPLICATE, dup + " (executed)");
        } else if (same != null && same.tx.equals(tx)) {
            same.fromClient |= fromClient;
            return ECHO;
        } else if ((dup = pendingKeys.conflict(tx)) != null) {
            return new Refusal(Ready.Rejected.Kind.DUPLICATE, dup + " (pending)");
        } else if (tx.timestamp() > now + cfg.maxClockSkewMs || tx.timestamp() < now - cfg.maxTxAgeMs) {
            // The same window for gossip as for clients: block time must not precede a contained transaction, and
            // a transaction expires maxTxAge after its timestamp, so one dated outside it could never be ordered.
            return new Refusal(Ready.Rejected.Kind.INVALID, "transaction timestamp too far from this node's clock");
        } else if (pending.size() >= cfg.maxPending || pendingBytes + tx.encodedSize() > MAX_PENDING_BYTES) {
            return new Refusal(Ready.Rejected.Kind.MEMPOOL_FULL, "too many pending transactions");
        } else if (tx.encodedSize() > cfg.absoluteMaxBytes) {
            return new Refusal(Ready.Rejected.Kind.TOO_LARGE, "transaction larger than AbsoluteMaxBytes");
        } else if (!txCheck.isValid(tx)) {
            return new Refusal(Ready.Rejected.Kind.INVALID, "transaction is not valid (signature or admission)");
        }
        pending.put(tx.replayKey(), new Pending(tx, now, fromClient));
        pendingKeys.add(tx);
        pendingBytes += tx.encodedSize();
        if (fromClient) {
            gossip.add(tx); // broadcast in one signed batch per tick (see flushGossip)
        }
        return null;
    }

    /** True if the transaction is pending (the same transaction, not just the same replay key). */
    boolean holds(Transaction t) {
        Pending p = pending.get(t.replayKey());
        return p != null && p.tx.equals(t);
    }

    /** Removes a committed transaction and whatever pending transaction it now makes a duplicate (same id or replay key). */
    void removeCommitted(Transaction t) {
        String sameId = pendingKeys.replayKeyOf(t.hashHex());
        pendingKeys.removeConflicts(t);
        for (String rk : sameId == null || sameId.equals(t.replayKey()) ? List.of(t.replayKey()) : List.of(t.replayKey(), sameId)) {
            Pending p = pending.remove(rk);
            if (p != null) {
                pendingBytes -= p.tx.encodedSize();
            }
        }
    }

    /**
     * Drops pending transactions older than maxTxAge by this node's clock (time is the step's input, so this is
     * deterministic): no honest member would accept a block holding one (see validate), so they could never be
     * ordered. A client of this node hears why; a gossiped one just leaves.
     */
    void expire(long now, Ready out) {
        for (Iterator<Pending> it = pending.values().iterator(); it.hasNext();) {
            Pending p = it.next();
            if (p.tx.timestamp() < now - cfg.maxTxAgeMs) {
                it.remove();
                pendingKeys.removeTxHash(p.tx.hashHex()); // its id and (signer, nonce) are free again
                pendingBytes -= p.tx.encodedSize();
                if (p.fromClient) {
                    out.rejected.add(new Ready.Rejected(p.tx.hashHex(), Ready.Rejected.Kind.EXPIRED,
                            "expired: not ordered within maxTxAge of its timestamp"));
                }
            }
        }
    }

    /**
     * At a tick: queues for gossip what a committed block should have held, or — with nothing committing
     * ({@code stalled}) — what has waited, at most once per complaint period. Every member gets it (the primary
     * changes with the height and gossip may have been lost). A transaction sent once in time is sent once more a
     * resend interval later, in another frame, so that a single lost frame can neither keep it from a member nor
     * make this node blame a primary that never got it. Returns whether a block dated now could hold a pending
     * transaction (work for the primary).
     */
    boolean forward(long now, boolean stalled) {
        boolean ripe = false;
        for (Pending p : pending.values()) {
            ripe |= proposableAt(p.tx, now);
            boolean waited = stalled && now - p.receivedAt >= cfg.forwardAfterMs
                    && (p.forwardedAt < 0 || now - p.forwardedAt >= cfg.complainAfterMs);
            boolean again = p.timelySends == 1 && now - p.firstTimelySend >= cfg.resendIntervalMs;
            if ((p.forwardDue || waited || again) && gossip.size() < Wire.MAX_TXS_PER_MESSAGE) {
                p.sent(now);
                p.forwardDue = false;
                gossip.add(p.tx);
            }
        }
        return ripe;
    }

    /** The batch to gossip now (null if none); a client's transaction gossiped to every member is evidence as a forward is. */
    List<Transaction> takeGossip(long now) {
        if (gossip.isEmpty()) {
            return null;
        }
        for (Transaction t : gossip) {
            Pending p = pending.get(t.replayKey());
            if (p != null && p.forwardedAt < 0) {
                p.sent(now);
            }
        }
        List<Transaction> batch = List.copyOf(gossip);
        gossip.clear();
        return batch;
    }

    /** Whether the primary should propose now: something waits and, unless batching by load, the batch is due. */
    boolean batchDue(long now) {
        if (pending.isEmpty()) {
            return false;
        }
        if (!cfg.batchByLoad) {
            boolean full = pending.size() >= cfg.maxMessageCount || pendingBytes >= cfg.preferredMaxBytes;
            long oldest = pending.values().iterator().next().receivedAt;
            return full || now - oldest >= cfg.batchTimeoutMs;
        }
        return true;
    }

    /** The transactions of a block dated {@code ts}: in ORDER, within the count and size limits, none dated past it. */
    List<Transaction> select(long ts) {
        List<Transaction> all = new ArrayList<>(pending.size());
        for (Pending p : pending.values()) {
            all.add(p.tx);
        }
        all.sort(ORDER);
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
        return txs;
    }
}
