package org.fundchain.contract;

/**
 * The deterministic limits of contract execution (ARCHITECTURE §3 rule 8): whatever storage would refuse is
 * refused here, as a REJECTED receipt that is the same on every node, never as a failed block append that stops
 * the chain. Each limit that storage also has is defined once, here, and the schema declares its column with it
 * (the pure contract layer does not depend on the storage layer).
 */
public final class ContractLimits {
    /**
     * Longest receipt, as its canonical JSON text ({@code Json.write(receipt.toJson())}: result, events, error and
     * all). That text is what a node stores in {@code TRANSACTIONS.RESULT}, so this is that column's length
     * ({@code TransactionRecord.MAX_RESULT_CHARS}).
     */
    public static final int MAX_RECEIPT_CHARS = 16_000;
    /** A rejection's message is cut to this many characters (a contract's or a bug's message can be any size). */
    public static final int MAX_ERROR_MESSAGE_CHARS = 1_000;
    /** A rejection's code is cut to this many characters. */
    public static final int MAX_ERROR_CODE_CHARS = 64;
    /** Longest state key: also the {@code WORLD_STATE.STATE_KEY} column length ({@code StateRecord}). */
    public static final int MAX_STATE_KEY_CHARS = 512;
    /** Longest state value, as canonical JSON (the {@code STATE_VALUE} CLOB holds far more; every node keeps state in memory). */
    public static final int MAX_STATE_VALUE_CHARS = 256 * 1024;
    /** Most state keys one transaction may write or delete (its whole call tree). */
    public static final int MAX_WRITES_PER_TX = 1_024;
    /** Most characters (keys plus values) one transaction may write. */
    public static final int MAX_WRITE_CHARS_PER_TX = 1024 * 1024;

    /** The receipt (result, events) would be longer than {@link #MAX_RECEIPT_CHARS}; nothing was written. */
    public static final String RESULT_TOO_LARGE = "RESULT_TOO_LARGE";
    /** A state value, or the transaction's writes together, exceed their limit; nothing was written. */
    public static final String STATE_TOO_LARGE = "STATE_TOO_LARGE";
    /** The payload's {@code args} is not a JSON object. */
    public static final String BAD_ARGS = "BAD_ARGS";

    private ContractLimits() {
    }
}
