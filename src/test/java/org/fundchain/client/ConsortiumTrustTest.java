package org.fundchain.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyStore;
import java.security.SecureRandom;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.List;

import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLServerSocket;
import javax.net.ssl.SSLSocket;

import org.fundchain.crypto.TlsCertificates;
import org.junit.jupiter.api.Test;

/**
 * Red team 10: the client trust (registered consortium TLS CAs, then the JDK's) still checks host names and refuses
 * a node certificate from a CA no genesis named. A one-shot TLS server on the loopback answers 200.
 */
class ConsortiumTrustTest {
    private static final SecureRandom R = new SecureRandom();

    /** Serves one HTTPS request (any) with 200 "ok" using {@code cert}; returns the port. */
    private static int serveOnce(X509Certificate cert, KeyPair key, X509Certificate ca) throws Exception {
        KeyStore ks = KeyStore.getInstance("PKCS12");
        ks.load(null, null);
        ks.setKeyEntry("k", key.getPrivate(), "pw".toCharArray(), new Certificate[] {cert, ca});
        KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        kmf.init(ks, "pw".toCharArray());
        SSLContext ctx = SSLContext.getInstance("TLS");
        ctx.init(kmf.getKeyManagers(), null, null);
        SSLServerSocket server = (SSLServerSocket) ctx.getServerSocketFactory().createServerSocket(0, 1, InetAddress.getLoopbackAddress());
        Thread t = new Thread(() -> {
            try (server; SSLSocket s = (SSLSocket) server.accept()) {
                s.setSoTimeout(10_000);
                InputStream in = s.getInputStream();
                byte[] buf = new byte[4096];
                int n = 0;
                while (n < 4 || !new String(buf, 0, n, StandardCharsets.ISO_8859_1).contains("\r\n\r\n")) {
                    int r = in.read(buf, n, buf.length - n);
                    if (r < 0) {
                        return;
                    }
                    n += r;
                }
                OutputStream out = s.getOutputStream();
                out.write("HTTP/1.1 200 OK\r\nContent-Length: 2\r\nConnection: close\r\n\r\nok".getBytes(StandardCharsets.ISO_8859_1));
                out.flush();
            } catch (IOException e) {
                // the client refused the handshake: expected in the refusal cases
            }
        }, "tls-once");
        t.setDaemon(true);
        t.start();
        return server.getLocalPort();
    }

    private static int get(int port) throws Exception {
        HttpClient c = ConsortiumTrust.httpClient().connectTimeout(Duration.ofSeconds(5)).version(HttpClient.Version.HTTP_1_1).build();
        return c.send(HttpRequest.newBuilder(URI.create("https://localhost:" + port + "/api/v1/node")).timeout(Duration.ofSeconds(10)).build(),
                HttpResponse.BodyHandlers.ofString()).statusCode();
    }

    @Test
    void registeredCaIsTrustedForTheNamedHostOnlyAndAForeignCaNotAtAll() throws Exception {
        KeyPair caKey = TlsCertificates.generateKey(R);
        long now = System.currentTimeMillis() - 3_600_000L;
        X509Certificate ca = TlsCertificates.selfSignedCa("Trust Test TLS CA", caKey, now, 30);
        ConsortiumTrust.trustCa(ca);

        KeyPair good = TlsCertificates.generateKey(R);
        X509Certificate forLocalhost = TlsCertificates.issueNode(ca, caKey.getPrivate(), "node0", "Org", List.of("localhost"), good.getPublic(), now, 30);
        assertEquals(200, get(serveOnce(forLocalhost, good, ca)));

        KeyPair other = TlsCertificates.generateKey(R);
        X509Certificate forElsewhere = TlsCertificates.issueNode(ca, caKey.getPrivate(), "node1", "Org", List.of("elsewhere.example"), other.getPublic(), now, 30);
        assertThrows(IOException.class, () -> get(serveOnce(forElsewhere, other, ca)), "host name must be checked");

        KeyPair foreignKey = TlsCertificates.generateKey(R);
        X509Certificate foreign = TlsCertificates.selfSignedCa("Foreign TLS CA", foreignKey, now, 30);
        KeyPair fk = TlsCertificates.generateKey(R);
        X509Certificate byForeign = TlsCertificates.issueNode(foreign, foreignKey.getPrivate(), "node0", "Org", List.of("localhost"), fk.getPublic(), now, 30);
        assertThrows(IOException.class, () -> get(serveOnce(byForeign, fk, foreign)), "a CA no genesis named");
    }
}
