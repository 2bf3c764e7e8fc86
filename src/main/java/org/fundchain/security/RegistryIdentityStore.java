package org.fundchain.security;

import java.security.SecureRandom;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.logging.Logger;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.security.enterprise.credential.Credential;
import jakarta.security.enterprise.credential.UsernamePasswordCredential;
import jakarta.security.enterprise.identitystore.CredentialValidationResult;
import jakarta.security.enterprise.identitystore.IdentityStore;
import jakarta.security.enterprise.identitystore.Pbkdf2PasswordHash;

/**
 * Validates portal sign-ins: the node-local account's PBKDF2 hash must match, and the account's signer must be
 * admitted and enabled in the on-chain registry (a pending registration or a disabled signer cannot sign in).
 * Groups are the signer's registry roles.
 */
@ApplicationScoped
public class RegistryIdentityStore implements IdentityStore {
    private static final Logger LOG = Logger.getLogger(RegistryIdentityStore.class.getName());

    @Inject
    AccountStore accounts;

    @Inject
    RegistryIdentities registry;

    @Inject
    Pbkdf2PasswordHash hash;

    @Inject
    SignInAttempt attempt;

    /**
     * A hash of a random password with this store's parameters: an unknown username is checked against it, so it
     * costs the same PBKDF2 work and time as a wrong password of a real account.
     */
    private String dummyHash;

    @PostConstruct
    void init() {
        hash.initialize(Map.of("Pbkdf2PasswordHash.Iterations", Integer.toString(PasswordSeal.ITERATIONS),
                "Pbkdf2PasswordHash.Algorithm", PasswordSeal.ALGORITHM, "Pbkdf2PasswordHash.SaltSizeBytes", "32",
                "Pbkdf2PasswordHash.KeySizeBytes", "32"));
        char[] random = new char[32];
        SecureRandom r = new SecureRandom();
        for (int i = 0; i < random.length; i++) {
            random[i] = (char) ('!' + r.nextInt(94));
        }
        dummyHash = hash.generate(random);
    }

    @Override
    public Set<ValidationType> validationTypes() {
        return EnumSet.of(ValidationType.VALIDATE, ValidationType.PROVIDE_GROUPS);
    }

    /**
     * Exactly one PBKDF2 check per call, known user or not; what it found is left in {@link SignInAttempt} for the
     * sign-in page (throttle count and message).
     */
    @Override
    public CredentialValidationResult validate(Credential credential) {
        if (!(credential instanceof UsernamePasswordCredential c)) {
            return CredentialValidationResult.NOT_VALIDATED_RESULT;
        }
        Optional<PortalAccount> account = accounts.find(c.getCaller());
        char[] password = c.getPassword().getValue();
        if (account.isEmpty()) {
            hash.verify(password, dummyHash); // the same work as for a real account; the answer is ignored
            attempt.record(SignInAttempt.Outcome.WRONG_PASSWORD, false);
            LOG.info("portal sign-in refused for an unknown user or a wrong password");
            return CredentialValidationResult.INVALID_RESULT;
        }
        if (!hash.verify(password, account.get().passwordHash())) {
            attempt.record(SignInAttempt.Outcome.WRONG_PASSWORD, true);
            LOG.info("portal sign-in refused for an unknown user or a wrong password");
            return CredentialValidationResult.INVALID_RESULT;
        }
        Optional<RegistryIdentities.Identity> id = registry.lookup(account.get().signerId());
        if (id.isEmpty()) {
            boolean pending = account.get().status() == PortalAccount.Status.PENDING;
            attempt.record(pending ? SignInAttempt.Outcome.PENDING : SignInAttempt.Outcome.NOT_ADMITTED, true);
            LOG.info("portal sign-in refused: the signer of '" + account.get().username()
                    + "' is not admitted or is disabled in the registry");
            return CredentialValidationResult.INVALID_RESULT;
        }
        if (account.get().status() == PortalAccount.Status.PENDING) {
            accounts.activate(account.get().username());
        }
        attempt.record(SignInAttempt.Outcome.VERIFIED, true);
        return new CredentialValidationResult(account.get().username(), new HashSet<>(id.get().roles()));
    }

    /** Encodes a new password for the account store (self-registration). */
    public String hashPassword(char[] password) {
        return hash.generate(password);
    }
}
