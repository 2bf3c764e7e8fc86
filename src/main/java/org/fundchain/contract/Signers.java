package org.fundchain.contract;

import java.util.Locale;

import org.fundchain.contract.api.Signer;
import org.fundchain.crypto.PublicKey;

/** Maps a verified public key to the identity string contracts see: {@code "<alg>:<hex of raw key>"}. */
public final class Signers {

    private Signers() {
    }

    public static Signer of(PublicKey key) {
        return new Signer(key.algorithm().jsonName().toLowerCase(Locale.ROOT) + ":" + key.hex());
    }
}
