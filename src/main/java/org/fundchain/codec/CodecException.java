package org.fundchain.codec;

/** Input that is not a valid canonical encoding: truncated, oversized, malformed. */
public class CodecException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public CodecException(String message) {
        super(message);
    }

    public CodecException(String message, Throwable cause) {
        super(message, cause);
    }
}
