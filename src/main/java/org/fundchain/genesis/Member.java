package org.fundchain.genesis;

import org.fundchain.crypto.PublicKey;

/**
 * A consortium node: its signing key (raw, base64url in JSON), the CA-issued certificate for that key,
 * and where peers and clients reach it.
 */
public record Member(String nodeId, String organisation, PublicKey publicKey, String certificatePem,
        String peerUrl, String apiUrl) {
}
