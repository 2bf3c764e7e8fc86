package org.fundchain.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.cert.X509Certificate;
import java.util.Base64;

import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509TrustManager;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.SortedMap;

import org.fundchain.codec.Json;
import org.fundchain.crypto.CryptoSuite;
import org.fundchain.launcher.Consortium;
import org.fundchain.launcher.ConsortiumMaterial;
import org.fundchain.launcher.HealthProbe;
import org.fundchain.launcher.LauncherException;
import org.fundchain.launcher.LauncherSettings;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * Four real nodes started by the launcher's own code (servers itnode0..3, ports and directory of their
 * own so a user's running consortium is never touched): a node with a wrong genesis pin refuses to start,
 * all four come up, answer with their own id and the same consortium, and stop leaving no process.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ClusterIT {
    private static final HealthProbe PROBE = new HealthProbe();
    private static Consortium consortium;
    private static LauncherSettings s;

    @BeforeAll
    static void fresh() {
        s = new LauncherSettings(Path.of(System.getProperty("fundchain.basedir")),
                Path.of(System.getProperty("fundchain.wlp.dir")), Path.of(System.getProperty("fundchain.war")),
                Path.of(System.getProperty("it.cluster.dir")), "itnode", 4,
                Integer.getInteger("it.cluster.http.port"), Integer.getInteger("it.cluster.https.port"),
                CryptoSuite.STANDARD, "Cluster Test Consortium", Duration.ofSeconds(300));
        consortium = new Consortium(s, System.out);
        consortium.reset();
    }

    @AfterAll
    static void stopAll() {
        consortium.down();
        for (Consortium.NodeStatus n : consortium.status()) {
            assertTrue(n.pids().isEmpty(), n.server() + " still has processes " + n.pids());
        }
    }

    @Test
    @Order(1)
    void aNodePinnedToAnotherGenesisRefusesToStart() throws IOException {
        ConsortiumMaterial m = ConsortiumMaterial.ensure(s);
        Path props = m.nodeProperties(3);
        String good = Files.readString(props);
        String wrong = m.genesisHash().startsWith("0") ? "1" + m.genesisHash().substring(1) : "0" + m.genesisHash().substring(1);
        Files.writeString(props, good.replace(m.genesisHash(), wrong));
        try {
            LauncherException e = assertThrows(LauncherException.class, consortium::up);
            assertTrue(e.getMessage().contains("itnode3 refused to start"), e.getMessage());
            assertTrue(e.getMessage().contains("genesis hash mismatch"), e.getMessage());
            int port = s.httpsPort(3);
            assertEquals(503, PROBE.get(port, "/health/ready").status());
            assertEquals(503, PROBE.get(port, "/health/live").status());
            HealthProbe.Answer api = PROBE.get(port, "/api/v1/node");
            assertEquals(503, api.status(), "a refused node serves no API");
            assertTrue(api.body().contains("FAILED"), api.body());
        } finally {
            Files.writeString(props, good);
            consortium.stop(3);
        }
    }

    @Test
    @Order(2)
    void allFourNodesComeUp() {
        consortium.up();
        for (Consortium.NodeStatus n : consortium.status()) {
            assertTrue(n.running(), n.server() + " not running");
            assertTrue(n.ready().ok(), n.server() + " not ready: " + n.ready().body());
        }
    }

    @Test
    @Order(3)
    @SuppressWarnings("unchecked")
    void everyNodeAnswersWithItsOwnIdAndTheSameConsortium() {
        Set<String> hashes = new HashSet<>();
        for (int i = 0; i < s.nodeCount(); i++) {
            HealthProbe.Answer a = PROBE.get(s.httpsPort(i), "/api/v1/node");
            assertEquals(200, a.status(), a.body());
            SortedMap<String, Object> node = Json.parseObject(a.body());
            assertEquals("node" + i, node.get("nodeId"));
            assertEquals("Cluster Test Consortium", node.get("consortium"));
            hashes.add((String) node.get("genesisHash"));
            List<Object> peers = (List<Object>) node.get("peers");
            assertEquals(3, peers.size());
            for (String path : List.of("/health/ready", "/health/live")) {
                HealthProbe.Answer h = PROBE.get(s.httpsPort(i), path);
                assertEquals(200, h.status(), path + " " + h.body());
                assertTrue(h.body().contains("\"status\":\"UP\""), h.body());
            }
        }
        assertEquals(1, hashes.size(), "all nodes must run the same genesis: " + hashes);
    }

    @Test
    @Order(4)
    void upAgainIsHarmless() {
        List<List<Long>> before = consortium.status().stream().map(Consortium.NodeStatus::pids).toList();
        long t0 = System.nanoTime();
        consortium.up();
        assertTrue(System.nanoTime() - t0 < 60_000_000_000L, "a second up must not restart anything");
        assertEquals(before, consortium.status().stream().map(Consortium.NodeStatus::pids).toList());
    }

    /** Admin Center over HTTPS takes the administrator login the launcher generated (and nothing else). */
    @Test
    @Order(5)
    void adminCenterAcceptsTheGeneratedAdministrator() throws Exception {
        ConsortiumMaterial material = ConsortiumMaterial.ensure(s);
        // the node certificates come from the consortium's TLS CA and name localhost: verified, host name included
        HttpClient https = org.fundchain.client.ConsortiumTrust.httpClient().build();
        for (int i = 0; i < s.nodeCount(); i++) {
            String password = material.adminPassword(i);
            // each node has its own password: node i's is refused by the next node
            assertEquals(401, adminApi(https, "https://localhost:" + s.httpsPort((i + 1) % s.nodeCount()), password));
            String root = "https://localhost:" + s.httpsPort(i);
            assertEquals(200, https.send(HttpRequest.newBuilder(URI.create(root + "/adminCenter/login.jsp")).build(),
                    HttpResponse.BodyHandlers.discarding()).statusCode());
            // /ibm/api needs the administrator role, like Admin Center itself
            assertEquals(200, adminApi(https, root, password), "admin login refused on " + s.serverName(i));
            assertEquals(401, adminApi(https, root, password + "x"));
        }
    }

    private static int adminApi(HttpClient https, String root, String password) throws Exception {
        String basic = Base64.getEncoder().encodeToString(("admin:" + password).getBytes(StandardCharsets.UTF_8));
        return https.send(HttpRequest.newBuilder(URI.create(root + "/ibm/api/")).header("Authorization", "Basic " + basic)
                .build(), HttpResponse.BodyHandlers.discarding()).statusCode();
    }


    /**
     * An on-path attacker sees nothing in the clear: plain HTTP only redirects to HTTPS (the method kept, nothing served),
     * and every answer — portal page, API, error — carries HSTS, the CSP, nosniff, frame and referrer rules; the portal
     * session cookie is Secure.
     */
    @Test
    @Order(6)
    void plainHttpOnlyRedirectsAndEveryAnswerCarriesTheSecurityHeaders() throws Exception {
        HttpClient plain = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();
        for (String path : List.of("/api/v1/node", "/login.xhtml", "/api/v1/chains/main/blocks/latest?x=1")) {
            HttpResponse<String> r = plain.send(HttpRequest.newBuilder(URI.create("http://localhost:" + s.httpPort(1) + path)).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertEquals(308, r.statusCode(), path);
            assertEquals("https://localhost:" + s.httpsPort(1) + path, r.headers().firstValue("Location").orElse(""), path);
            assertEquals("", r.body(), "nothing served over plain HTTP: " + path);
        }
        HttpResponse<String> post = plain.send(HttpRequest.newBuilder(URI.create("http://localhost:" + s.httpPort(1)
                + "/api/v1/chains/main/transactions")).POST(HttpRequest.BodyPublishers.ofString("{}")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(308, post.statusCode(), "a POST is redirected, not executed");
        HttpClient https = org.fundchain.client.ConsortiumTrust.httpClient().followRedirects(HttpClient.Redirect.NEVER).build();
        for (String path : List.of("/api/v1/node", "/login.xhtml", "/no-such-page", "/api/v1/chains/nochain/blocks/latest")) {
            HttpResponse<String> r = https.send(HttpRequest.newBuilder(URI.create("https://localhost:" + s.httpsPort(1) + path)).build(),
                    HttpResponse.BodyHandlers.ofString());
            var h = r.headers();
            assertTrue(h.firstValue("Strict-Transport-Security").orElse("").startsWith("max-age="), path + " HSTS");
            assertEquals("nosniff", h.firstValue("X-Content-Type-Options").orElse(""), path);
            assertEquals("DENY", h.firstValue("X-Frame-Options").orElse(""), path);
            assertEquals("same-origin", h.firstValue("Referrer-Policy").orElse(""), path);
            assertTrue(h.firstValue("Content-Security-Policy").orElse("").contains("frame-ancestors 'none'"), path + " CSP");
            if (path.equals("/login.xhtml")) {
                assertEquals(200, r.statusCode());
                String cookie = h.allValues("Set-Cookie").stream().filter(c -> c.startsWith("JSESSIONID")).findFirst().orElse("");
                assertTrue(cookie.contains("Secure") && cookie.contains("HttpOnly"), "session cookie: " + cookie);
            }
        }
    }

    /**
     * The operator's metrics: Prometheus text at /metrics for Admin Center's administrator only, over HTTPS (an
     * anonymous scrape is refused), with every chain's height and every peer link's state.
     */
    @Test
    @Order(7)
    void metricsAreServedToTheAdministratorOnly() throws Exception {
        ConsortiumMaterial material = ConsortiumMaterial.ensure(s);
        HttpClient https = org.fundchain.client.ConsortiumTrust.httpClient().build();
        URI metrics = URI.create("https://localhost:" + s.httpsPort(0) + "/metrics");
        assertEquals(401, https.send(HttpRequest.newBuilder(metrics).build(), HttpResponse.BodyHandlers.discarding()).statusCode(),
                "anonymous /metrics");
        String basic = Base64.getEncoder().encodeToString(("admin:" + material.adminPassword(0)).getBytes(StandardCharsets.UTF_8));
        HttpResponse<String> r = https.send(HttpRequest.newBuilder(metrics).header("Authorization", "Basic " + basic).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(200, r.statusCode(), r.body());
        for (String series : List.of("fundchain_chain_height{chain=\"main\"", "fundchain_mempool_pending{chain=\"main\"",
                "fundchain_peer_connected{", "fundchain_chain_view{chain=\"main\"")) {
            assertTrue(r.body().contains(series), "no " + series + " in:\n" + r.body().lines()
                    .filter(l -> l.contains("fundchain")).toList());
        }
        assertTrue(r.body().lines().anyMatch(l -> l.startsWith("fundchain_peer_connected{") && l.trim().endsWith(" 1.0")),
                "every node here is connected to its peers");
    }
}
