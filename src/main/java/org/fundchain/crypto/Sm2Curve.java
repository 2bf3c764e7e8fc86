package org.fundchain.crypto;

import org.bouncycastle.asn1.gm.GMNamedCurves;
import org.bouncycastle.asn1.gm.GMObjectIdentifiers;
import org.bouncycastle.asn1.x9.X9ECParameters;
import org.bouncycastle.crypto.params.ECNamedDomainParameters;

/** The sm2p256v1 curve parameters, shared by every SM2 key. */
final class Sm2Curve {
    static final X9ECParameters X9 = GMNamedCurves.getByName("sm2p256v1");
    static final ECNamedDomainParameters DOMAIN = new ECNamedDomainParameters(GMObjectIdentifiers.sm2p256v1, X9);
    /** Uncompressed point: 0x04 || X (32) || Y (32). */
    static final int PUBLIC_KEY_LENGTH = 65;

    private Sm2Curve() {
    }
}
