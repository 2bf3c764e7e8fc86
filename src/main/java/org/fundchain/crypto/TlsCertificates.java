package org.fundchain.crypto;

import java.io.ByteArrayInputStream;
import java.math.BigInteger;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.interfaces.ECPublicKey;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import java.util.Locale;

import javax.naming.NamingEnumeration;
import javax.naming.NamingException;
import javax.naming.directory.Attribute;
import javax.naming.ldap.LdapName;
import javax.naming.ldap.Rdn;

import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * The consortium's TLS keys and certificates: ECDSA P-256, because every TLS stack (the JDK's in Liberty, browsers,
 * curl) verifies it, while the consortium suite's Ed25519 or SM2 keys keep signing transactions, blocks and the
 * genesis. The CA operator's TLS CA (a self-signed P-256 certificate, carried in the CA-signed genesis) issues each
 * node one certificate whose common name is the node id: peers accept a link only from that node id.
 */
public final class TlsCertificates {
    private static final long DAY_MS = 24L * 3600 * 1000;
    private static final String SIG_ALG = "SHA256withECDSA";

    private TlsCertificates() {
    }

    /** A fresh P-256 key pair. */
    public static KeyPair generateKey(SecureRandom random) {
        try {
            KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
            g.initialize(new ECGenParameterSpec("secp256r1"), random);
            return g.generateKeyPair();
        } catch (Exception e) {
            throw new CryptoException("cannot generate a TLS key: " + e.getMessage(), e);
        }
    }

