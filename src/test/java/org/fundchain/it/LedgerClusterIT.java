package org.fundchain.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;

import org.fundchain.client.FundChainClient;
import org.fundchain.client.ReceiptQuorum;
import org.fundchain.codec.Json;
import org.fundchain.crypto.CryptoSuite;
import org.fundchain.crypto.Pem;
import org.fundchain.crypto.SigningKey;
import org.fundchain.envelope.SignedTransaction;
import org.fundchain.launcher.Consortium;
import org.fundchain.launcher.ConsortiumMaterial;
import org.fundchain.launcher.LauncherSettings;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * Issue 4's acceptance on four real Liberty nodes started by the launcher: thousands of signed
 * transactions, kill -9 of the primary under load, a wiped backup re-syncing the whole chain, and hostile
 * input that must change nothing. Ports 9480+ and target/it-ledger keep it apart from a user's consortium.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class LedgerClusterIT {
    private static final String CHAIN = "main";
    private static final SecureRandom RND = new SecureRandom();

    static LauncherSettings settings;
    static ConsortiumMaterial material;
    static Consortium consortium;
    static org.fundchain.client.Consortium view;
    static SigningKey clientKey;
    static final FundChainClient client = new FundChainClient();
    static final AtomicLong committedTotal = new AtomicLong();
    static String runId = Long.toString(System.currentTimeMillis(), 36);

    @BeforeAll
    static void up() throws Exception {
        Path base = Path.of("").toAbsolutePath();
        Path target = base.resolve("target");
        settings = new LauncherSettings(base, target.resolve("liberty/wlp"), target.resolve("fundchain.war"),
                target.resolve("it-ledger"), "itl", 4, 9480, 9843, CryptoSuite.STANDARD, "FundChain IT", Duration.ofSeconds(300));
        consortium = new Consortium(settings, System.out);
        consortium.reset();
        ConsortiumMaterial m = consortium.up();
        material = m;
        view = org.fundchain.client.Consortium.fromGenesis(m.genesisFile(), CHAIN);
        clientKey = Pem.readPrivateKey(Files.readString(m.demoClientKey()), RND);
        PeerMesh.awaitConnected(view.nodes(), Duration.ofSeconds(120));
    }

    @AfterAll
    static void down() {
        if (consortium != null) {
            consortium.down();
        }
    }

    // ------------------------------------------------------------------ helpers

    static SignedTransaction tx(String method, String nonce) {
        return SignedTransaction.sign(clientKey, view.suite(), CHAIN, "pressure", method, Map.of(), nonce, System.currentTimeMillis());
    }

    /** Submits {@code count} transactions from {@code senders} concurrent senders; returns how many committed. */
    static final AtomicLong loadRuns = new AtomicLong();

    static long load(int count, int senders, AtomicBoolean stop, List<URI> targets) throws InterruptedException {
        String prefix = runId + "-" + loadRuns.incrementAndGet();  // every call its own nonces
        AtomicLong next = new AtomicLong();
        AtomicLong ok = new AtomicLong();
        ConcurrentLinkedQueue<String> failures = new ConcurrentLinkedQueue<>();
        List<Thread> threads = new ArrayList<>();
        for (int s = 0; s < senders; s++) {
            Thread t = new Thread(() -> {
                long i;
                while ((i = next.getAndIncrement()) < count && (stop == null || !stop.get())) {
                    List<URI> live = targets;
                    URI node = live.get((int) (i % live.size()));
                    SignedTransaction t1 = tx("add", prefix + "-" + i);
                    try {
                        FundChainClient.Answer a = submitWithRetry(node, t1);
                        if (a.status() == 503) {
                            next.decrementAndGet();
                            Thread.sleep(50);
                            continue;
                        }
                        if (a.status() != 202) {
                            failures.add(node + " " + a.status() + " " + a.error());
                            continue;
                        }
                        long deadline = System.currentTimeMillis() + 120_000;
                        while (System.currentTimeMillis() < deadline) {
                            FundChainClient.Answer st = client.statusAsync(node, CHAIN, t1.txHash(), 20_000).get(60, TimeUnit.SECONDS);
                            String status = st.string("status");
                            if ("COMMITTED".equals(status)) {
                                ok.incrementAndGet();
                                committedTotal.incrementAndGet();
                                break;
                            }
                            if ("REJECTED".equals(status)) {
                                failures.add(t1.txHash() + " rejected: " + Json.write(st.body()));
                                break;
                            }
                        }
                    } catch (Exception e) {
                        // a node killed under load: the sender moves on; the transaction may or may not commit
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

    /**
     * A pooled keep-alive connection to a node that was restarted fails on first use and Java's client does not
     * retry a POST; re-sending the same signed transaction is safe (a copy that already arrived answers 409).
     */
    static FundChainClient.Answer submitWithRetry(URI node, SignedTransaction t) throws Exception {
        for (int attempt = 1; ; attempt++) {
            try {
                FundChainClient.Answer a = client.submitAsync(node, t).get(30, TimeUnit.SECONDS);
                if (attempt > 1 && a.status() == 409) {
                    return new FundChainClient.Answer(202, a.body());
                }
                return a;
            } catch (java.util.concurrent.ExecutionException e) {
                if (attempt >= 3 || !(e.getCause() instanceof IOException)) {
                    throw e;
                }
                Thread.sleep(200);
            }
        }
    }

    static long height(URI node) throws IOException {
        FundChainClient.Answer a = client.get(node.resolve("/api/v1/node"));
        return ((Number) ((Map<?, ?>) ((List<?>) a.body().get("chains")).get(0)).get("height")).longValue();
    }

    static String headHash(URI node) throws IOException {
        FundChainClient.Answer a = client.verify(node, CHAIN, clientKey);
        return a.string("height") + "/" + a.string("headHash");
    }

    static void awaitSameHead(List<URI> nodes, Duration timeout) throws Exception {
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

    static long pressureValue() throws IOException {
        SignedTransaction get = tx("get", runId + "-get-" + RND.nextInt(1 << 30));
        client.submit(view.nodes(), get);
        ReceiptQuorum.Result r = ReceiptQuorum.await(client, view, CHAIN, get.txHash(), 60_000, clientKey);
        assertTrue(r.agreed(), r.describe());
        Object result = ((Map<?, ?>) Json.parse(r.outcome())).get("result");
        return ((Number) result).longValue();
    }

    static int nodeIndexOfPrimary() throws IOException {
        FundChainClient.Answer a = client.node(view.nodes().get(0));
        String primary = (String) ((Map<?, ?>) ((List<?>) a.body().get("chains")).get(0)).get("primary");
        return view.nodeIds().indexOf(primary);
    }

    static void kill9(int i) throws Exception {
        List<Long> pids = consortium.status().get(i).pids();
        assertFalse(pids.isEmpty(), "node" + i + " runs");
        for (long pid : pids) {
            ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly); // SIGKILL
        }
        for (long pid : pids) {
            ProcessHandle.of(pid).ifPresent(p -> p.onExit().join());
        }
    }

    // ------------------------------------------------------------------ the acceptance checks

    @Test
    @Order(1)
    void twoThousandSignedTransactionsCommitIdenticallyEverywhere() throws Exception {
        long before = pressureValue();
        long committed = load(2000, 48, null, view.nodes());
        assertEquals(2000, committed);
        awaitSameHead(view.nodes(), Duration.ofSeconds(60));
        long h = Long.parseLong(headHash(view.nodes().get(0)).split("/")[0]);
        for (long height = 1; height <= h; height++) {
            String hash = null;
            for (URI n : view.nodes()) {
                FundChainClient.Answer b = client.block(n, CHAIN, Long.toString(height));
                assertEquals(200, b.status(), n + " block " + height);
                if (hash == null) {
                    hash = b.string("hash");
                } else {
                    assertEquals(hash, b.string("hash"), "block " + height + " differs on " + n);
                }
            }
        }
        for (URI n : view.nodes()) {
            FundChainClient.Answer v = client.verify(n, CHAIN, clientKey);
            assertEquals(Boolean.TRUE, v.body().get("valid"), n + " verify: " + Json.write(v.body()));
        }
        assertEquals(before + 2000, pressureValue() - 0, "A = previous + number committed");
    }

    @Test
    @Order(2)
    void hostileInputIsRefusedWithAClearErrorAndChangesNothing() throws Exception {
        awaitSameHead(view.nodes(), Duration.ofSeconds(60));
        String headBefore = headHash(view.nodes().get(0));
        URI node = view.nodes().get(1);
        HttpClient http = org.fundchain.client.ConsortiumTrust.httpClient().build();
        URI submit = node.resolve("/api/v1/chains/main/transactions");

        assertError(http, submit, "{not json", 400, "malformed JSON");
        assertError(http, node.resolve("/api/v1/chains/nochain/transactions"), tx("add", "x1").json(), 404, "unknown chain");
        SignedTransaction unknownContract = SignedTransaction.sign(clientKey, view.suite(), CHAIN, "nosuch", "x", Map.of(), "x2",
                System.currentTimeMillis());
        assertError(http, submit, unknownContract.json(), 404, "no contract");
        Map<String, Object> forged = new java.util.TreeMap<>(Json.parseObject(tx("add", "x3").json()));
        forged.put("signature", Json.parseObject(tx("add", "x4").json()).get("signature"));
        assertError(http, submit, Json.write(forged), 400, "signature");
        SigningKey stranger = SigningKey.generate(view.suite().signature(), RND);
        assertError(http, submit, SignedTransaction.sign(stranger, view.suite(), CHAIN, "pressure", "add", Map.of(), "x5", System.currentTimeMillis()).json(),
                403, "not admitted");
        assertError(http, submit, "{\"payload\":\"" + "A".repeat(200_000) + "\"}", 413, "limit");
        // a replayed nonce: the first copy commits, the second is refused with 409
        SignedTransaction once = tx("add", runId + "-replay");
        assertEquals(202, client.submit(List.of(node), once).get(0).status());
        assertEquals("COMMITTED", client.status(node, CHAIN, once.txHash(), 30_000).string("status"));
        committedTotal.incrementAndGet();
        SignedTransaction again = SignedTransaction.sign(clientKey, view.suite(), CHAIN, "pressure", "add", Map.of(),
                runId + "-replay", System.currentTimeMillis() + 1);
        assertError(http, submit, again.json(), 409, "already used");

        // the peer endpoint: an outsider (no client certificate, or one from another CA) gets no further than TLS, and
        // plain ws on the portal port is refused; a member's TLS key (a Byzantine member, or a stolen key) reaches the
        // handshake, where garbage, an oversized frame and a handshake for another node all close the link
        int target = node.getPort() - settings.httpsBase();
        assertEquals(settings.httpsPort(target), node.getPort(), "the API is served over HTTPS");
        assertTlsRefuses(PeerTlsClient.context(material, -1), target, "no client certificate");
        assertTlsRefuses(foreignCaContext("node3"), target, "a node3 certificate from another CA");
        CompletableFuture<WebSocket> plain = http.newWebSocketBuilder().buildAsync(
                URI.create("ws://localhost:" + settings.httpPort(target) + "/peer?from=node3"), new WebSocket.Listener() { });
        java.util.concurrent.ExecutionException plainRefused = assertThrows(java.util.concurrent.ExecutionException.class,
                () -> plain.get(10, TimeUnit.SECONDS), "/peer over the portal's plain HTTP");
        assertTrue(plainRefused.getCause() instanceof java.net.http.WebSocketHandshakeException h && (h.getResponse().statusCode() == 403 || h.getResponse().statusCode() == 308),
                String.valueOf(plainRefused.getCause()));
        HttpClient member = PeerTlsClient.asMember(material, 3);
        URI peer = PeerTlsClient.peerUri(settings, target, "node3");
        assertPeerRefuses(member, peer, ByteBuffer.wrap(new byte[] { 7, 7, 7, 7 }), "malformed");
        assertPeerRefuses(member, peer, ByteBuffer.wrap(new byte[64 * 1024]), "exceeds");
        byte[] strangerAuth = new org.fundchain.codec.CanonicalWriter().u8(1).u8(2).string("node9").bytes(new byte[32])
                .bytes(new byte[64]).toByteArray();
        assertPeerRefuses(member, peer, ByteBuffer.wrap(strangerAuth), "expected node node3 but peer is node9");
        CompletableFuture<WebSocket> relayed = member.newWebSocketBuilder()
                .buildAsync(PeerTlsClient.peerUri(settings, target, "node0"), new WebSocket.Listener() { });
        java.util.concurrent.ExecutionException e = assertThrows(java.util.concurrent.ExecutionException.class,
                () -> relayed.get(10, TimeUnit.SECONDS), "node3's certificate naming node0 (a relayed handshake)");
        assertTrue(String.valueOf(e.getCause()).contains("403") || String.valueOf(e.getCause()).contains("WebSocketHandshakeException"),
                String.valueOf(e.getCause()));

        // nothing of the above reached any ledger: one block for the one good transaction, no more
        awaitSameHead(view.nodes(), Duration.ofSeconds(30));
        long hBefore = Long.parseLong(headBefore.split("/")[0]);
        long hAfter = Long.parseLong(headHash(view.nodes().get(0)).split("/")[0]);
        assertEquals(hBefore + 1, hAfter, "exactly the one valid transaction's block was added");
        FundChainClient.Answer last = client.block(node, CHAIN, "latest");
        assertEquals(List.of(once.txHash()), last.body().get("transactions"));
        for (URI n : view.nodes()) {
            assertEquals(404, client.status(n, CHAIN, again.txHash(), 0).status());
        }
    }

    @Test
    @Order(3)
    void aBatchAnswersEachTransactionAsASingleSubmitWould() throws Exception {
        URI node = view.nodes().get(2);
        HttpClient http = org.fundchain.client.ConsortiumTrust.httpClient().build();
        URI batch = node.resolve("/api/v1/chains/main/transactions/batch");
        SignedTransaction first = tx("add", runId + "-b1");
        SignedTransaction second = tx("add", runId + "-b2");
        SignedTransaction replay = SignedTransaction.sign(clientKey, view.suite(), CHAIN, "pressure", "add", Map.of(),
                runId + "-b1", System.currentTimeMillis() + 1);
        Map<String, Object> forged = new java.util.TreeMap<>(Json.parseObject(tx("add", runId + "-b3").json()));
        forged.put("signature", Json.parseObject(tx("add", runId + "-b4").json()).get("signature"));
        String body = "{\"transactions\":[" + first.json() + "," + second.json() + "," + replay.json() + ","
                + Json.write(forged) + ",\"not an envelope\"]}";
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(batch).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, r.statusCode(), r.body());
        List<?> results = (List<?>) Json.parseObject(r.body()).get("results");
        List<Integer> statuses = new ArrayList<>();
        for (Object o : results) {
            statuses.add(((Number) ((Map<?, ?>) o).get("status")).intValue());
        }
        assertEquals(List.of(202, 202, 409, 400, 400), statuses, r.body());
        assertEquals(first.txHash(), ((Map<?, ?>) results.get(0)).get("txHash"));
        assertTrue(String.valueOf(((Map<?, ?>) results.get(2)).get("error")).contains("already used"), r.body());
        for (SignedTransaction t : List.of(first, second)) {
            assertEquals("COMMITTED", client.status(node, CHAIN, t.txHash(), 30_000).string("status"));
            committedTotal.incrementAndGet();
        }
        assertError(http, batch, "{\"transactions\":[]}", 400, "1 to");
        assertError(http, batch, "{\"other\":1}", 400, "expected exactly");
        assertError(http, node.resolve("/api/v1/chains/nochain/transactions/batch"), body, 404, "unknown chain");
        assertError(http, batch, "{\"transactions\":[\"" + "A".repeat(5 * 1024 * 1024) + "\"]}", 413, "limit");
    }

    private static void assertError(HttpClient http, URI uri, String body, int status, String reasonPart) throws Exception {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(uri).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(status, r.statusCode(), uri + " -> " + r.body());
        String error = (String) Json.parseObject(r.body()).get("error");
        assertTrue(error != null && error.toLowerCase(java.util.Locale.ROOT).contains(reasonPart.toLowerCase(java.util.Locale.ROOT)),
                "error '" + error + "' should mention '" + reasonPart + "'");
    }

    /** A TLS client of node {@code target}'s peer endpoint that must not get past the TLS handshake. */
    private static void assertTlsRefuses(javax.net.ssl.SSLContext ctx, int target, String who) {
        CompletableFuture<WebSocket> ws = HttpClient.newBuilder().sslContext(ctx).build().newWebSocketBuilder()
                .connectTimeout(Duration.ofSeconds(10))
                .buildAsync(PeerTlsClient.peerUri(settings, target, "node3"), new WebSocket.Listener() { });
        java.util.concurrent.ExecutionException e = assertThrows(java.util.concurrent.ExecutionException.class,
                () -> ws.get(15, TimeUnit.SECONDS), who + " must not open a peer link");
        // refused by TLS, not by an absent listener: the member's own client opens this port (below)
        assertTrue(e.getCause() instanceof IOException && !(e.getCause() instanceof java.net.ConnectException),
                who + ": " + e.getCause());
    }

    /** A TLS client with a certificate naming {@code nodeId} from a CA of its own (trusting the real TLS CA). */
    private static javax.net.ssl.SSLContext foreignCaContext(String nodeId) throws Exception {
        java.security.SecureRandom r = new java.security.SecureRandom();
        java.security.KeyPair caKey = org.fundchain.crypto.TlsCertificates.generateKey(r);
        java.security.cert.X509Certificate ca = org.fundchain.crypto.TlsCertificates.selfSignedCa("Rogue CA", caKey,
                System.currentTimeMillis() - 60_000, 30);
        java.security.KeyPair key = org.fundchain.crypto.TlsCertificates.generateKey(r);
        java.security.cert.X509Certificate cert = org.fundchain.crypto.TlsCertificates.issueNode(ca, caKey.getPrivate(), nodeId,
                "Rogue", List.of("localhost"), key.getPublic(), System.currentTimeMillis() - 60_000, 30);
        java.security.KeyStore ks = java.security.KeyStore.getInstance("PKCS12");
        ks.load(null, null);
        ks.setKeyEntry("k", key.getPrivate(), new char[0], new java.security.cert.Certificate[] {cert, ca});
        javax.net.ssl.KeyManagerFactory kmf = javax.net.ssl.KeyManagerFactory.getInstance(javax.net.ssl.KeyManagerFactory.getDefaultAlgorithm());
        kmf.init(ks, new char[0]);
        javax.net.ssl.TrustManagerFactory tmf = javax.net.ssl.TrustManagerFactory.getInstance(javax.net.ssl.TrustManagerFactory.getDefaultAlgorithm());
        java.security.KeyStore trust = java.security.KeyStore.getInstance("PKCS12");
        trust.load(null, null);
        trust.setCertificateEntry("ca", org.fundchain.crypto.TlsCertificates.readCertificate(material.genesis().tlsCaCertificatePem()));
        tmf.init(trust);
        javax.net.ssl.SSLContext ctx = javax.net.ssl.SSLContext.getInstance("TLSv1.3");
        ctx.init(kmf.getKeyManagers(), tmf.getTrustManagers(), null);
        return ctx;
    }

    private static void assertPeerRefuses(HttpClient http, URI peer, ByteBuffer frame, String reasonPart) throws Exception {
        CompletableFuture<String> closed = new CompletableFuture<>();
        WebSocket ws = http.newWebSocketBuilder().buildAsync(peer, new WebSocket.Listener() {
            @Override
            public CompletionStage<?> onClose(WebSocket w, int code, String reason) {
                closed.complete(code + " " + reason);
                return null;
            }

            @Override
            public void onError(WebSocket w, Throwable error) {
                closed.complete("error " + error);
            }
        }).get(10, TimeUnit.SECONDS);
        ws.sendBinary(frame, true);
        String why = closed.get(20, TimeUnit.SECONDS);
        assertTrue(why.contains(reasonPart), "peer link closed with '" + why + "', expected '" + reasonPart + "'");
    }

    @Test
    @Order(4)
    void killingThePrimaryUnderLoadChangesViewAndTheNodeCatchesUp() throws Exception {
        int primary = nodeIndexOfPrimary();
        List<URI> survivors = new ArrayList<>(view.nodes());
        survivors.remove(primary);
        AtomicBoolean stop = new AtomicBoolean();
        AtomicLong during = new AtomicLong();
        Thread loadThread = new Thread(() -> {
            try {
                during.set(load(Integer.MAX_VALUE, 16, stop, survivors));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        loadThread.start();
        Thread.sleep(3000);
        long heightAtKill = height(survivors.get(0));
        kill9(primary);
        long committedAtKill = committedTotal.get();
        Thread.sleep(15_000);
        stop.set(true);
        loadThread.join();
        assertTrue(committedTotal.get() > committedAtKill + 50, "load went on after the primary died: "
                + (committedTotal.get() - committedAtKill) + " more committed");
        // a view change: a block after the kill records the dead primary among the primaries that failed before it
        String dead = view.nodeIds().get(primary);
        boolean viewChanged = false;
        long top = height(survivors.get(0));
        for (long h = heightAtKill + 1; h <= top && !viewChanged; h++) {
            FundChainClient.Answer b = client.block(survivors.get(0), CHAIN, Long.toString(h));
            viewChanged = ((List<?>) b.body().get("failedPrimaries")).contains(dead);
        }
        assertTrue(viewChanged, "no block after height " + heightAtKill + " shows a view change away from " + dead);
        consortium.up();
        awaitSameHead(view.nodes(), Duration.ofSeconds(180));
    }

    @Test
    @Order(5)
    void aWipedBackupSyncsTheWholeChainFromPeers() throws Exception {
        int primary = nodeIndexOfPrimary();
        int backup = (primary + 1) % 4;
        kill9(backup);
        Path data = settings.serverDir(backup).resolve("data");
        if (Files.exists(data)) {
            try (Stream<Path> files = Files.walk(data)) {
                files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
        assertFalse(Files.exists(data), "data directory wiped");
        List<URI> others = new ArrayList<>(view.nodes());
        others.remove(backup);
        long committed = load(100, 8, null, others);
        assertEquals(100, committed);
        consortium.up();
        awaitSameHead(view.nodes(), Duration.ofSeconds(180));
        FundChainClient.Answer v = client.verify(view.nodes().get(backup), CHAIN, clientKey);
        assertEquals(Boolean.TRUE, v.body().get("valid"), Json.write(v.body()));
        assertNotEquals(0L, ((Number) v.body().get("height")).longValue());
    }
}
