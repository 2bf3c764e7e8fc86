package org.fundchain.security;

import java.io.Serializable;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.SessionScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;

import org.fundchain.crypto.SigningKey;
import org.fundchain.fund.CommandResult;
import org.fundchain.fund.FundCommands;
import org.fundchain.fund.Viewer;

/**
 * The signed-in portal user of this browser session: who they are (refreshed from the on-chain registry on every
 * page request by {@link PageAccessFilter}) and their private key, unlocked with their password at sign-in and
 * held only in memory for the session. Business beans submit transactions as this user through
 * {@link #submit}; the contract checks the role again.
 */
@Named
@SessionScoped
public class CurrentUser implements Serializable {
    private static final long serialVersionUID = 1L;

    private String username;
    private String displayName;
    private String signerId;
    private String organisation;
    private String organisationName;
    private List<String> roles = List.of();
    private Viewer viewer;
    @Inject
    FundCommands commands;

    /** Never serialised: a session that is persisted or moved loses the key and must sign in again. */
    private transient SigningKey key;

    /** Sets the session's user after a successful sign-in. */
    void signIn(PortalAccount account, RegistryIdentities.Identity identity, SigningKey unlockedKey) {
        this.username = account.username();
        this.displayName = account.displayName();
        this.signerId = account.signerId();
        this.key = unlockedKey;
        refresh(identity);
    }

    /** Takes the registry's current organisation and roles. */
    void refresh(RegistryIdentities.Identity identity) {
        this.organisation = identity.organisation();
        this.organisationName = identity.organisationName();
        this.roles = List.copyOf(identity.roles());
        this.viewer = identity.viewer();
    }

    void clear() {
        username = null;
        displayName = null;
        signerId = null;
        organisation = null;
        organisationName = null;
        roles = List.of();
        viewer = null;
        key = null;
    }

    /** Signed in, with the key unlocked. */
    public boolean isSignedIn() {
        return username != null && key != null;
    }

    public String getUsername() {
        return username;
    }

    public String getDisplayName() {
        return displayName;
    }

    /** Registry identity {@code ed25519:<hex>} / {@code sm2:<hex>}. */
    public String getSignerId() {
        return signerId;
    }

    /** Organisation id in the registry. */
    public String getOrganisation() {
        return organisation;
    }

    public String getOrganisationName() {
        return organisationName;
    }

    /** Registry role names (e.g. {@code COUNTY_HQ}). */
    public List<String> getRoles() {
        return roles;
    }

    public boolean hasRole(String role) {
        return roles.contains(role);
    }

    /** Whether the menu should offer {@code path} (same rule the filter enforces). */
    public boolean mayOpen(String path) {
        return isSignedIn() && PageAccess.allows(path, roles);
    }

    /** What the live-push socket needs to know about this user (kept in the HTTP session). */
    public PushIdentity pushIdentity(String language) {
        return new PushIdentity(username, signerId, organisation, roles, language);
    }

    /** The read model's scope for this user ({@code FundQueries} list methods); null when signed out. */
    public Viewer viewer() {
        return viewer;
    }

    /**
     * Signs {@code contract.method(args)} with this user's key and submits it to the main chain, waiting up to
     * {@link FundCommands#DEFAULT_WAIT} for the block. The contract checks role and organisation again.
     */
    public CommandResult submit(String contract, String method, Map<String, ?> args) {
        return commands.submit(RegistryIdentities.CHAIN, signingKey(), contract, method, args);
    }

    /** As {@link #submit(String, String, Map)} with an explicit wait ({@code Duration.ZERO}: do not wait). */
    public CommandResult submit(String contract, String method, Map<String, ?> args, Duration wait) {
        return commands.submit(RegistryIdentities.CHAIN, signingKey(), contract, method, args, wait);
    }

    /** The user's unlocked key, for signing as this user (never shown, never logged). */
    public SigningKey signingKey() {
        if (key == null) {
            throw new IllegalStateException("not signed in");
        }
        return key;
    }
}