    /** The TLS CA: self-signed, may sign node certificates only (path length 0). */
    public static X509Certificate selfSignedCa(String commonName, KeyPair key, long notBeforeMs, int days) {
        X500Name name = new X500Name("CN=" + escape(commonName) + ",O=FundChain Consortium");
        try {
            X509v3CertificateBuilder b = builder(name, name, key.getPublic(), notBeforeMs, days);
            b.addExtension(Extension.basicConstraints, true, new BasicConstraints(0));
            b.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign));
            return sign(b, key.getPrivate());
        } catch (Exception e) {
            throw new CryptoException("cannot build the TLS CA certificate: " + e.getMessage(), e);
        }
    }

    /**
     * A node's TLS certificate: CN = node id, for both server and client authentication (the same certificate serves
     * its peer endpoint and dials its peers), valid for {@code hosts} (DNS names or IP literals).
     */
    public static X509Certificate issueNode(X509Certificate ca, PrivateKey caKey, String nodeId, String organisation,
            List<String> hosts, java.security.PublicKey subject, long notBeforeMs, int days) {
        X500Name issuer = X500Name.getInstance(ca.getSubjectX500Principal().getEncoded());
        X509Certificate cert;
        try {
            X500Name name = new X500Name("CN=" + escape(nodeId) + ",O=" + escape(organisation));
            X509v3CertificateBuilder b = builder(issuer, name, subject, notBeforeMs, days);
            b.addExtension(Extension.basicConstraints, true, new BasicConstraints(false));
            b.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature));
            b.addExtension(Extension.extendedKeyUsage, false,
                    new ExtendedKeyUsage(new KeyPurposeId[] {KeyPurposeId.id_kp_serverAuth, KeyPurposeId.id_kp_clientAuth}));
            List<GeneralName> names = new ArrayList<>();
            for (String h : hosts) {
                names.add(h.matches("[0-9.]+|.*:.*") ? new GeneralName(GeneralName.iPAddress, h) : new GeneralName(GeneralName.dNSName, h));
            }
            if (!names.isEmpty()) {
                b.addExtension(Extension.subjectAlternativeName, false, new GeneralNames(names.toArray(new GeneralName[0])));
            }
            cert = sign(b, caKey);
        } catch (Exception e) {
            throw new CryptoException("cannot issue the TLS certificate of " + nodeId + ": " + e.getMessage(), e);
        }
        // peers accept the link only from nodeIdOf(cert): never issue one naming anything but exactly this node
        // (X500Name trims spaces around a value, for instance)
        if (!nodeId.equals(nodeIdOf(cert))) {
            throw new CryptoException("node id '" + nodeId + "' cannot be the exact common name of a TLS certificate (it reads '"
                    + nodeIdOf(cert) + "')");
        }
        return cert;
    }

    /**
     * The node id a TLS certificate names (its subject's single CN), or null if it names none or several. Only
     * meaningful for a certificate the TLS layer already verified against the consortium's TLS CA.
     */
    public static String nodeIdOf(X509Certificate cert) {
        try {
            String cn = null;
            for (Rdn r : new LdapName(cert.getSubjectX500Principal().getName()).getRdns()) {
                // every attribute of the RDN, not Rdn.getType()/getValue(): those report only the first of a
                // multi-valued RDN such as CN=node1+CN=node2
                NamingEnumeration<? extends Attribute> attributes = r.toAttributes().getAll();
                while (attributes.hasMore()) {
                    Attribute a = attributes.next();
                    if (!a.getID().equalsIgnoreCase("CN")) {
                        continue;
                    }
                    if (cn != null || a.size() != 1 || !(a.get() instanceof String v) || v.isEmpty()) {
                        return null;
                    }
                    cn = v;
                }
            }
            return cn;
        } catch (NamingException e) {
            return null;
        }
    }

    /** Checks that {@code cert} is a usable TLS CA: self-signed, a CA, a P-256 key. Null if so, else why not. */
    public static String caProblem(X509Certificate cert) {
        try {
            cert.verify(cert.getPublicKey());
        } catch (Exception e) {
            return "the TLS CA certificate is not self-signed by its own key";
        }
        if (cert.getBasicConstraints() < 0) {
            return "the TLS CA certificate is not a CA certificate";
        }
        if (!(cert.getPublicKey() instanceof ECPublicKey k) || k.getParams().getCurve().getField().getFieldSize() != 256) {
            return "the TLS CA key must be ECDSA P-256";
        }
        return null;
    }

    public static String pem(X509Certificate cert) {
        try {
            return pem("CERTIFICATE", cert.getEncoded());
        } catch (Exception e) {
            throw new CryptoException("cannot encode a certificate", e);
        }
    }

    public static String pemPrivateKey(PrivateKey key) {
        return pem("PRIVATE KEY", key.getEncoded());
    }

    /** Reads one PEM certificate; refuses anything that is not exactly one X.509 certificate of sane size. */
    public static X509Certificate readCertificate(String pem) {
        byte[] der = der(pem, "CERTIFICATE");
        try {
            return (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(new ByteArrayInputStream(der));
        } catch (CertificateException | ClassCastException e) {
            throw new CryptoException("malformed TLS certificate: " + e.getMessage(), e);
        }
    }

    public static PrivateKey readPrivateKey(String pem) {
        try {
            return KeyFactory.getInstance("EC").generatePrivate(new PKCS8EncodedKeySpec(der(pem, "PRIVATE KEY")));
        } catch (Exception e) {
            throw new CryptoException("malformed TLS private key (PKCS#8 P-256 expected): " + e.getMessage(), e);
        }
    }

    private static X509v3CertificateBuilder builder(X500Name issuer, X500Name subject, java.security.PublicKey key,
            long notBeforeMs, int days) {
        SubjectPublicKeyInfo spki = SubjectPublicKeyInfo.getInstance(key.getEncoded());
        BigInteger serial = new BigInteger(1, HashAlgorithm.SHA256.digest(key.getEncoded())).shiftRight(130);
        return new X509v3CertificateBuilder(issuer, serial, new Date(notBeforeMs), new Date(notBeforeMs + days * DAY_MS),
                subject, spki);
    }

    private static X509Certificate sign(X509v3CertificateBuilder b, PrivateKey key) throws Exception {
        X509CertificateHolder h = b.build(new JcaContentSignerBuilder(SIG_ALG).build(key));
        return (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(new ByteArrayInputStream(h.getEncoded()));
    }

    private static String pem(String type, byte[] der) {
        String b64 = Base64.getMimeEncoder(64, "\n".getBytes(java.nio.charset.StandardCharsets.US_ASCII)).encodeToString(der);
        return "-----BEGIN " + type + "-----\n" + b64 + "\n-----END " + type + "-----\n";
    }

    private static byte[] der(String pem, String type) {
        if (pem == null || pem.length() > 64 * 1024) {
            throw new CryptoException("PEM " + type.toLowerCase(Locale.ROOT) + " missing or too large");
        }
        String begin = "-----BEGIN " + type + "-----";
        String end = "-----END " + type + "-----";
        int a = pem.indexOf(begin);
        int z = pem.indexOf(end);
        if (a < 0 || z < a || pem.indexOf(begin, a + 1) >= 0) {
            throw new CryptoException("expected exactly one PEM " + type.toLowerCase(Locale.ROOT));
        }
        try {
            return Base64.getMimeDecoder().decode(pem.substring(a + begin.length(), z));
        } catch (IllegalArgumentException e) {
            throw new CryptoException("malformed PEM " + type.toLowerCase(Locale.ROOT), e);
        }
    }

    private static String escape(String rdnValue) {
        return rdnValue.replaceAll("([,+\"\\\\<>;=])", "\\\\$1");
    }
}
