package org.fundchain.genesis;

import org.fundchain.crypto.PublicKey;

/** A demo portal user, one per role; the public key lets the node verify what the user signs. */
public record DemoUser(String username, String displayName, Role role, String organisation, PublicKey publicKey) {
}
