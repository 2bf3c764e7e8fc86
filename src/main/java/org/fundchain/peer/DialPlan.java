package org.fundchain.peer;

/**
 * When to dial one peer. One attempt at a time, numbered; exponential backoff after a failure; and an
 * attempt that neither authenticates nor fails within {@code attemptTimeoutMs} is given up and a new one
 * started. The last rule matters: a JSR-356 {@code connectToServer} has no timeout, and a close we send to a
 * half-started peer may never be answered, so without it a link can wait forever for a callback that never
 * comes. Pure and clock-free (the caller passes the time), so the rules are unit-tested.
 */
final class DialPlan {
    private final long minBackoffMs;
    private final long maxBackoffMs;
    private final long attemptTimeoutMs;

    private long attempt;
    private boolean active;
    private boolean up;
    private long startedAt;
    private long nextDialAt;
    private long backoffMs;

    DialPlan(long minBackoffMs, long maxBackoffMs, long attemptTimeoutMs) {
        if (minBackoffMs <= 0 || maxBackoffMs < minBackoffMs || attemptTimeoutMs <= 0) {
            throw new IllegalArgumentException("bad dial plan");
        }
        this.minBackoffMs = minBackoffMs;
        this.maxBackoffMs = maxBackoffMs;
        this.attemptTimeoutMs = attemptTimeoutMs;
        this.backoffMs = minBackoffMs;
    }

    /**
     * Called periodically. Returns the number of a new attempt the caller must start now, or 0. Starting a
     * new attempt abandons the previous one: callbacks for it are no longer {@link #isCurrent current}.
     */
    synchronized long tick(long nowMs) {
        if (up) {
            return 0;
        }
        if (active) {
            if (nowMs - startedAt < attemptTimeoutMs) {
                return 0;
            }
            fail(nowMs); // hung: count it as a failure, so backoff applies
        }
        if (nowMs < nextDialAt) {
            return 0;
        }
        attempt++;
        active = true;
        startedAt = nowMs;
        return attempt;
    }

    synchronized boolean isCurrent(long n) {
        return active && n == attempt;
    }

    /** The attempt authenticated its peer: the link is up and the backoff starts again from the minimum. */
    synchronized void authenticated(long n) {
        if (isCurrent(n)) {
            up = true;
            backoffMs = minBackoffMs;
        }
    }

    /** The attempt failed to connect, or its session closed: dial again after the backoff. */
    synchronized void ended(long n, long nowMs) {
        if (isCurrent(n)) {
            fail(nowMs);
        }
    }

    synchronized boolean isUp() {
        return up;
    }

    synchronized long backoffMs() {
        return backoffMs;
    }

    private void fail(long nowMs) {
        active = false;
        up = false;
        nextDialAt = nowMs + backoffMs;
        backoffMs = Math.min(maxBackoffMs, backoffMs * 2);
    }
}
