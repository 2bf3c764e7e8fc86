package org.fundchain.crypto;

import java.io.IOException;
import java.io.StringReader;
import java.io.StringWriter;
import java.security.SecureRandom;

import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.crypto.params.AsymmetricKeyParameter;
import org.bouncycastle.crypto.params.ECPublicKeyParameters;
import org.bouncycastle.crypto.params.Ed25519PublicKeyParameters;
import org.bouncycastle.crypto.util.PrivateKeyFactory;
import org.bouncycastle.crypto.util.PrivateKeyInfoFactory;
import org.bouncycastle.crypto.util.PublicKeyFactory;
import org.bouncycastle.crypto.util.SubjectPublicKeyInfoFactory;
import org.bouncycastle.util.io.pem.PemObject;
import org.bouncycastle.util.io.pem.PemReader;
import org.bouncycastle.util.io.pem.PemWriter;

/**
 * PEM files: private keys as PKCS#8 ("PRIVATE KEY"), public keys as SubjectPublicKeyInfo
 * ("PUBLIC KEY") and certificates ("CERTIFICATE"). These are the standard encodings any Ed25519/SM2
 * library reads.
 */
public final class Pem {
    /** Refuse absurd inputs before parsing. */
    private static final int MAX_PEM_CHARS = 64 * 1024;

    private Pem() {
    }

    public static String privateKey(SigningKey key) {
        try {
            return write("PRIVATE KEY", privateKeyInfo(key));
        } catch (IOException e) {
            throw new CryptoException("cannot encode private key", e);
        }
    }

    /** DER PKCS#8 PrivateKeyInfo. */
    static byte[] privateKeyInfo(SigningKey key) throws IOException {
        PrivateKeyInfo info = PrivateKeyInfoFactory.createPrivateKeyInfo((AsymmetricKeyParameter) key.params());
        return info.getEncoded();
    }

    /** DER X.509 SubjectPublicKeyInfo. */
    static byte[] subjectPublicKeyInfo(PublicKey key) throws IOException {
        return SubjectPublicKeyInfoFactory.createSubjectPublicKeyInfo((AsymmetricKeyParameter) key.params()).getEncoded();
    }

    public static SigningKey readPrivateKey(String pem, SecureRandom random) {
        byte[] der = read(pem, "PRIVATE KEY");
        try {
            return SigningKey.fromParams(PrivateKeyFactory.createKey(der), random);
        } catch (IOException | RuntimeException e) {
            if (e instanceof CryptoException) {
                throw (CryptoException) e;
            }
            throw new CryptoException("malformed PKCS#8 private key: " + e.getMessage(), e);
        }
    }

    public static String publicKey(PublicKey key) {
        try {
            return write("PUBLIC KEY", subjectPublicKeyInfo(key));
        } catch (IOException e) {
            throw new CryptoException("cannot encode public key", e);
        }
    }

    public static PublicKey readPublicKey(String pem) {
        return fromSubjectPublicKeyInfo(read(pem, "PUBLIC KEY"));
    }

    static PublicKey fromSubjectPublicKeyInfo(byte[] der) {
        AsymmetricKeyParameter p;
        try {
            p = PublicKeyFactory.createKey(der);
        } catch (IOException | RuntimeException e) {
            throw new CryptoException("malformed public key: " + e.getMessage(), e);
        }
        if (p instanceof Ed25519PublicKeyParameters) {
            return PublicKey.of(SignatureAlgorithm.ED25519, ((Ed25519PublicKeyParameters) p).getEncoded());
        }
        if (p instanceof ECPublicKeyParameters) {
            ECPublicKeyParameters ec = (ECPublicKeyParameters) p;
            if (!ec.getParameters().getCurve().equals(Sm2Curve.X9.getCurve())) {
                throw new CryptoException("EC public key is on the wrong curve (expected SM2 sm2p256v1)");
            }
            return PublicKey.of(SignatureAlgorithm.SM2, ec.getQ().getEncoded(false));
        }
        throw new CryptoException("unsupported public key type " + p.getClass().getSimpleName());
    }

    public static String certificate(X509CertificateHolder cert) {
        try {
            return write("CERTIFICATE", cert.getEncoded());
        } catch (IOException e) {
            throw new CryptoException("cannot encode certificate", e);
        }
    }

    public static X509CertificateHolder readCertificate(String pem) {
        try {
            return new X509CertificateHolder(read(pem, "CERTIFICATE"));
        } catch (IOException | RuntimeException e) {
            throw new CryptoException("malformed certificate: " + e.getMessage(), e);
        }
    }

    private static String write(String type, byte[] der) throws IOException {
        StringWriter sw = new StringWriter();
        try (PemWriter w = new PemWriter(sw)) {
            w.writeObject(new PemObject(type, der));
        }
        return sw.toString();
    }

    private static byte[] read(String pem, String type) {
        if (pem == null || pem.isBlank()) {
            throw new CryptoException("PEM text is empty");
        }
        if (pem.length() > MAX_PEM_CHARS) {
            throw new CryptoException("PEM text is too large");
        }
        try (PemReader r = new PemReader(new StringReader(pem))) {
            PemObject o = r.readPemObject();
            if (o == null) {
                throw new CryptoException("no PEM block found");
            }
            if (!type.equals(o.getType())) {
                throw new CryptoException("expected a PEM '" + type + "' block, found '" + o.getType() + "'");
            }
            return o.getContent();
        } catch (IOException | RuntimeException e) {
            if (e instanceof CryptoException) {
                throw (CryptoException) e;
            }
            throw new CryptoException("malformed PEM: " + e.getMessage(), e);
        }
    }
}
