package org.fundchain.security;

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

    @PostConstruct
    void init() {
        hash.initialize(Map.of("Pbkdf2PasswordHash.Iterations", Integer.toString(PasswordSeal.ITERATIONS),
                "Pbkdf2PasswordHash.Algorithm", PasswordSeal.ALGORITHM, "Pbkdf2PasswordHash.SaltSizeBytes", "32",
                "Pbkdf2PasswordHash.KeySizeBytes", "32"));
    }

    @Override
    public Set<ValidationType> validationTypes() {
        return EnumSet.of(ValidationType.VALIDATE, ValidationType.PROVIDE_GROUPS);
    }

    @Override
    public CredentialValidationResult validate(Credential credential) {
        if (!(credential instanceof UsernamePasswordCredential c)) {
            return CredentialValidationResult.NOT_VALIDATED_RESULT;
        }
        Optional<PortalAccount> account = accounts.find(c.getCaller());
        if (account.isEmpty() || !hash.verify(c.getPassword().getValue(), account.get().passwordHash())) {
            LOG.info("portal sign-in refused for an unknown user or a wrong password");
            return CredentialValidationResult.INVALID_RESULT;
        }
        Optional<RegistryIdentities.Identity> id = registry.lookup(account.get().signerId());
        if (id.isEmpty()) {
            LOG.info("portal sign-in refused: the signer of '" + account.get().username()
                    + "' is not admitted or is disabled in the registry");
            return CredentialValidationResult.INVALID_RESULT;
        }
        if (account.get().status() == PortalAccount.Status.PENDING) {
            accounts.activate(account.get().username());
        }
        return new CredentialValidationResult(account.get().username(), new HashSet<>(id.get().roles()));
    }

    /** A correct password for an account whose registration the registry has not approved yet. */
    public boolean awaitingApproval(String username, String password) {
        Optional<PortalAccount> a = accounts.find(username);
        return a.isPresent() && a.get().status() == PortalAccount.Status.PENDING
                && hash.verify(password.toCharArray(), a.get().passwordHash())
                && registry.lookup(a.get().signerId()).isEmpty();
    }

    /** Encodes a new password for the account store (self-registration). */
    public String hashPassword(char[] password) {
        return hash.generate(password);
    }
}
