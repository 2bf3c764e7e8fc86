package org.fundchain.security;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/**
 * A node-local portal login: the password hash and the user's sealed private key. Who the user is (organisation,
 * roles, enabled) is never stored here: it is read from the on-chain registry at every sign-in and request.
 */
@Entity
@Table(name = "PORTAL_ACCOUNT")
public class PortalAccount {
    public enum Status {
        /** A demo user from genesis or a registration the registry has admitted. */
        ACTIVE,
        /** Asked the registry for admission; cannot sign in until an administrator approves. */
        PENDING
    }

    @Id
    @Column(length = 64)
    private String username;

    @Column(nullable = false, length = 200)
    private String signerId;

    @Column(nullable = false, length = 300)
    private String passwordHash;

    @Column(nullable = false, length = 2000)
    private String sealedKey;

    @Column(nullable = false, length = 200)
    private String displayName;

    @Column(nullable = false, length = 16)
    private String status;

    private long createdAt;

    protected PortalAccount() {
    }

    public PortalAccount(String username, String signerId, String passwordHash, String sealedKey, String displayName,
            Status status, long createdAt) {
        this.username = username;
        this.signerId = signerId;
        this.passwordHash = passwordHash;
        this.sealedKey = sealedKey;
        this.displayName = displayName;
        this.status = status.name();
        this.createdAt = createdAt;
    }

    public String username() {
        return username;
    }

    public String signerId() {
        return signerId;
    }

    public String passwordHash() {
        return passwordHash;
    }

    public String sealedKey() {
        return sealedKey;
    }

    public String displayName() {
        return displayName;
    }

    public Status status() {
        return Status.valueOf(status);
    }

    public long createdAt() {
        return createdAt;
    }

    void activate() {
        status = Status.ACTIVE.name();
    }
}
