package org.fundchain.security;

import java.security.SecureRandom;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.logging.Logger;
import java.util.regex.Pattern;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.fundchain.contract.Signers;
import org.fundchain.crypto.Pem;
import org.fundchain.crypto.SigningKey;
import org.fundchain.fund.CommandResult;
import org.fundchain.fund.FundCommands;
import org.fundchain.fund.FundQueries;
import org.fundchain.fund.OrganisationView;
import org.fundchain.node.NodeState;

/**
 * Self-registration: a new key for the user (generated here, sealed under their password), a
 * {@code registry.requestRegistration} signed by that key, and a PENDING local account that can sign in once an
 * administrator approves the request on chain.
 */
@ApplicationScoped
public class Registration {
    private static final Logger LOG = Logger.getLogger(Registration.class.getName());
    public static final Pattern USERNAME = Pattern.compile("[A-Za-z0-9._-]{3,32}");
    public static final int MIN_PASSWORD = 10;

    /** What happened: {@code ok}, or the refusal code and message (from the node or the contract). */
    public record Outcome(boolean ok, String code, String message) {
    }

    @Inject
    AccountStore accounts;

    @Inject
    RegistryIdentityStore identityStore;

    @Inject
    FundCommands commands;

    @Inject
    FundQueries queries;

    @Inject
    NodeState node;

    /**
     * Organisations one may ask to join: enabled ones, except the administrators' (a request may ask only for
     * its organisation's type, and ADMIN is granted by an administrator, never requested).
     */
    public List<OrganisationView> organisations() {
        return queries.organisations(RegistryIdentities.CHAIN).stream().filter(OrganisationView::enabled)
                .filter(o -> !"ADMIN".equals(o.type())).toList();
    }

    public Outcome register(String username, String displayName, String orgId, char[] password) {
        Optional<OrganisationView> org = queries.organisation(RegistryIdentities.CHAIN, orgId);
        if (org.isEmpty() || !org.get().enabled()) {
            return new Outcome(false, "NOT_FOUND", "organisation " + orgId);
        }
        if (accounts.exists(username)) {
            return new Outcome(false, "CONFLICT", "username");
        }
        SecureRandom random = new SecureRandom();
        SigningKey key = SigningKey.generate(node.identity().orElseThrow().genesis().suite().signature(), random);
        CommandResult r = commands.submit(RegistryIdentities.CHAIN, key, "registry", "requestRegistration",
                Map.of("org", orgId, "name", displayName, "roles", List.of(org.get().type())));
        if (!r.ok()) {
            return new Outcome(false, r.code() == null ? r.status().name() : r.code(), r.message());
        }
        String signer = Signers.of(key.publicKey()).id();
        accounts.create(new PortalAccount(username, signer, identityStore.hashPassword(password),
                PasswordSeal.seal(Pem.privateKey(key), password, random), displayName, PortalAccount.Status.PENDING,
                System.currentTimeMillis()));
        LOG.info("registration request of '" + username + "' for " + orgId + " committed (" + r.txHash() + ")");
        return new Outcome(true, null, null);
    }
}
