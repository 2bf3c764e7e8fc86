package org.fundchain.node;

/**
 * What a chain reports to the operator's metrics as it runs (node.metrics publishes it as MicroProfile Metrics).
 * Called on the chain's own threads: must be quick and never throw. Gauges (height, pending, peer links) are read
 * from {@link ChainRuntime#status()} and {@link NodeRuntime#peerStatus()} instead.
 */
public interface NodeMeters {
    /** A block became durable here; {@code latencyMs}: now minus the block's timestamp (proposal to stored). */
    void blockStored(String chain, long height, int transactions, long latencyMs);

    /** One database transaction stored {@code blocks} blocks (maybe 0: a consensus log alone) in {@code nanos}. */
    void databaseCommit(String chain, int blocks, long nanos);

    /** This node's view of the chain moved from one view to a higher one. */
    void viewChanged(String chain, long fromView, long toView);

    /** A submission refused, by outcome ({@code DUPLICATE}, {@code BUSY}, {@code INVALID}, ...). */
    void submissionRefused(String chain, String outcome);

    /** A submission accepted into the mempool. */
    void submissionAccepted(String chain);

    /** A client signature actually verified (not answered from the cache). */
    void signatureVerified(String chain);

    NodeMeters NONE = new NodeMeters() {
        public void blockStored(String chain, long height, int transactions, long latencyMs) {
        }

        public void databaseCommit(String chain, int blocks, long nanos) {
        }

        public void viewChanged(String chain, long fromView, long toView) {
        }

        public void submissionRefused(String chain, String outcome) {
        }

        public void submissionAccepted(String chain) {
        }

        public void signatureVerified(String chain) {
        }
    };
}
