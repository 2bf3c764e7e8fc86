package org.fundchain.consensus;

import org.fundchain.crypto.SigningKey;

/** A {@link Signer} backed by the node's private key (Ed25519 or SM2). */
public final class KeySigner implements Signer {
    private final SigningKey key;

    public KeySigner(SigningKey key) {
        this.key = key;
    }

    @Override
    public byte[] sign(byte[] message) {
        return key.sign(message);
    }
}
