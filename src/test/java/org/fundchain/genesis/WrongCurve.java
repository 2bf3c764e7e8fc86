package org.fundchain.genesis;

import java.math.BigInteger;
import java.security.SecureRandom;

import org.bouncycastle.asn1.nist.NISTNamedCurves;
import org.bouncycastle.asn1.x9.X9ECParameters;

/** A valid public point on NIST P-256, which must never pass as an SM2 key. */
final class WrongCurve {
    private WrongCurve() {
    }

    static byte[] p256PublicPoint() {
        X9ECParameters p256 = NISTNamedCurves.getByName("P-256");
        BigInteger d = new BigInteger(255, new SecureRandom()).add(BigInteger.ONE);
        return p256.getG().multiply(d).normalize().getEncoded(false);
    }
}
