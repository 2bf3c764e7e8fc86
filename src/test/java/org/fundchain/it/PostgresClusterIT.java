package org.fundchain.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

import org.fundchain.client.FundChainClient;
import org.fundchain.codec.Json;
import org.fundchain.crypto.CryptoSuite;
import org.fundchain.crypto.Pem;
import org.fundchain.crypto.SigningKey;
import org.fundchain.envelope.SignedTransaction;
import org.fundchain.launcher.Consortium;
import org.fundchain.launcher.ConsortiumMaterial;
import org.fundchain.launcher.LauncherSettings;
import org.fundchain.launcher.NodeDatabase;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * Issue 12 item 3: the four nodes keep their ledgers on a PostgreSQL server (one database each) that the test
 * starts itself from Debian's package (initdb into target/it-postgres/pg, pg_ctl on a free local port), chosen by
 * node configuration only ({@link NodeDatabase}, as {@code liberty/consortium up --database ...} does). Signed load
 * commits identically, a node killed with SIGKILL under load restarts from its PostgreSQL database and catches up,
 * every node's {@code verify} holds; then everything stops, the database server last. Servers itp0..itp3 on
 * ports 10480+ / 10843+ keep it apart from the other cluster tests and a user's consortium.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class PostgresClusterIT {
    private static final String CHAIN = "main";
    private static final SecureRandom RND = new SecureRandom();
    private static final FundChainClient CLIENT = new FundChainClient();
    private static final String RUN = Long.toString(System.currentTimeMillis(), 36);

    static PostgresServer pg;
    static LauncherSettings settings;
    static Consortium consortium;
    static org.fundchain.client.Consortium view;
    static SigningKey clientKey;
    static final AtomicLong committed = new AtomicLong();
    static final AtomicLong loadRuns = new AtomicLong();

    @BeforeAll
    static void up() throws Exception {
        Path base = Path.of(System.getProperty("fundchain.basedir", ".")).toAbsolutePath();
        Path target = base.resolve("target");
        Path dir = target.resolve("it-postgres");
        settings = new LauncherSettings(base,
                Path.of(System.getProperty("fundchain.wlp.dir", target.resolve("liberty/wlp").toString())),
                Path.of(System.getProperty("fundchain.war", target.resolve("fundchain.war").toString())),
                dir.resolve("consortium"), "itp", 4, 10480, 10843, CryptoSuite.STANDARD, "FundChain PostgreSQL IT",
                Duration.ofSeconds(300));
        consortium = new Consortium(settings, System.out);
        consortium.reset(); // a previous run's servers and material, if any
        pg = PostgresServer.start(dir.resolve("pg"));
        for (int i = 0; i < settings.nodeCount(); i++) {
            pg.createDatabase("fundchain_" + settings.nodeId(i));
        }
        consortium.withDatabase(NodeDatabase.parse("postgresql://" + PostgresServer.SUPERUSER + "@127.0.0.1:" + pg.port()
                + "/fundchain_{node}"), pg.password());
        ConsortiumMaterial m = consortium.up();
        view = org.fundchain.client.Consortium.fromGenesis(m.genesisFile(), CHAIN);
        clientKey = Pem.readPrivateKey(Files.readString(m.demoClientKey()), RND);
        PeerMesh.awaitConnected(view.nodes(), Duration.ofSeconds(120));
    }

    @AfterAll
    static void down() throws Exception {
        try {
            if (consortium != null) {
                consortium.down();
                for (Consortium.NodeStatus n : consortium.status()) {
                    assertTrue(n.pids().isEmpty(), n.server() + " still has processes " + n.pids());
                }
            }
        } finally {
            if (pg != null) {
                pg.close();
            }
        }
    }

    // ------------------------------------------------------------------ the checks

    @Test
    @Order(1)
    void eachNodeKeepsItsLedgerInItsOwnPostgresDatabaseAndTheSecretIsNotWorldReadable() throws Exception {
        for (int i = 0; i < settings.nodeCount(); i++) {
            Path server = settings.serverDir(i);
            String override = Files.readString(server.resolve("configDropins/overrides").resolve(NodeDatabase.OVERRIDE));
            assertTrue(override.contains("databaseName=\"fundchain_node" + i + "\""), override);
            assertFalse(override.contains(pg.password()), "the password is not in the DataSource override");
            String env = Files.readString(server.resolve("server.env"));
            assertTrue(env.contains(NodeDatabase.PASSWORD_ENV + "=" + pg.password()), "server.env carries the password");
            assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(server.resolve("server.env"))));
            assertFalse(Files.exists(server.resolve("data/fundchain")), "no embedded Derby database beside PostgreSQL");
            // the schema EclipseLink created at start, with PostgreSQL's types for the byte and text columns
            assertEquals("bytea", pg.psql(db(i), "SELECT data_type FROM information_schema.columns"
                    + " WHERE table_name = 'blocks' AND column_name = 'encoded'"));
            assertEquals("text", pg.psql(db(i), "SELECT data_type FROM information_schema.columns"
                    + " WHERE table_name = 'world_state' AND column_name = 'state_value'"));
            assertEquals("t", pg.psql(db(i), "SELECT indisunique FROM pg_index JOIN pg_class c ON c.oid = indexrelid"
                    + " WHERE c.relname = 'tx_replay'"));
            assertEquals("node" + i, pg.psql(db(i), "SELECT node_id FROM fc_genesis_stamp"));
        }
    }

    @Test
    @Order(2)
    void signedLoadCommitsIdenticallyOnAllNodes() throws Exception {
        long before = pressureValue();
        assertEquals(800, load(800, 32, null, view.nodes()));
        awaitSameHead(view.nodes(), Duration.ofSeconds(60));
        assertEquals(before + 800, pressureValue());
        assertSameLedgerInPostgres();
    }

    @Test
    @Order(3)
    void aNodeKilledUnderLoadRestartsFromPostgresAndCatchesUp() throws Exception {
        int victim = (primary() + 1) % settings.nodeCount(); // a backup: the chain goes on without a view change
        List<URI> others = new ArrayList<>(view.nodes());
        others.remove(victim);
        AtomicBoolean stop = new AtomicBoolean();
        Thread loader = new Thread(() -> {
            try {
                load(Integer.MAX_VALUE, 16, stop, others);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        loader.start();
        Thread.sleep(3000);
        kill9(victim);
        long atKill = committed.get();
        Thread.sleep(6000);
        stop.set(true);
        loader.join();
        assertTrue(committed.get() > atKill + 20, "load went on after the kill: " + (committed.get() - atKill) + " more");
        long dbHeightAtRestart = Long.parseLong(pg.psql(db(victim), "SELECT height FROM chains WHERE chain_id = 'main'"));
        consortium.up(); // restarts the killed node only; its ledger is what PostgreSQL committed before the kill
        awaitSameHead(view.nodes(), Duration.ofSeconds(180));
        long after = Long.parseLong(pg.psql(db(victim), "SELECT height FROM chains WHERE chain_id = 'main'"));
        assertTrue(after > dbHeightAtRestart, "the restarted node appended to its PostgreSQL ledger: " + dbHeightAtRestart
                + " -> " + after);
        for (URI n : view.nodes()) {
            FundChainClient.Answer v = CLIENT.verify(n, CHAIN, clientKey);
            assertEquals(Boolean.TRUE, v.body().get("valid"), n + " verify: " + Json.write(v.body()));
        }
        assertSameLedgerInPostgres();
    }

    /**
     * PostgreSQL refuses the NUL character in text (Derby stores it): a signed transaction whose nonce or method
     * carried one was stored by Derby nodes and made every PostgreSQL node's block append fail, stopping its chain.
     * It must be refused at the door, the same on every node, and the chain must go on.
     */
    @Test
    @Order(4)
    void aTransactionCarryingANulCharacterCannotStopAPostgresNode() throws Exception {
        URI node = view.nodes().get(0);
        SignedTransaction nulNonce = SignedTransaction.sign(clientKey, view.suite(), CHAIN, "pressure", "add", Map.of(),
                RUN + "-nul\u0000nonce", System.currentTimeMillis());
        SignedTransaction nulMethod = SignedTransaction.sign(clientKey, view.suite(), CHAIN, "pressure", "add\u0000", Map.of(),
                RUN + "-nul-method", System.currentTimeMillis());
        int nonceStatus = CLIENT.submit(List.of(node), nulNonce).get(0).status();
        int methodStatus = CLIENT.submit(List.of(node), nulMethod).get(0).status();
        // whatever the door said, the chain must still commit an ordinary transaction on every node
        SignedTransaction after = tx("add", RUN + "-after-nul");
        assertEquals(202, CLIENT.submit(List.of(node), after).get(0).status());
        for (URI n : view.nodes()) {
            assertEquals("COMMITTED", CLIENT.status(n, CHAIN, after.txHash(), 60_000).string("status"),
                    n + " stopped committing after a NUL transaction; PostgreSQL log: " + lastErrors());
        }
        assertEquals(400, nonceStatus, "a nonce with a NUL character is refused");
        assertEquals(400, methodStatus, "a method with a NUL character is refused");
        awaitSameHead(view.nodes(), Duration.ofSeconds(60));
    }

    // ------------------------------------------------------------------ helpers

    private static String db(int i) {
        return "fundchain_" + settings.nodeId(i);
    }

    /** Every node's PostgreSQL database holds the same head and the same number of blocks and transactions. */
    private static void assertSameLedgerInPostgres() throws Exception {
        String first = null;
        for (int i = 0; i < settings.nodeCount(); i++) {
            String s = pg.psql(db(i), "SELECT c.height || '/' || c.head_hash || '/' || (SELECT count(*) FROM blocks)"
                    + " || '/' || (SELECT count(*) FROM transactions) FROM chains c WHERE c.chain_id = 'main'");
            if (first == null) {
                first = s;
            } else {
                assertEquals(first, s, db(i) + " differs from " + db(0));
            }
        }
    }

    private static String lastErrors() {
        try {
            List<String> lines = Files.readAllLines(pg.log());
            return String.join("\n", lines.stream().filter(l -> l.contains("ERROR")).skip(Math.max(0,
                    lines.stream().filter(l -> l.contains("ERROR")).count() - 5)).toList());
        } catch (IOException e) {
            return e.toString();
        }
    }

    private static SignedTransaction tx(String method, String nonce) {
        return SignedTransaction.sign(clientKey, view.suite(), CHAIN, "pressure", method, Map.of(), nonce, System.currentTimeMillis());
    }

    private static long pressureValue() throws Exception {
        SignedTransaction get = tx("get", RUN + "-get-" + RND.nextInt(1 << 30));
        CLIENT.submit(view.nodes(), get);
        org.fundchain.client.ReceiptQuorum.Result r = org.fundchain.client.ReceiptQuorum.await(CLIENT, view, CHAIN,
                get.txHash(), 60_000, clientKey);
        assertTrue(r.agreed(), r.describe());
        return ((Number) ((Map<?, ?>) Json.parse(r.outcome())).get("result")).longValue();
    }

    /** {@code count} signed transactions from {@code senders} threads, each awaited; returns how many committed. */
    private static long load(int count, int senders, AtomicBoolean stop, List<URI> targets) throws InterruptedException {
        String prefix = RUN + "-" + loadRuns.incrementAndGet();
        AtomicLong next = new AtomicLong();
        AtomicLong ok = new AtomicLong();
        ConcurrentLinkedQueue<String> failures = new ConcurrentLinkedQueue<>();
        List<Thread> threads = new ArrayList<>();
        for (int s = 0; s < senders; s++) {
            Thread t = new Thread(() -> {
                long i;
                while ((i = next.getAndIncrement()) < count && (stop == null || !stop.get())) {
                    URI node = targets.get((int) (i % targets.size()));
                    SignedTransaction t1 = tx("add", prefix + "-" + i);
                    try {
                        FundChainClient.Answer a = CLIENT.submitAsync(node, t1).get(30, TimeUnit.SECONDS);
                        if (a.status() == 503) {
                            next.decrementAndGet();
                            Thread.sleep(50);
                            continue;
                        }
                        if (a.status() != 202) {
                            failures.add(node + " " + a.status() + " " + a.error());
                            continue;
                        }
                        String status = CLIENT.statusAsync(node, CHAIN, t1.txHash(), 60_000).get(90, TimeUnit.SECONDS).string("status");
                        if ("COMMITTED".equals(status)) {
                            ok.incrementAndGet();
                            committed.incrementAndGet();
                        } else {
                            failures.add(t1.txHash() + " " + status);
                        }
                    } catch (Exception e) {
                        if (stop == null) {
                            failures.add(node + " " + e);
                        }
                    }
                }
            });
            threads.add(t);
            t.start();
        }
        for (Thread t : threads) {
            t.join();
        }
        if (stop == null) {
            assertTrue(failures.isEmpty(), "failures: " + failures.stream().limit(5).toList());
        }
        return ok.get();
    }

    private static String headHash(URI node) throws IOException {
        FundChainClient.Answer a = CLIENT.verify(node, CHAIN, clientKey);
        return a.string("height") + "/" + a.string("headHash");
    }

    private static void awaitSameHead(List<URI> nodes, Duration timeout) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            List<String> heads = new ArrayList<>();
            for (URI n : nodes) {
                try {
                    heads.add(headHash(n));
                } catch (IOException e) {
                    heads.add("unreachable " + n);
                }
            }
            if (heads.stream().distinct().count() == 1) {
                return;
            }
            assertTrue(System.nanoTime() < deadline, "nodes did not converge: " + heads);
            Thread.sleep(500);
        }
    }

    private static int primary() throws IOException {
        FundChainClient.Answer a = CLIENT.node(view.nodes().get(0));
        String p = (String) ((Map<?, ?>) ((List<?>) a.body().get("chains")).get(0)).get("primary");
        return view.nodeIds().indexOf(p);
    }

    private static void kill9(int i) {
        List<Long> pids = consortium.status().get(i).pids();
        assertFalse(pids.isEmpty(), "node" + i + " runs");
        for (long pid : pids) {
            ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly); // SIGKILL
        }
        for (long pid : pids) {
            ProcessHandle.of(pid).ifPresent(p -> p.onExit().join());
        }
    }
}
