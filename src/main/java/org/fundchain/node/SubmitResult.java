package org.fundchain.node;

/** The answer to a client's submission, mapped one-to-one onto HTTP status codes by the REST layer. */
public record SubmitResult(Outcome outcome, String txHash, String reason) {
    public enum Outcome {
        /** 202: queued for ordering. */
        ACCEPTED,
        /** 400: malformed or badly signed. */
        INVALID,
        /** 403: the signer is not admitted. */
        NOT_ADMITTED,
        /** 404: the chain or contract does not exist. */
        UNKNOWN,
        /** 409: (signer, nonce) already executed or pending. */
        REPLAY,
        /** 503: the mempool is full or the node is not ready; retry later. */
        BUSY
    }

    public static SubmitResult accepted(String txHash) {
        return new SubmitResult(Outcome.ACCEPTED, txHash, null);
    }

    public static SubmitResult refused(Outcome o, String txHash, String reason) {
        return new SubmitResult(o, txHash, reason);
    }
}
