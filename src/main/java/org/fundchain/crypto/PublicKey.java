package org.fundchain.crypto;

import java.util.Arrays;

import org.bouncycastle.crypto.params.ECPublicKeyParameters;
import org.bouncycastle.crypto.params.Ed25519PublicKeyParameters;
import org.bouncycastle.crypto.signers.SM2Signer;
import org.bouncycastle.math.ec.ECPoint;
import org.bouncycastle.math.ec.rfc8032.Ed25519;

/**
 * A verified-well-formed public key in its raw encoding: 32 bytes for Ed25519, the 65-byte uncompressed
 * point for SM2. Immutable; equality is by algorithm and bytes.
 */
public final class PublicKey {
    private final SignatureAlgorithm algorithm;
    private final byte[] raw;
    private final Object params;

    private PublicKey(SignatureAlgorithm algorithm, byte[] raw, Object params) {
        this.algorithm = algorithm;
        this.raw = raw;
        this.params = params;
    }

    /** Parses a raw public key, refusing anything that is not a valid point of the algorithm's curve. */
    public static PublicKey of(SignatureAlgorithm algorithm, byte[] raw) {
        if (algorithm == null || raw == null) {
            throw new CryptoException("public key and algorithm are required");
        }
        byte[] copy = raw.clone();
        switch (algorithm) {
            case ED25519: {
                if (copy.length != Ed25519PublicKeyParameters.KEY_SIZE) {
                    throw new CryptoException(
                            "Ed25519 public key must be 32 bytes, got " + copy.length);
                }
                try {
                    Ed25519PublicKeyParameters p = new Ed25519PublicKeyParameters(copy, 0);
                    return new PublicKey(algorithm, copy, p);
                } catch (RuntimeException e) {
                    throw new CryptoException("Ed25519 public key is not a valid curve point", e);
                }
            }
            case SM2: {
                if (copy.length != Sm2Curve.PUBLIC_KEY_LENGTH || copy[0] != 0x04) {
                    throw new CryptoException(
                            "SM2 public key must be a 65-byte uncompressed point (0x04||X||Y), got " + copy.length + " bytes");
                }
                try {
                    ECPoint q = Sm2Curve.X9.getCurve().decodePoint(copy);
                    if (!q.isValid() || q.isInfinity()) {
                        throw new IllegalArgumentException("invalid point");
                    }
                    return new PublicKey(algorithm, copy, new ECPublicKeyParameters(q, Sm2Curve.DOMAIN));
                } catch (RuntimeException e) {
                    throw new CryptoException("SM2 public key is not a point on sm2p256v1", e);
                }
            }
            default:
                throw new IllegalStateException();
        }
    }

    public SignatureAlgorithm algorithm() {
        return algorithm;
    }

    /** The raw encoding (a copy). */
    public byte[] raw() {
        return raw.clone();
    }

    /** True only if {@code signature} is a valid signature of {@code message} by this key. Never throws. */
    public boolean verify(byte[] message, byte[] signature) {
        if (message == null || signature == null) {
            return false;
        }
        try {
            switch (algorithm) {
                case ED25519: {
                    if (signature.length != Ed25519PublicKeyParameters.KEY_SIZE * 2) {
                        return false;
                    }
                    // Ed25519Signer would first copy the whole message into a buffer (a proposal: half a MiB)
                    return ((Ed25519PublicKeyParameters) params).verify(Ed25519.Algorithm.Ed25519, null, message, 0,
                            message.length, signature, 0);
                }
                case SM2: {
                    if (signature.length > 80) {
                        return false;
                    }
                    SM2Signer v = new SM2Signer();
                    v.init(false, (ECPublicKeyParameters) params);
                    v.update(message, 0, message.length);
                    return v.verifySignature(signature);
                }
                default:
                    return false;
            }
        } catch (RuntimeException e) {
            return false;
        }
    }

    /** Like {@link #verify} but throws a {@link CryptoException} saying what is wrong. */
    public void requireValid(byte[] message, byte[] signature) {
        if (signature == null || signature.length == 0) {
            throw new CryptoException("signature is missing");
        }
        if (algorithm == SignatureAlgorithm.ED25519 && signature.length != 64) {
            throw new CryptoException("Ed25519 signature must be 64 bytes, got " + signature.length);
        }
        if (!verify(message, signature)) {
            throw new CryptoException(algorithm.jsonName() + " signature does not verify");
        }
    }

    /** Lowercase hex of the raw key; handy as an identifier in logs and maps. */
    public String hex() {
        return Hex.encode(raw);
    }

    Object params() {
        return params;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof PublicKey && ((PublicKey) o).algorithm == algorithm && Arrays.equals(((PublicKey) o).raw, raw);
    }

    @Override
    public int hashCode() {
        return algorithm.hashCode() * 31 + Arrays.hashCode(raw);
    }

    @Override
    public String toString() {
        return algorithm.jsonName() + ":" + hex();
    }
}
