package org.fundchain.contract.api;

import java.util.Locale;

/**
 * The identity that signed a transaction, as a key string {@code "<alg>:<lowercase hex of raw public key>"},
 * e.g. {@code "ed25519:3b6a…"} or {@code "sm2:04…"}. The runtime has verified the signature before a contract
 * sees it; contracts only compare identities.
 */
public record Signer(String id) implements Comparable<Signer> {

    public Signer {
        if (!isWellFormed(id)) {
            throw new IllegalArgumentException("signer id must be ed25519:<64 hex> or sm2:<130 hex>, got " + id);
        }
    }

    /** Whether {@code id} has the shape of a signer id (lower-case algorithm and hex, correct key length). */
    public static boolean isWellFormed(String id) {
        if (id == null) {
            return false;
        }
        int colon = id.indexOf(':');
        if (colon < 0) {
            return false;
        }
        String alg = id.substring(0, colon);
        String hex = id.substring(colon + 1);
        int expected = alg.equals("ed25519") ? 64 : alg.equals("sm2") ? 130 : -1;
        if (hex.length() != expected || !hex.equals(hex.toLowerCase(Locale.ROOT))) {
            return false;
        }
        for (int i = 0; i < hex.length(); i++) {
            if (Character.digit(hex.charAt(i), 16) < 0) {
                return false;
            }
        }
        return true;
    }

    @Override
    public int compareTo(Signer o) {
        return id.compareTo(o.id);
    }

    @Override
    public String toString() {
        return id;
    }
}
