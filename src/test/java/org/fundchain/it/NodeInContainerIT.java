package org.fundchain.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.stream.Stream;

import javax.sql.DataSource;

import jakarta.annotation.Resource;
import jakarta.inject.Inject;

import org.fundchain.codec.Json;
import org.fundchain.crypto.CryptoSuite;
import org.fundchain.launcher.ConsortiumMaterial;
import org.fundchain.launcher.LauncherSettings;
import org.fundchain.ledger.jpa.GenesisStamp;
import org.fundchain.ledger.jpa.GenesisStampStore;
import org.fundchain.node.NodeIdentity;
import org.fundchain.node.NodeState;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The real WAR on a managed Liberty server (fundchain-it, same server.xml as the nodes): the node starts
 * from launcher-generated material, JPA on embedded Derby holds its genesis stamp, and the node endpoint
 * and readiness answer over HTTP.
 */
@ExtendWith(ArquillianExtension.class)
class NodeInContainerIT {
    @Inject
    NodeState state;

    @Inject
    GenesisStampStore stamps;

    @Resource(lookup = "jdbc/fundchain")
    DataSource dataSource;

    @ArquillianResource
    URL base;

    /** Runs on the client before deployment: writes node0's material where the server's bootstrap points. */
    @Deployment
    static WebArchive deployment() {
        Path basedir = Path.of(System.getProperty("fundchain.basedir"));
        Path wlp = Path.of(System.getProperty("fundchain.wlp.dir"));
        Path war = Path.of(System.getProperty("fundchain.war"));
        Path dir = Path.of(System.getProperty("it.arquillian.dir"));
        LauncherSettings s = new LauncherSettings(basedir, wlp, war, dir.resolve("consortium"), "fundchain-it", 4,
                9380, 9743, CryptoSuite.STANDARD, "Arquillian Test Consortium", Duration.ofSeconds(120));
        boolean fresh = !Files.exists(dir.resolve("consortium/genesis/genesis.json"));
        try {
            ConsortiumMaterial.ensure(s);
        } catch (org.fundchain.launcher.LauncherException e) {
            // this test's own material from an older build (another genesis format): start over
            delete(dir.resolve("consortium"));
            ConsortiumMaterial.ensure(s);
            fresh = true;
        }
        if (fresh) {
            // a database left from an earlier genesis would (rightly) be refused by the node
            delete(wlp.resolve("usr/servers/fundchain-it/data"));
        }
        return ShrinkWrap.createFromZipFile(WebArchive.class, war.toFile()).addClass(NodeInContainerIT.class);
    }

    @Test
    void theNodeStartsFromVerifiedGenesis() {
        assertTrue(state.ready(), "node state " + state.phase() + ": " + state.reason());
        NodeIdentity id = state.identity().orElseThrow();
        assertEquals("node0", id.nodeId());
        assertEquals("gz-lgo", id.organisation());
        assertEquals(3, id.peers().size());
    }

    @Test
    void jpaOnEmbeddedDerbyHoldsTheGenesisStamp() throws SQLException {
        GenesisStamp stamp = stamps.find();
        assertNotNull(stamp, "the node must have stamped its database");
        assertEquals(state.identity().orElseThrow().genesisHash(), stamp.genesisHash());
        assertEquals("node0", stamp.nodeId());
        try (Connection c = dataSource.getConnection()) {
            DatabaseMetaData md = c.getMetaData();
            assertEquals("Apache Derby", md.getDatabaseProductName());
            assertTrue(md.getDatabaseProductVersion().startsWith("10.16"), md.getDatabaseProductVersion());
            // ${server.output.dir} ends with a slash, so the URL may contain "//"
            assertTrue(md.getURL().replace("//", "/").endsWith("usr/servers/fundchain-it/data/fundchain"), md.getURL());
        }
    }

    @Test
    @RunAsClient
    @SuppressWarnings("unchecked")
    void theNodeEndpointAnswersFromGenesis() throws Exception {
        HttpResponse<String> r = get(base.toURI().resolve("api/v1/node"));
        assertEquals(200, r.statusCode(), r.body());
        assertTrue(r.headers().firstValue("Content-Type").orElse("").startsWith("application/json"));
        SortedMap<String, Object> node = Json.parseObject(r.body());
        assertEquals("node0", node.get("nodeId"));
        assertEquals("Arquillian Test Consortium", node.get("consortium"));
        Map<String, Object> main = (Map<String, Object>) ((List<Object>) node.get("chains")).get(0);
        assertEquals("main", main.get("id"));
        assertEquals(3, ((List<Object>) node.get("peers")).size());
    }

    @Test
    @RunAsClient
    void readinessAndLivenessAreUp() throws Exception {
        for (String path : List.of("/health/ready", "/health/live")) {
            HttpResponse<String> r = get(base.toURI().resolve(path));
            assertEquals(200, r.statusCode(), path + ": " + r.body());
            assertTrue(r.body().contains("\"fundchain-node\"") && r.body().contains("READY"), r.body());
        }
    }

    private static HttpResponse<String> get(URI uri) throws IOException, InterruptedException {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(30)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static void delete(Path dir) {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> w = Files.walk(dir)) {
            for (Path p : w.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
