package org.fundchain.crypto;

import java.security.SecureRandom;

import org.bouncycastle.crypto.AsymmetricCipherKeyPair;
import org.bouncycastle.crypto.generators.ECKeyPairGenerator;
import org.bouncycastle.crypto.params.ECKeyGenerationParameters;
import org.bouncycastle.crypto.params.ECPrivateKeyParameters;
import org.bouncycastle.crypto.params.ECPublicKeyParameters;
import org.bouncycastle.crypto.params.Ed25519PrivateKeyParameters;
import org.bouncycastle.crypto.params.ParametersWithRandom;
import org.bouncycastle.crypto.signers.Ed25519Signer;
import org.bouncycastle.crypto.signers.SM2Signer;

/**
 * A private key that signs, with its public key. Ed25519 signatures are deterministic; SM2 signatures
 * take randomness from the {@link SecureRandom} given at construction (signatures are never part of
 * a hash, so this does not affect determinism of the ledger).
 */
public final class SigningKey {
    private final SignatureAlgorithm algorithm;
    private final Object params;
    private final PublicKey publicKey;
    private final SecureRandom random;

    private SigningKey(SignatureAlgorithm algorithm, Object params, PublicKey publicKey, SecureRandom random) {
        this.algorithm = algorithm;
        this.params = params;
        this.publicKey = publicKey;
        this.random = random;
    }

    public static SigningKey generate(SignatureAlgorithm algorithm, SecureRandom random) {
        switch (algorithm) {
            case ED25519:
                return fromParams(new Ed25519PrivateKeyParameters(random), random);
            case SM2: {
                ECKeyPairGenerator g = new ECKeyPairGenerator();
                g.init(new ECKeyGenerationParameters(Sm2Curve.DOMAIN, random));
                AsymmetricCipherKeyPair kp = g.generateKeyPair();
                return fromParams(kp.getPrivate(), random);
            }
            default:
                throw new IllegalStateException();
        }
    }

    /** An Ed25519 key from its 32-byte seed (RFC 8032 private key). */
    public static SigningKey ed25519FromSeed(byte[] seed) {
        if (seed == null || seed.length != Ed25519PrivateKeyParameters.KEY_SIZE) {
            throw new CryptoException("Ed25519 private key seed must be 32 bytes");
        }
        return fromParams(new Ed25519PrivateKeyParameters(seed, 0), null);
    }

    /** Wraps BouncyCastle private-key parameters (Ed25519 or SM2 EC parameters on sm2p256v1). */
    static SigningKey fromParams(Object params, SecureRandom random) {
        if (params instanceof Ed25519PrivateKeyParameters) {
            Ed25519PrivateKeyParameters p = (Ed25519PrivateKeyParameters) params;
            return new SigningKey(SignatureAlgorithm.ED25519, p,
                    PublicKey.of(SignatureAlgorithm.ED25519, p.generatePublicKey().getEncoded()), random);
        }
        if (params instanceof ECPrivateKeyParameters) {
            ECPrivateKeyParameters p = (ECPrivateKeyParameters) params;
            if (!p.getParameters().getCurve().equals(Sm2Curve.X9.getCurve())) {
                throw new CryptoException("EC private key is not on the SM2 curve sm2p256v1");
            }
            ECPrivateKeyParameters named = new ECPrivateKeyParameters(p.getD(), Sm2Curve.DOMAIN);
            byte[] q = Sm2Curve.X9.getG().multiply(p.getD()).normalize().getEncoded(false);
            return new SigningKey(SignatureAlgorithm.SM2, named, PublicKey.of(SignatureAlgorithm.SM2, q), random);
        }
        throw new CryptoException("unsupported private key type "
                + (params == null ? "null" : params.getClass().getSimpleName()) + " (expected Ed25519 or SM2)");
    }

    public SignatureAlgorithm algorithm() {
        return algorithm;
    }

    public PublicKey publicKey() {
        return publicKey;
    }

    public byte[] sign(byte[] message) {
        switch (algorithm) {
            case ED25519: {
                Ed25519Signer s = new Ed25519Signer();
                s.init(true, (Ed25519PrivateKeyParameters) params);
                s.update(message, 0, message.length);
                return s.generateSignature();
            }
            case SM2: {
                SM2Signer s = new SM2Signer();
                s.init(true, new ParametersWithRandom((ECPrivateKeyParameters) params, random));
                s.update(message, 0, message.length);
                try {
                    return s.generateSignature();
                } catch (org.bouncycastle.crypto.CryptoException e) {
                    throw new CryptoException("SM2 signing failed", e);
                }
            }
            default:
                throw new IllegalStateException();
        }
    }

    Object params() {
        return params;
    }

    ECPublicKeyParameters sm2PublicParams() {
        return (ECPublicKeyParameters) publicKey.params();
    }

    @Override
    public String toString() {
        return "SigningKey(" + publicKey + ")";
    }
}
