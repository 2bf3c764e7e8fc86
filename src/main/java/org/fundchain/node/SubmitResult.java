package org.fundchain.node;

/**
 * The answer to one client submission: the node's own checks ({@link SubmitGate}) or, once they pass, the consensus
 * core's (took it into its mempool, or refused it). It is the answer to that envelope, not the final state of the
 * transaction id — that is COMMITTED once a block holds it, or a final refusal in {@link TxTracker}. The REST layer
 * maps each outcome to one HTTP status ({@code org.fundchain.api.ApiOutcome}).
 */
public record SubmitResult(Outcome outcome, String txHash, String reason) {
    public enum Outcome {
        /** Queued for ordering. */
        ACCEPTED,
        /** Malformed: not an envelope, wrong chain, wrong algorithm, timestamp out of the window. */
        INVALID,
        /** The signature does not verify over the payload under the named signer. */
        BAD_SIGNATURE,
        /** The signer is not admitted (or is disabled). */
        NOT_ADMITTED,
        /** The chain or contract does not exist. */
        UNKNOWN,
        /** Larger than the chain or a registration request allows. */
        TOO_LARGE,
        /** A duplicate (same transaction id or same signer and nonce) of a pending or executed transaction. */
        REPLAY,
        /** The mempool is full; retry shortly. */
        MEMPOOL_FULL,
        /** The chain is not running, or a bounded queue (registration requests) is full; retry later. */
        BUSY
    }

    public static SubmitResult accepted(String txHash) {
        return new SubmitResult(Outcome.ACCEPTED, txHash, null);
    }

    public static SubmitResult refused(Outcome o, String txHash, String reason) {
        return new SubmitResult(o, txHash, reason);
    }

    public boolean isAccepted() {
        return outcome == Outcome.ACCEPTED;
    }
}
