package org.fundchain.crypto;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.math.BigInteger;
import java.security.KeyPair;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.Provider;
import java.security.SecureRandom;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.util.Date;
import java.util.List;

import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509TrustManager;

import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.jce.provider.BouncyCastleProvider;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.junit.jupiter.api.Test;

/**
 * Red team 10: the subject forms a TLS certificate could take (tricky CNs) and what a node's own TLS key can sign. The
 * certificates with odd subjects are issued by the test's TLS CA itself: nodeIdOf must name one node or none.
 */
class TlsCertificatesTest {
    private static final SecureRandom R = new SecureRandom();
    private static final Provider BC = new BouncyCastleProvider();
    private static final long T0 = 1_760_000_000_000L;
    private static final KeyPair CA_KEY = TlsCertificates.generateKey(R);
    private static final X509Certificate CA = TlsCertificates.selfSignedCa("Test TLS CA", CA_KEY, T0, 3650);

    /** A certificate with any subject, signed by {@code issuerKey} (under {@code issuer}'s name). */
    private static X509Certificate issue(X509Certificate issuer, PrivateKey issuerKey, String subject, BasicConstraints bc)
            throws Exception {
        KeyPair k = TlsCertificates.generateKey(R);
        X509v3CertificateBuilder b = new JcaX509v3CertificateBuilder(
                X500Name.getInstance(issuer.getSubjectX500Principal().getEncoded()), BigInteger.valueOf(R.nextInt(1 << 30)),
                new Date(T0), new Date(T0 + 365L * 24 * 3600 * 1000), new X500Name(subject), k.getPublic());
        if (bc != null) {
            b.addExtension(Extension.basicConstraints, true, bc);
        }
        return new JcaX509CertificateConverter().getCertificate(
                b.build(new JcaContentSignerBuilder("SHA256withECDSA").setProvider(BC).build(issuerKey)));
    }

    @Test
    void twoCommonNamesInOneMultiValuedRdnNameNoNode() throws Exception {
        // before: LdapName's Rdn reports only its first (sorted) value, so these named node1
        assertNull(TlsCertificates.nodeIdOf(issue(CA, CA_KEY.getPrivate(), "CN=node1+CN=node2,O=Org", null)));
        assertNull(TlsCertificates.nodeIdOf(issue(CA, CA_KEY.getPrivate(), "CN=node2+CN=node1,O=Org", null)));
        assertNull(TlsCertificates.nodeIdOf(issue(CA, CA_KEY.getPrivate(), "CN=node1,CN=node2", null)));
    }

    @Test
    void otherSubjectFormsNameWhatTheirSingleCnSays() throws Exception {
        assertEquals("node1", TlsCertificates.nodeIdOf(issue(CA, CA_KEY.getPrivate(), "O=Org+CN=node1", null)));
        assertEquals("node1", TlsCertificates.nodeIdOf(issue(CA, CA_KEY.getPrivate(), "cn=node1,O=Org", null)));
        assertEquals("node1", TlsCertificates.nodeIdOf(issue(CA, CA_KEY.getPrivate(), "C=US+CN=node1", null)));
        assertNull(TlsCertificates.nodeIdOf(issue(CA, CA_KEY.getPrivate(), "O=node1", null)), "a CN in the O field is no CN");
        // escaped separators stay part of the one CN
        for (String id : List.of("node1,CN=node2", "node1+CN=node2", "n\"o\\de;1=")) {
            KeyPair k = TlsCertificates.generateKey(R);
            X509Certificate c = TlsCertificates.issueNode(CA, CA_KEY.getPrivate(), id, "O,rg+CN=x", List.of(), k.getPublic(), T0, 365);
            assertEquals(id, TlsCertificates.nodeIdOf(c));
        }
    }

    @Test
    void aNodeIdTheCertificateCannotCarryExactlyIsNotIssued() {
        // before: X500Name dropped the spaces, so the member " node1 " got a certificate naming node1
        for (String id : List.of(" node1", "node1 ", "#node1", "")) {
            KeyPair k = TlsCertificates.generateKey(R);
            assertThrows(CryptoException.class,
                    () -> TlsCertificates.issueNode(CA, CA_KEY.getPrivate(), id, "Org", List.of(), k.getPublic(), T0, 365), id);
        }
    }

    /** The peer truststore holds the TLS CA only: a node's TLS key cannot vouch for another name, nor can the CA's
     * path length be stretched by an intermediate. Holds before and after (JSSE's PKIX checks). */
    @Test
    void aNodeCertificateCannotIssueCertificatesThePeerTruststoreAccepts() throws Exception {
        KeyStore ts = KeyStore.getInstance("PKCS12");
        ts.load(null, null);
        ts.setCertificateEntry("ca", CA);
        TrustManagerFactory f = TrustManagerFactory.getInstance("PKIX");
        f.init(ts);
        X509TrustManager tm = (X509TrustManager) f.getTrustManagers()[0];
        KeyPair nk = TlsCertificates.generateKey(R);
        X509Certificate node = TlsCertificates.issueNode(CA, CA_KEY.getPrivate(), "node1", "Org", List.of("localhost"),
                nk.getPublic(), System.currentTimeMillis() - 3_600_000L, 30);
        tm.checkClientTrusted(new X509Certificate[] {node, CA}, "EC");
        X509Certificate forged = issue(node, nk.getPrivate(), "CN=node2", null);
        assertThrows(CertificateException.class, () -> tm.checkClientTrusted(new X509Certificate[] {forged, node, CA}, "EC"));
        assertNotNull(TlsCertificates.caProblem(node));
    }
}
