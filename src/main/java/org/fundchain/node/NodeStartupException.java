package org.fundchain.node;

/** Why this node refuses to come up. Shown in readiness and in the log. */
public class NodeStartupException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public NodeStartupException(String message) {
        super(message);
    }

    public NodeStartupException(String message, Throwable cause) {
        super(message, cause);
    }
}
