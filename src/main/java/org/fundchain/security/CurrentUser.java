package org.fundchain.security;

import java.io.Serializable;
import java.util.List;

import jakarta.enterprise.context.SessionScoped;
import jakarta.inject.Named;

import org.fundchain.crypto.SigningKey;

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
    }

    void clear() {
        username = null;
        displayName = null;
        signerId = null;
        organisation = null;
        organisationName = null;
        roles = List.of();
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

    /** The user's unlocked key, for signing as this user (never shown, never logged). */
    public SigningKey signingKey() {
        if (key == null) {
            throw new IllegalStateException("not signed in");
        }
        return key;
    }
}
