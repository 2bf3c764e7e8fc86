package org.fundchain.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;

import jakarta.security.enterprise.credential.UsernamePasswordCredential;
import jakarta.security.enterprise.identitystore.CredentialValidationResult;
import jakarta.security.enterprise.identitystore.Pbkdf2PasswordHash;

import org.fundchain.fund.Viewer;
import org.junit.jupiter.api.Test;

/**
 * The identity store as a user-enumerating attacker sees it: an unknown username costs the same PBKDF2 work as a
 * wrong password for a real one (the same algorithm, iterations, salt and key size), and a correct password of a
 * pending account is recognised in the one check (no second PBKDF2 run for the message).
 */
class RegistryIdentityStoreTest {
    static final SecureRandom RANDOM = new SecureRandom();

    /** A real PBKDF2 verifier (the container's is not on the test class path) that records what it checked. */
    static final class RecordingPbkdf2 implements Pbkdf2PasswordHash {
        final List<String> verified = new ArrayList<>();

        @Override
        public void initialize(Map<String, String> parameters) {
            assertEquals(Integer.toString(PasswordSeal.ITERATIONS), parameters.get("Pbkdf2PasswordHash.Iterations"));
        }

        @Override
        public String generate(char[] password) {
            return PasswordSeal.hash(password, RANDOM);
        }

        @Override
        public boolean verify(char[] password, String hashed) {
            verified.add(hashed);
            String[] f = hashed.split(":");
            Base64.Decoder b64 = Base64.getDecoder();
            byte[] want = b64.decode(f[3]);
            try {
                byte[] got = SecretKeyFactory.getInstance(f[0]).generateSecret(
                        new PBEKeySpec(password, b64.decode(f[2]), Integer.parseInt(f[1]), want.length * 8)).getEncoded();
                return java.security.MessageDigest.isEqual(want, got);
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException(e);
            }
        }
    }

    final RecordingPbkdf2 hash = new RecordingPbkdf2();
    final Map<String, PortalAccount> accounts = new HashMap<>();
    final Set<String> admitted = new java.util.HashSet<>();
    final SignInAttempt attempt = new SignInAttempt();
    final RegistryIdentityStore store = new RegistryIdentityStore();

    RegistryIdentityStoreTest() {
        store.hash = hash;
        store.attempt = attempt;
        store.accounts = new AccountStore() {
            @Override
            public Optional<PortalAccount> find(String username) {
                return Optional.ofNullable(accounts.get(username));
            }

            @Override
            public void activate(String username) {
            }
        };
        store.registry = new RegistryIdentities() {
            @Override
            public Optional<Identity> lookup(String signerId) {
                return admitted.contains(signerId) ? Optional.of(new Identity(signerId, "org", "Org", List.of("COUNTY_HQ"),
                        new Viewer(signerId, "org", "COUNTY_HQ", "威宁县", Set.of("COUNTY_HQ")))) : Optional.empty();
            }
        };
        store.init();
        account("countyhq", "right-password-1", PortalAccount.Status.ACTIVE);
        admitted.add("signer-countyhq");
    }

    void account(String name, String password, PortalAccount.Status status) {
        accounts.put(name, new PortalAccount(name, "signer-" + name, PasswordSeal.hash(password.toCharArray(), RANDOM),
                "sealed", name, status, 0));
    }

    CredentialValidationResult validate(String name, String password) {
        return store.validate(new UsernamePasswordCredential(name, password));
    }

    static String shape(String pbkdf2) {
        String[] f = pbkdf2.split(":");
        return f[0] + ":" + f[1] + ":" + Base64.getDecoder().decode(f[2]).length + ":" + Base64.getDecoder().decode(f[3]).length;
    }

    @Test
    void anUnknownUserCostsTheSamePbkdf2WorkAsAWrongPassword() {
        assertEquals(CredentialValidationResult.Status.INVALID, validate("countyhq", "wrong-password").getStatus());
        assertEquals(1, hash.verified.size(), "a known user: one PBKDF2 check");
        String real = hash.verified.get(0);
        assertEquals(SignInAttempt.Outcome.WRONG_PASSWORD, attempt.outcome());
        assertTrue(attempt.knownAccount());

        hash.verified.clear();
        assertEquals(CredentialValidationResult.Status.INVALID, validate("no-such-user", "wrong-password").getStatus());
        assertEquals(1, hash.verified.size(), "an unknown user: the same one PBKDF2 check, against a dummy hash");
        assertEquals(shape(real), shape(hash.verified.get(0)), "same algorithm, iterations, salt and key size");
        assertEquals(SignInAttempt.Outcome.WRONG_PASSWORD, attempt.outcome(), "the same outcome for the page");
        assertFalse(attempt.knownAccount());

        // over-long or blank names are still unknown users, with the same work
        hash.verified.clear();
        validate("x".repeat(65), "pw");
        validate(" ", "pw");
        assertEquals(2, hash.verified.size());
    }

    @Test
    void theRightPasswordSignsInAndAPendingAccountIsToldWithoutASecondCheck() {
        assertEquals(CredentialValidationResult.Status.VALID, validate("countyhq", "right-password-1").getStatus());
        assertEquals(SignInAttempt.Outcome.VERIFIED, attempt.outcome());
        assertEquals(Set.of("COUNTY_HQ"), validate("countyhq", "right-password-1").getCallerGroups());

        account("newclerk", "pending-pass-1", PortalAccount.Status.PENDING);
        hash.verified.clear();
        assertEquals(CredentialValidationResult.Status.INVALID, validate("newclerk", "pending-pass-1").getStatus());
        assertEquals(SignInAttempt.Outcome.PENDING, attempt.outcome());
        assertEquals(1, hash.verified.size(), "one PBKDF2 check, whatever the outcome");
        validate("newclerk", "not-it");
        assertEquals(SignInAttempt.Outcome.WRONG_PASSWORD, attempt.outcome(), "a wrong password of a pending account");
        assertEquals(SignInThrottle.Result.FAILURE, attempt.refusal());
        validate("newclerk", "pending-pass-1");
        assertEquals(SignInThrottle.Result.NEUTRAL, attempt.refusal(), "the right password of a pending account");

        // an admitted signer that was disabled on chain: the password was right, the sign-in is still refused
        admitted.remove("signer-countyhq");
        assertEquals(CredentialValidationResult.Status.INVALID, validate("countyhq", "right-password-1").getStatus());
        assertEquals(SignInAttempt.Outcome.NOT_ADMITTED, attempt.outcome());
        assertEquals(SignInThrottle.Result.FAILURE, attempt.refusal(),
                "counted like a wrong password: the throttle must not tell a guesser that a disabled account's guess was right");
    }
}
