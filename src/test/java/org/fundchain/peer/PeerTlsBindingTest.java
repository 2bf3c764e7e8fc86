package org.fundchain.peer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.security.KeyPair;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.util.List;

import org.fundchain.crypto.TlsCertificates;
import org.junit.jupiter.api.Test;

/**
 * Attackers on a TLS peer link: a client without a certificate, a member presenting its own certificate while naming
 * another node (relaying that node's handshake), a dialer naming nobody, and plain ws on a TLS consortium.
 */
class PeerTlsBindingTest {
    private static final SecureRandom R = new SecureRandom();
    private static final KeyPair CA_KEY = TlsCertificates.generateKey(R);
    private static final X509Certificate CA = TlsCertificates.selfSignedCa("Test TLS CA", CA_KEY, 0, 3650);

    private static X509Certificate[] chain(String nodeId) {
        KeyPair k = TlsCertificates.generateKey(R);
        return new X509Certificate[] {
            TlsCertificates.issueNode(CA, CA_KEY.getPrivate(), nodeId, "Org", List.of("localhost", "127.0.0.1"), k.getPublic(), 0, 365), CA};
    }

    @Test
    void aCertificateNamingTheDialerLetsTheUpgradeThrough() {
        assertNull(PeerTlsBinding.refusal(true, true, chain("node1"), "node1"));
        assertEquals("node1", TlsCertificates.nodeIdOf(chain("node1")[0]));
        assertNull(TlsCertificates.caProblem(CA));
    }

    @Test
    void aMemberCannotRelayAnotherNodesHandshakeOverItsOwnCertificate() {
        String why = PeerTlsBinding.refusal(true, true, chain("node2"), "node1");
        assertNotNull(why);
        assertTrue(why.contains("names node2"), why);
    }

    @Test
    void noCertificatePlainTransportOrNoNameIsRefused() {
        assertNotNull(PeerTlsBinding.refusal(true, true, null, "node1"));
        assertNotNull(PeerTlsBinding.refusal(true, true, new X509Certificate[0], "node1"));
        assertNotNull(PeerTlsBinding.refusal(true, false, chain("node1"), "node1"));
        assertNotNull(PeerTlsBinding.refusal(true, true, chain("node1"), null));
        assertNotNull(PeerTlsBinding.refusal(false, false, null, ""));
        assertNull(PeerTlsBinding.refusal(false, false, null, "node1"), "a consortium without TLS (ws) binds the name only");
    }

    /** Red team 10: /peer/ reached the peer endpoint past a filter mapped to /peer alone; every upgrade but /push is checked. */
    @Test
    void everyWebSocketUpgradeButThePortalsPushIsAPeerLinkAttempt() {
        for (String p : List.of("/peer", "/peer/", "/peer/x", "//peer", "/PEER", "/anything")) {
            assertTrue(PeerTlsFilter.isPeerUpgrade(p, "websocket"), p);
            assertTrue(PeerTlsFilter.isPeerUpgrade(p, " WebSocket "), p);
        }
        assertTrue(PeerTlsFilter.isPeerUpgrade("/push/", "websocket"));
        assertEquals(false, PeerTlsFilter.isPeerUpgrade("/push", "websocket"));
        assertEquals(false, PeerTlsFilter.isPeerUpgrade("/peer", null), "not an upgrade: served (or refused) as HTTP");
    }

    @Test
    void aNodeCertificateIsNoTlsCa() {
        assertNotNull(TlsCertificates.caProblem(chain("node1")[0]));
    }
}
