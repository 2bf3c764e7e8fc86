package org.fundchain.security;

import jakarta.enterprise.context.RequestScoped;

/**
 * What {@link RegistryIdentityStore} found for the sign-in of this request, so {@link LoginBean} can count it for
 * the throttle and choose its message without checking the password a second time (a second PBKDF2 run would take
 * measurably longer for some accounts than for others).
 */
@RequestScoped
public class SignInAttempt {
    public enum Outcome {
        /** No credential was checked in this request. */
        NONE,
        /** Password right, signer admitted: signed in. */
        VERIFIED,
        /** Unknown username or wrong password (the two take the same time and look the same). */
        WRONG_PASSWORD,
        /** Password right, but the registration waits for an administrator. */
        PENDING,
        /** Password right, but the signer or its organisation is not admitted or is disabled on chain. */
        NOT_ADMITTED
    }

    private Outcome outcome = Outcome.NONE;
    private boolean knownAccount;

    /** Set by the identity store only (public because a CDI proxy of a request-scoped bean delegates public methods). */
    public void record(Outcome o, boolean known) {
        outcome = o;
        knownAccount = known;
    }

    /**
     * How a sign-in that did not happen counts for the throttle: a wrong password is a failure, and so is the right
     * password of a disabled signer (else the throttle would tell a guesser that the guess was right); a pending
     * registration (which has its own message anyway) or a try whose password was never checked is not.
     */
    public SignInThrottle.Result refusal() {
        return outcome == Outcome.WRONG_PASSWORD || outcome == Outcome.NOT_ADMITTED ? SignInThrottle.Result.FAILURE
                : SignInThrottle.Result.NEUTRAL;
    }

    public Outcome outcome() {
        return outcome;
    }

    /** Whether the username names an account of this node (never shown to the user). */
    public boolean knownAccount() {
        return knownAccount;
    }
}
