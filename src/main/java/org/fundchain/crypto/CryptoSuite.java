package org.fundchain.crypto;

import java.util.Locale;

/** A consortium-wide choice of signature and hash algorithms. */
public enum CryptoSuite {
    /** Ed25519 signatures and SHA-256 hashes. */
    STANDARD(SignatureAlgorithm.ED25519, HashAlgorithm.SHA256),
    /** The Chinese national suite: SM2 signatures and SM3 hashes. */
    SM(SignatureAlgorithm.SM2, HashAlgorithm.SM3);

    private final SignatureAlgorithm signature;
    private final HashAlgorithm hash;

    CryptoSuite(SignatureAlgorithm signature, HashAlgorithm hash) {
        this.signature = signature;
        this.hash = hash;
    }

    public SignatureAlgorithm signature() {
        return signature;
    }

    public HashAlgorithm hash() {
        return hash;
    }

    public static CryptoSuite parse(String name) {
        if (name != null) {
            String n = name.trim().toUpperCase(Locale.ROOT);
            for (CryptoSuite s : values()) {
                if (s.name().equals(n)) {
                    return s;
                }
            }
        }
        throw new CryptoException("unknown crypto suite '" + name + "' (expected STANDARD or SM)");
    }
}
