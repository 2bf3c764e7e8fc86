package org.fundchain.crypto;

import java.math.BigInteger;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.Provider;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Date;

import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.jce.provider.BouncyCastleProvider;
import org.bouncycastle.operator.ContentSigner;
import org.bouncycastle.operator.ContentVerifierProvider;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.operator.jcajce.JcaContentVerifierProviderBuilder;

/**
 * X.509 certificates for the consortium CA and its members, built with BouncyCastle PKIX. Uses one
 * private {@link Provider} instance passed explicitly: the provider is never registered globally,
 * which would break class loading after a redeploy inside the application server.
 */
public final class Certificates {
    private static final Provider BC = new BouncyCastleProvider();
    private static final long DAY_MS = 24L * 3600 * 1000;

    private Certificates() {
    }

    /** A self-signed CA certificate valid for {@code days} from {@code notBeforeMs}. */
    public static X509CertificateHolder selfSignedCa(String commonName, SigningKey key, long notBeforeMs, int days) {
        X500Name name = new X500Name("CN=" + escape(commonName) + ",O=FundChain Consortium");
        return build(name, name, key.publicKey(), key, notBeforeMs, days, true);
    }

    /** A member certificate for {@code subjectKey}, signed by the CA key. */
    public static X509CertificateHolder issue(X509CertificateHolder ca, SigningKey caKey, String commonName,
            String organisation, PublicKey subjectKey, long notBeforeMs, int days) {
        X500Name subject = new X500Name("CN=" + escape(commonName) + ",O=" + escape(organisation));
        return build(ca.getSubject(), subject, subjectKey, caKey, notBeforeMs, days, false);
    }

    /** True if {@code cert} carries a valid signature by {@code issuerKey}. */
    public static boolean isSignedBy(X509CertificateHolder cert, PublicKey issuerKey) {
        try {
            java.security.PublicKey jca = KeyFactory.getInstance(jcaKeyAlg(issuerKey.algorithm()), BC)
                    .generatePublic(new java.security.spec.X509EncodedKeySpec(Pem.subjectPublicKeyInfo(issuerKey)));
            ContentVerifierProvider v = new JcaContentVerifierProviderBuilder().setProvider(BC).build(jca);
            return cert.isSignatureValid(v);
        } catch (Exception e) {
            return false;
        }
    }

    /** The subject public key of a certificate. */
    public static PublicKey subjectKey(X509CertificateHolder cert) {
        try {
            SubjectPublicKeyInfo info = cert.getSubjectPublicKeyInfo();
            return Pem.fromSubjectPublicKeyInfo(info.getEncoded());
        } catch (java.io.IOException e) {
            throw new CryptoException("certificate has a malformed public key", e);
        }
    }

    private static X509CertificateHolder build(X500Name issuer, X500Name subject, PublicKey subjectKey,
            SigningKey signer, long notBeforeMs, int days, boolean ca) {
        try {
            SubjectPublicKeyInfo spki = SubjectPublicKeyInfo.getInstance(Pem.subjectPublicKeyInfo(subjectKey));
            BigInteger serial = new BigInteger(1, HashAlgorithm.SHA256.digest(subjectKey.raw())).shiftRight(130);
            X509v3CertificateBuilder b = new X509v3CertificateBuilder(issuer, serial, new Date(notBeforeMs),
                    new Date(notBeforeMs + days * DAY_MS), subject, spki);
            b.addExtension(Extension.basicConstraints, true, new BasicConstraints(ca));
            b.addExtension(Extension.keyUsage, true, ca
                    ? new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign | KeyUsage.digitalSignature)
                    : new KeyUsage(KeyUsage.digitalSignature));
            return b.build(contentSigner(signer));
        } catch (Exception e) {
            throw new CryptoException("cannot build certificate for " + subject + ": " + e.getMessage(), e);
        }
    }

    private static ContentSigner contentSigner(SigningKey key) throws Exception {
        byte[] pkcs8 = Pem.privateKeyInfo(key);
        PrivateKey jca = KeyFactory.getInstance(jcaKeyAlg(key.algorithm()), BC)
                .generatePrivate(new PKCS8EncodedKeySpec(pkcs8));
        String sigAlg = key.algorithm() == SignatureAlgorithm.ED25519 ? "Ed25519" : "SM3withSM2";
        return new JcaContentSignerBuilder(sigAlg).setProvider(BC).build(jca);
    }

    private static String jcaKeyAlg(SignatureAlgorithm a) {
        return a == SignatureAlgorithm.ED25519 ? "Ed25519" : "EC";
    }

    private static String escape(String rdnValue) {
        return rdnValue.replaceAll("([,+\"\\\\<>;=])", "\\\\$1");
    }
}
