package org.fundchain.security;

import java.util.SortedSet;
import java.util.logging.Logger;

import jakarta.enterprise.context.ApplicationScoped;

/**
 * The node's one {@link SignInThrottle} (limits {@link SignInThrottle#DEFAULT}, on the monotonic clock), with the
 * log lines an operator needs: a lockout and its lifting.
 */
@ApplicationScoped
public class SignInGuard {
    private static final Logger LOG = Logger.getLogger(SignInGuard.class.getName());

    private final SignInThrottle throttle = new SignInThrottle(SignInThrottle.DEFAULT, () -> System.nanoTime() / 1_000_000);

    public SignInThrottle.Verdict begin(String username, String address) {
        return throttle.begin(username, address);
    }

    public void end(String username, String address, SignInThrottle.Result result, boolean knownAccount) {
        boolean was = throttle.isLocked(username);
        throttle.end(username, address, result, knownAccount);
        if (!was && throttle.isLocked(username) && knownAccount) {
            LOG.warning("portal account '" + username + "' locked after " + SignInThrottle.DEFAULT.lockAfterFailures()
                    + " failed sign-ins in a row (last from " + address + "); an administrator can unlock it");
        }
    }

    public boolean isLocked(String username) {
        return username != null && throttle.isLocked(username);
    }

    public SortedSet<String> locked() {
        return throttle.locked();
    }

    /** Lifts a lockout; {@code by} is the administrator, for the log. */
    public boolean unlock(String username, String by) {
        boolean done = username != null && throttle.unlock(username);
        if (done) {
            LOG.info("portal account '" + username + "' unlocked by administrator " + by);
        }
        return done;
    }
}
