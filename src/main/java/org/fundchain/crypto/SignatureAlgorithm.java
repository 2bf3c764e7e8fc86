package org.fundchain.crypto;

import java.util.Locale;

/** Signature schemes: Ed25519 (default) and SM2 (Chinese national suite, with SM3). */
public enum SignatureAlgorithm {
    ED25519("Ed25519"),
    SM2("SM2");

    private final String jsonName;

    SignatureAlgorithm(String jsonName) {
        this.jsonName = jsonName;
    }

    /** The name used in the public API's {@code alg} field. */
    public String jsonName() {
        return jsonName;
    }

    public static SignatureAlgorithm fromJsonName(String name) {
        if (name != null) {
            for (SignatureAlgorithm a : values()) {
                if (a.jsonName.equals(name) || a.name().equals(name.toUpperCase(Locale.ROOT))) {
                    return a;
                }
            }
        }
        throw new CryptoException("unknown signature algorithm '" + name + "' (expected Ed25519 or SM2)");
    }
}
