package org.fundchain.genesis;

/** A genesis document that is malformed, tampered with, or inconsistent. The message says what and where. */
public class GenesisException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public GenesisException(String message) {
        super(message);
    }

    public GenesisException(String message, Throwable cause) {
        super(message, cause);
    }
}
