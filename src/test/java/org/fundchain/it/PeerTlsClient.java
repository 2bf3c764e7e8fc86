package org.fundchain.it;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.file.Files;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;

import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

import org.fundchain.crypto.TlsCertificates;
import org.fundchain.launcher.ConsortiumMaterial;
import org.fundchain.launcher.LauncherSettings;

/**
 * An HTTP/WebSocket client that speaks to a node's peer endpoint as one member would: node {@code i}'s TLS key and
 * certificate, trusting only the consortium's TLS CA. With it a test plays a Byzantine member (or an attacker holding
 * a member's stolen TLS key), the only parties that get past TLS to the peer handshake at all.
 */
final class PeerTlsClient {
    private PeerTlsClient() {
    }

    /** A client presenting node {@code i}'s TLS certificate; {@code i} &lt; 0: no client certificate (an outsider). */
    static HttpClient asMember(ConsortiumMaterial m, int i) throws Exception {
        return HttpClient.newBuilder().sslContext(context(m, i)).build();
    }

    static SSLContext context(ConsortiumMaterial m, int i) throws Exception {
        X509Certificate ca = TlsCertificates.readCertificate(m.genesis().tlsCaCertificatePem());
        KeyStore trust = KeyStore.getInstance("PKCS12");
        trust.load(null, null);
        trust.setCertificateEntry("ca", ca);
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(trust);
        KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        KeyStore keys = KeyStore.getInstance("PKCS12");
        keys.load(null, null);
        if (i >= 0) {
            X509Certificate cert = TlsCertificates.readCertificate(read(m, i, true));
            PrivateKey key = TlsCertificates.readPrivateKey(read(m, i, false));
            keys.setKeyEntry("node", key, new char[0], new Certificate[] {cert, ca});
        }
        kmf.init(keys, new char[0]);
        SSLContext ctx = SSLContext.getInstance("TLSv1.3");
        ctx.init(kmf.getKeyManagers(), tmf.getTrustManagers(), null);
        return ctx;
    }

    private static String read(ConsortiumMaterial m, int i, boolean cert) throws IOException {
        return Files.readString(cert ? m.tlsCertFile(i) : m.tlsKeyFile(i));
    }

    /** Node {@code target}'s peer endpoint, the dialer naming itself {@code from}. */
    static URI peerUri(LauncherSettings s, int target, String from) {
        return URI.create("wss://localhost:" + s.peerPort(target) + "/peer?from=" + from);
    }
}
