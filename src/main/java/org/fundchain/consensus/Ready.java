package org.fundchain.consensus;

import java.util.ArrayList;
import java.util.List;

import org.fundchain.ledger.CertifiedBlock;
import org.fundchain.ledger.Reply;

/**
 * What one {@link Replica#step} asks the node to do, in this order (raft's rule):
 * <ol>
 * <li>durably store {@link #committed()} blocks (executing them and storing their effects in the same
 * database transaction) and {@link #persist()} if not null;</li>
 * <li>only then send {@link #messages()};</li>
 * <li>feed {@link Event.Executed} for each committed block, in height order; deliver {@link #replies()}.</li>
 * </ol>
 */
public final class Ready {
    /** A message to one member ({@code to} ≥ 0) or to every other member ({@code to} = {@link #ALL}). */
    public record Outbound(int to, byte[] bytes) {
    }

    /**
     * A checkpoint that 2f+1 members agree on; storage below it may be compacted. {@code ourStateRoot} is
     * this replica's own root at that height if it computed one since start-up (else null): a difference
     * means local execution diverged and the node must stop and resync its state.
     */
    public record StableCheckpoint(long height, byte[] blockHash, byte[] stateRoot, byte[] ourStateRoot) {
    }

    /**
     * A client transaction this replica refused: what kind of refusal it is (the node decides its answer by this,
     * never by the words) and why, for people.
     */
    public record Rejected(String txHash, Kind kind, String reason) {
        public enum Kind {
            /** Its transaction id or (signer, nonce) is taken by a pending or executed transaction. */
            DUPLICATE,
            /** The mempool holds maxPending transactions or its byte bound. */
            MEMPOOL_FULL,
            /** Larger than AbsoluteMaxBytes. */
            TOO_LARGE,
            /** For another chain, dated outside the clock window, or failing the node's check (signature, admission). */
            INVALID,
            /** Held, but not ordered within maxTxAge of its timestamp: dropped for good. */
            EXPIRED
        }
    }

    public static final int ALL = -1;

    PersistentState persist;
    final List<CertifiedBlock> committed = new ArrayList<>();
    final List<Outbound> messages = new ArrayList<>();
    final List<Reply> replies = new ArrayList<>();
    final List<Rejected> rejected = new ArrayList<>();
    final List<StableCheckpoint> checkpoints = new ArrayList<>();

    /** Consensus log to store durably before sending, or null if unchanged. */
    public PersistentState persist() { return persist; }
    public List<CertifiedBlock> committed() { return committed; }
    public List<Outbound> messages() { return messages; }
    public List<Reply> replies() { return replies; }
    public List<Rejected> rejected() { return rejected; }
    public List<StableCheckpoint> checkpoints() { return checkpoints; }

    public boolean isEmpty() {
        return persist == null && committed.isEmpty() && messages.isEmpty() && replies.isEmpty() && rejected.isEmpty()
                && checkpoints.isEmpty();
    }
}
