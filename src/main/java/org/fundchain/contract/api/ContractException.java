package org.fundchain.contract.api;

/**
 * A refusal: the transaction is REJECTED with {@link #code()} and the message as the reason, and every write
 * it made is discarded. Codes are short upper-case words clients can act on (FORBIDDEN, NOT_FOUND, ...).
 */
public class ContractException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** Signer not admitted, or disabled. */
    public static final String NOT_ADMITTED = "NOT_ADMITTED";
    /** Signer admitted but its role (or organisation) may not do this. */
    public static final String FORBIDDEN = "FORBIDDEN";
    /** Missing, malformed or out-of-range argument. */
    public static final String BAD_ARGUMENT = "BAD_ARGUMENT";
    /** Referenced record does not exist. */
    public static final String NOT_FOUND = "NOT_FOUND";
    /** Record already exists. */
    public static final String CONFLICT = "CONFLICT";
    /** Operation not allowed in the record's current state. */
    public static final String WRONG_STATE = "WRONG_STATE";
    /** A deadline or expiry has passed. */
    public static final String EXPIRED = "EXPIRED";
    /** Unknown method. */
    public static final String NO_SUCH_METHOD = "NO_SUCH_METHOD";

    private final String code;

    public ContractException(String code, String message) {
        super(message);
        this.code = code;
    }

    public String code() {
        return code;
    }

    public static ContractException badArgument(String message) {
        return new ContractException(BAD_ARGUMENT, message);
    }

    public static ContractException notFound(String message) {
        return new ContractException(NOT_FOUND, message);
    }

    public static ContractException wrongState(String message) {
        return new ContractException(WRONG_STATE, message);
    }

    public static ContractException forbidden(String message) {
        return new ContractException(FORBIDDEN, message);
    }
}
