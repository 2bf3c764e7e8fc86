package org.fundchain.launcher;

/** A problem the user can act on (port in use, stale material, a node that would not start); the message says how. */
public class LauncherException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public LauncherException(String message) {
        super(message);
    }

    public LauncherException(String message, Throwable cause) {
        super(message, cause);
    }
}
