package org.fundchain.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
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
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import org.fundchain.client.FundChainClient;
import org.fundchain.codec.Base64Url;
import org.fundchain.codec.Json;
import org.fundchain.crypto.CryptoSuite;
import org.fundchain.crypto.Pem;
import org.fundchain.crypto.SigningKey;
import org.fundchain.envelope.ReadSignature;
import org.fundchain.envelope.SignedTransaction;
import org.fundchain.genesis.Organisation;
import org.fundchain.genesis.Role;
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
 * Issue 11's cluster test: the attacks of the issue sent through the real REST and peer endpoints of four Liberty
 * nodes started by the launcher, each refused with its status code, and proof that nothing changed on any ledger —
 * every node's height, head, state root and {@code verify} (a signed read by the demo client) before and after each
 * attack, allowing exactly the transactions the test itself committed — and that the chain keeps committing.
 * No demo data: nothing but this test writes to the chain (no reconciliation records, so no sweeps), which makes
 * "exactly these transactions were added" a deterministic check. Ports 9980+/10343+ and target/it-attack keep it
 * apart from everything else (9580+/9943+ belong to {@code liberty/fundchain bench}).
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class AttackClusterIT {
    private static final String CHAIN = "main";
    private static final SecureRandom RND = new SecureRandom();
    private static final Duration QUIET = Duration.ofSeconds(60);
    private static final long COMMIT_WAIT_MS = 30_000;
    private static final long FORTY_MIB = 40L * 1024 * 1024;

    static Consortium consortium;
    static ConsortiumMaterial material;
    static LauncherSettings launcherSettings;
    static org.fundchain.client.Consortium view;
    static List<URI> nodes;
    static SigningKey clientKey; // the demo client: admitted, LOAD role (pressure only)
    static SigningKey adminKey;  // the demo ADMIN user
    static SigningKey bankKey;   // another admitted key (COMMERCIAL_BANK)
    static Organisation bankOrg;
    static final FundChainClient client = new FundChainClient();
    static final HttpClient http = org.fundchain.client.ConsortiumTrust.httpClient().connectTimeout(Duration.ofSeconds(5))
            .version(HttpClient.Version.HTTP_1_1).build();
    static final String runId = Long.toString(System.currentTimeMillis(), 36);
    static final AtomicLong nonces = new AtomicLong();
    static final long t0 = System.nanoTime();

    /** A log line with the seconds since the class started, so a slow step shows in the output. */
    static void log(String line) {
        System.out.printf(Locale.ROOT, "[attack %6.1f s] %s%n", (System.nanoTime() - t0) / 1e9, line);
    }

    @BeforeAll
    static void up() throws Exception {
        Path base = Path.of(System.getProperty("fundchain.basedir", "")).toAbsolutePath();
        Path target = base.resolve("target");
        int httpPort = Integer.getInteger("it.attack.http.port", 9980);
        int httpsPort = Integer.getInteger("it.attack.https.port", 10343);
        LauncherSettings settings = new LauncherSettings(base,
                Path.of(System.getProperty("fundchain.wlp.dir", target.resolve("liberty/wlp").toString())),
                Path.of(System.getProperty("fundchain.war", target.resolve("fundchain.war").toString())),
                target.resolve("it-attack"), "ita", 4, httpPort, httpsPort, CryptoSuite.STANDARD, "FundChain Attack IT",
                Duration.ofSeconds(300));
        consortium = new Consortium(settings, System.out);
        consortium.reset();
        ConsortiumMaterial m = consortium.up();
        material = m;
        launcherSettings = settings;
        view = org.fundchain.client.Consortium.fromGenesis(m.genesisFile(), CHAIN);
        nodes = view.nodes();
        clientKey = Pem.readPrivateKey(Files.readString(m.demoClientKey()), RND);
        adminKey = Pem.readPrivateKey(Files.readString(settings.consortiumDir().resolve("users/admin.pem")), RND);
        bankKey = Pem.readPrivateKey(Files.readString(settings.consortiumDir().resolve("users/bank.pem")), RND);
        bankOrg = m.genesis().organisations().stream().filter(o -> o.role() == Role.COMMERCIAL_BANK).findFirst()
                .orElseThrow(() -> new AssertionError("genesis has no COMMERCIAL_BANK organisation"));
        log("consortium up");
        PeerMesh.awaitConnected(nodes, Duration.ofSeconds(120));
        log("peer mesh connected");
    }

    @AfterAll
    static void down() {
        if (consortium != null) {
            consortium.down();
        }
    }

    // ------------------------------------------------------------------ envelopes

    static String nonce(String what) {
        return runId + "-" + what + "-" + nonces.incrementAndGet();
    }

    /**
     * Payload bytes as the attacker writes them: the §5 fields without {@code signer}, so the bytes (and the
     * transaction id, their hash) do not name a key and could be put under any signer — nodes refuse such payloads.
     */
    static byte[] barePayload(String contract, String method, Map<String, ?> args, String nonce) {
        SortedMap<String, Object> p = new TreeMap<>();
        p.put("chain", CHAIN);
        p.put("contract", contract);
        p.put("method", method);
        p.put("args", new TreeMap<>(args));
        p.put("nonce", nonce);
        p.put("timestamp", System.currentTimeMillis());
        return Json.write(p).getBytes(StandardCharsets.UTF_8);
    }

    static String envelope(byte[] payload, SigningKey signer, byte[] signature) {
        SortedMap<String, Object> e = new TreeMap<>();
        e.put("payload", Base64Url.encode(payload));
        e.put("signer", Base64Url.encode(signer.publicKey().raw()));
        e.put("alg", signer.algorithm().jsonName());
        e.put("signature", Base64Url.encode(signature));
        return Json.write(e);
    }

    static String signed(byte[] payload, SigningKey key) {
        return envelope(payload, key, key.sign(payload));
    }

    static String txHash(byte[] payload) {
        return org.fundchain.crypto.Hex.encode(view.suite().hash().digest(payload));
    }

    static Map<String, Object> registrationArgs(String name) {
        return Map.of("org", bankOrg.id(), "name", name, "roles", List.of(bankOrg.role().name()));
    }

    // ------------------------------------------------------------------ HTTP helpers

    record Reply(int status, SortedMap<String, Object> body) {
        String error() {
            return String.valueOf(body.get("error"));
        }
    }

    static Reply post(URI node, String json) throws Exception {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(node.resolve("/api/v1/chains/" + CHAIN + "/transactions"))
                .timeout(Duration.ofSeconds(30)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json)).build(), HttpResponse.BodyHandlers.ofString());
        SortedMap<String, Object> body = r.body().isEmpty() ? new TreeMap<>() : Json.parseObject(r.body());
        return new Reply(r.statusCode(), body);
    }

    /** Submits and asserts the status code and that the error mentions {@code reasonPart} (for refusals). */
    static Reply expect(String attack, URI node, String json, int status, String reasonPart) throws Exception {
        Reply r = post(node, json);
        assertEquals(status, r.status(), attack + " on " + node + ": expected HTTP " + status + ", got " + r.status() + " "
                + Json.write(r.body()));
        if (reasonPart != null) {
            assertTrue(r.error().toLowerCase(Locale.ROOT).contains(reasonPart.toLowerCase(Locale.ROOT)),
                    attack + " on " + node + ": error '" + r.error() + "' should mention '" + reasonPart + "'");
        }
        log(attack + " -> " + node + ": " + r.status() + " " + (r.status() == 202 ? r.body() : r.error()));
        return r;
    }

    /**
     * Waits until {@code hash} is stored on every node (an unsigned long-poll: the public status says COMMITTED), then
     * reads it once more, unpolled, as {@code reader} (null: skip). Each node's wait is logged.
     */
    static void awaitStoredEverywhere(String what, String hash, SigningKey reader) throws Exception {
        long start = System.nanoTime();
        List<String> times = new ArrayList<>();
        for (URI n : nodes) {
            long t = System.nanoTime();
            FundChainClient.Answer a = client.status(n, CHAIN, hash, COMMIT_WAIT_MS);
            assertEquals(200, a.status(), what + " " + hash + " on " + n + ": " + Json.write(a.body()));
            assertEquals("COMMITTED", a.string("status"), what + " " + hash + " on " + n + " not committed within "
                    + COMMIT_WAIT_MS + " ms: " + Json.write(a.body()));
            long waited = (System.nanoTime() - t) / 1_000_000;
            if (reader != null) {
                long r0 = System.nanoTime();
                FundChainClient.Answer own = client.status(n, CHAIN, hash, 0, reader);
                assertEquals(200, own.status(), what + " signed read on " + n + ": " + Json.write(own.body()));
                assertEquals("COMMITTED", own.string("status"), what + " signed read on " + n + ": " + Json.write(own.body()));
                times.add(n.getPort() + ": " + waited + " ms + signed read " + (System.nanoTime() - r0) / 1_000_000 + " ms");
            } else {
                times.add(n.getPort() + ": " + waited + " ms");
            }
        }
        log(what + " committed on every node (" + (System.nanoTime() - start) / 1_000_000 + " ms; " + times + ")");
    }

    /** A refused transaction left no trace: every node answers 404 for its id (neither stored, pending nor refused). */
    static void assertUnknownEverywhere(String attack, String hash) throws Exception {
        for (URI n : nodes) {
            FundChainClient.Answer a = client.status(n, CHAIN, hash, 0);
            assertEquals(404, a.status(), attack + ": transaction " + hash + " must be unknown on " + n + ", got "
                    + a.status() + " " + Json.write(a.body()));
        }
    }

    // ------------------------------------------------------------------ ledger snapshots

    /** One node's ledger as its API reports it: live chain state and a full re-verification (signed read). */
    record NodeLedger(URI node, long height, String head, String stateRoot, long pending, boolean valid,
            long verifiedHeight, String verifyHead) {
        String state() {
            return height + "/" + head + "/" + stateRoot;
        }
    }

    /** Waits until every node has an empty mempool and the same height, head and state root; then verifies each. */
    static List<NodeLedger> quietLedgers(String when) throws Exception {
        long start = System.nanoTime();
        long deadline = System.nanoTime() + QUIET.toNanos();
        List<String> last = new ArrayList<>();
        while (true) {
            List<Map<?, ?>> chains = new ArrayList<>();
            last.clear();
            for (URI n : nodes) {
                try {
                    FundChainClient.Answer a = client.node(n);
                    Map<?, ?> c = (Map<?, ?>) ((List<?>) a.body().get("chains")).get(0);
                    chains.add(c);
                    last.add(n + " height=" + c.get("height") + " head=" + c.get("lastBlockHash") + " pending=" + c.get("pending"));
                } catch (IOException | RuntimeException e) {
                    last.add(n + " unreachable: " + e);
                }
            }
            boolean quiet = chains.size() == nodes.size()
                    && chains.stream().allMatch(c -> ((Number) c.get("pending")).longValue() == 0)
                    && chains.stream().map(c -> c.get("height") + "/" + c.get("lastBlockHash") + "/" + c.get("stateRoot"))
                            .distinct().count() == 1;
            if (quiet) {
                List<NodeLedger> out = new ArrayList<>();
                for (int i = 0; i < nodes.size(); i++) {
                    Map<?, ?> c = chains.get(i);
                    FundChainClient.Answer v = client.verify(nodes.get(i), CHAIN, clientKey);
                    assertEquals(200, v.status(), when + ": verify on " + nodes.get(i) + ": " + Json.write(v.body()));
                    out.add(new NodeLedger(nodes.get(i), ((Number) c.get("height")).longValue(), (String) c.get("lastBlockHash"),
                            (String) c.get("stateRoot"), ((Number) c.get("pending")).longValue(),
                            Boolean.TRUE.equals(v.body().get("valid")), ((Number) v.body().get("verifiedHeight")).longValue(),
                            (String) v.body().get("headHash")));
                }
                log(when + ": quiet and verified (" + (System.nanoTime() - start) / 1_000_000 + " ms)");
                return out;
            }
            if (System.nanoTime() >= deadline) {
                fail(when + ": the nodes did not settle on one ledger with empty mempools within " + QUIET.toSeconds()
                        + " s:\n  " + String.join("\n  ", last));
            }
            Thread.sleep(250);
        }
    }

    /**
     * Between {@code before} and {@code after} every ledger grew by exactly {@code legit} (the transactions this test
     * committed on purpose) and nothing else: same blocks on every node, each verifying from genesis.
     */
    static void assertOnlyGrewBy(String attack, List<NodeLedger> before, List<NodeLedger> after, Set<String> legit)
            throws Exception {
        for (NodeLedger l : after) {
            assertTrue(l.valid() && l.verifiedHeight() == l.height(), attack + ": verify on " + l.node() + " after the attack: " + l);
            assertEquals(l.head(), l.verifyHead(), attack + ": verify's head differs from the live head on " + l.node());
        }
        long from = before.get(0).height();
        long to = after.get(0).height();
        List<String> added = new ArrayList<>();
        for (long h = from + 1; h <= to; h++) {
            String hash = null;
            for (URI n : nodes) {
                FundChainClient.Answer b = client.block(n, CHAIN, Long.toString(h));
                assertEquals(200, b.status(), attack + ": block " + h + " on " + n + ": " + Json.write(b.body()));
                if (hash == null) {
                    hash = b.string("hash");
                    log(attack + ": block " + h + " view=" + b.body().get("view") + " proposer=" + b.body().get("proposerNode")
                            + " failedPrimaries=" + b.body().get("failedPrimaries") + " timestamp=" + b.body().get("timestamp")
                            + " transactions=" + b.body().get("transactions"));
                    for (Object t : (List<?>) b.body().get("transactions")) {
                        added.add((String) t);
                    }
                } else {
                    assertEquals(hash, b.string("hash"), attack + ": block " + h + " differs on " + n);
                }
            }
        }
        assertEquals(added.size(), new HashSet<>(added).size(), attack + ": a transaction id appears twice on the chain: " + added);
        assertEquals(new TreeSet<>(legit), new TreeSet<>(added), attack + ": the ledgers (heights " + from + " -> " + to
                + ") must have grown by exactly the test's own transactions");
        if (legit.isEmpty()) {
            for (int i = 0; i < nodes.size(); i++) {
                assertEquals(before.get(i).state(), after.get(i).state(), attack + ": the ledger of " + nodes.get(i) + " changed");
            }
        }
        log(attack + ": every ledger " + before.get(0).state() + " -> " + after.get(0).state()
                + " (" + legit.size() + " own transaction(s)), verify valid on all nodes");
    }

    // ------------------------------------------------------------------ 1. forged signatures

    @Test
    @Order(1)
    void aForgedSignatureIsRefusedUnderAnyAdmittedKeyAndNeverCommits() throws Exception {
        List<NodeLedger> before = quietLedgers("before forged signatures");
        Set<String> legit = new LinkedHashSet<>();
        byte[] zeros = new byte[64];
        SigningKey fresh = SigningKey.generate(view.suite().signature(), RND);

        // (a) the attack: a payload that names no signer, validly signed by a fresh key; then the same bytes
        // under the demo client's key with 64 zero bytes as signature. A payload must name its signer: 400, everywhere.
        byte[] p = barePayload("pressure", "add", Map.of(), nonce("forge"));
        String id = txHash(p);
        expect("1a fresh key, payload names no signer", nodes.get(0), signed(p, fresh), 400, "'signer' is missing");
        for (URI n : nodes) {
            expect("1a same payload, demo client key, zero signature", n, envelope(p, clientKey, zeros), 400, "'signer' is missing");
        }
        assertUnknownEverywhere("1a", id);

        // (b) the payload naming the fresh key (the project's own clients): re-signed under the demo client -> 400 at
        // parse; and a payload naming the demo client itself with a zero signature -> 400 signature, everywhere
        SignedTransaction named = SignedTransaction.sign(fresh, view.suite(), CHAIN, "pressure", "add", Map.of(), nonce("forge"),
                System.currentTimeMillis());
        expect("1b fresh key, payload names it", nodes.get(1), named.json(), 403, "not admitted");
        expect("1b same payload, demo client key, zero signature", nodes.get(1), envelope(named.payload(), clientKey, zeros),
                400, "names another key");
        assertUnknownEverywhere("1b", named.txHash());
        SignedTransaction asClient = SignedTransaction.sign(clientKey, view.suite(), CHAIN, "pressure", "add", Map.of(),
                nonce("forge"), System.currentTimeMillis());
        for (URI n : nodes) {
            expect("1b payload naming the demo client, zero signature", n, envelope(asClient.payload(), clientKey, zeros), 400,
                    "signature");
        }
        assertUnknownEverywhere("1b'", asClient.txHash());

        // (c) the verification cache primed with these exact payload bytes: a fresh key's registration request passes
        // admission and its signature verifies (202, it commits); the same bytes with a zero signature -> 400 signature,
        // under the ADMIN's key -> 400 (names another key)
        SigningKey requester = SigningKey.generate(view.suite().signature(), RND);
        SignedTransaction req = SignedTransaction.sign(requester, view.suite(), CHAIN, "registry", "requestRegistration",
                registrationArgs("attack 1c " + runId), nonce("reg"), System.currentTimeMillis());
        expect("1c registration request by a fresh key", nodes.get(2), req.json(), 202, null);
        for (URI n : nodes) {
            expect("1c same payload, same key, zero signature", n, envelope(req.payload(), requester, zeros), 400, "signature");
            expect("1c same payload, ADMIN key, zero signature", n, envelope(req.payload(), adminKey, zeros), 400,
                    "names another key");
        }
        legit.add(req.txHash());
        awaitStoredEverywhere("1c registration request", req.txHash(), requester);

        // (d) a forged ADMIN registry.setRoles (the issue: it passed the contract's role check) -> 400, never stored
        SignedTransaction setRoles = SignedTransaction.sign(adminKey, view.suite(), CHAIN, "registry", "setRoles",
                Map.of("signer", ReadSignature.signerId(clientKey), "roles", List.of("ADMIN")), nonce("forge"),
                System.currentTimeMillis());
        for (URI n : nodes) {
            expect("1d forged ADMIN registry.setRoles", n, envelope(setRoles.payload(), adminKey, zeros), 400, "signature");
        }
        assertUnknownEverywhere("1d", setRoles.txHash());

        assertOnlyGrewBy("1 forged signatures", before, quietLedgers("after forged signatures"), legit);
    }

    // ------------------------------------------------------------------ 2. one payload, two keys

    @Test
    @Order(2)
    void theSamePayloadUnderASecondKeyIsTheSameTransactionAndRefused() throws Exception {
        List<NodeLedger> before = quietLedgers("before same-payload-two-keys");
        Set<String> legit = new LinkedHashSet<>();

        // (a) a payload that names no key could be put under a second one: refused under either, on every node
        byte[] p = barePayload("pressure", "add", Map.of(), nonce("dup"));
        for (URI n : nodes) {
            expect("2a bare payload, demo client", n, signed(p, clientKey), 400, "'signer' is missing");
            expect("2a bare payload signed by another admitted key", n, signed(p, bankKey), 400, "'signer' is missing");
        }
        assertUnknownEverywhere("2a", txHash(p));
        // a payload that names its signer commits, and cannot be put under another key at all
        SignedTransaction named = SignedTransaction.sign(clientKey, view.suite(), CHAIN, "pressure", "add", Map.of(),
                nonce("dup"), System.currentTimeMillis());
        expect("2a' named payload, demo client", nodes.get(1), named.json(), 202, null);
        legit.add(named.txHash());
        expect("2a' named payload re-signed by another admitted key", nodes.get(2), signed(named.payload(), bankKey), 400,
                "names another key");
        awaitStoredEverywhere("2a' demo client's transaction", named.txHash(), clientKey);
        for (URI n : nodes) {
            expect("2a' the same envelope again, once committed", n, named.json(), 409, "duplicate");
        }

        // (b) two fresh keys, one registry.requestRegistration payload (the halt): the first commits; the same
        // bytes under the second key -> 400 everywhere
        SigningKey first = SigningKey.generate(view.suite().signature(), RND);
        SigningKey second = SigningKey.generate(view.suite().signature(), RND);
        SignedTransaction reg = SignedTransaction.sign(first, view.suite(), CHAIN, "registry", "requestRegistration",
                registrationArgs("attack 2b " + runId), nonce("reg"), System.currentTimeMillis());
        expect("2b registration request, first fresh key", nodes.get(3), reg.json(), 202, null);
        legit.add(reg.txHash());
        awaitStoredEverywhere("2b first registration request", reg.txHash(), first);
        for (URI n : nodes) {
            expect("2b same registration payload, second fresh key", n, signed(reg.payload(), second), 400, "names another key");
        }

        // (c) the race the issue halted the chain with, as it can still happen: one envelope at once to two nodes (a
        // client's retry). Each node accepts it (202) or, once executed, refuses the replay (409); it is stored once,
        // every node stays live, and no node ever reports it REJECTED.
        SigningKey third = SigningKey.generate(view.suite().signature(), RND);
        SignedTransaction race = SignedTransaction.sign(third, view.suite(), CHAIN, "registry", "requestRegistration",
                registrationArgs("attack 2c " + runId), nonce("reg"), System.currentTimeMillis());
        CompletableFuture<Reply> a = CompletableFuture.supplyAsync(() -> unchecked(() -> post(nodes.get(0), race.json())));
        CompletableFuture<Reply> b = CompletableFuture.supplyAsync(() -> unchecked(() -> post(nodes.get(2), race.json())));
        Reply ra = a.get(60, TimeUnit.SECONDS);
        Reply rb = b.get(60, TimeUnit.SECONDS);
        log("2c race: node0 " + ra.status() + " " + ra.body() + ", node2 " + rb.status() + " " + rb.body());
        assertTrue(Set.of(202, 409).contains(ra.status()) && Set.of(202, 409).contains(rb.status())
                && (ra.status() == 202 || rb.status() == 202), "2c race: expected 202/409 with at least one 202, got "
                        + ra.status() + " " + ra.body() + " and " + rb.status() + " " + rb.body());
        legit.add(race.txHash());
        List<String> rejected = new ArrayList<>();
        for (URI n : nodes) {
            long deadline = System.currentTimeMillis() + COMMIT_WAIT_MS;
            FundChainClient.Answer st;
            while (true) {
                st = client.status(n, CHAIN, race.txHash(), 5_000);
                if ("COMMITTED".equals(st.string("status")) || System.currentTimeMillis() > deadline) {
                    break;
                }
                if ("REJECTED".equals(st.string("status"))) {
                    rejected.add(n + " REJECTED: " + st.string("reason"));
                }
                Thread.sleep(200);
            }
            assertEquals("COMMITTED", st.string("status"), "2c raced registration request " + race.txHash() + " on " + n
                    + " not committed within " + COMMIT_WAIT_MS + " ms: " + Json.write(st.body()));
        }
        assertEquals(List.of(), rejected, "2c: a status never goes from REJECTED to COMMITTED");

        assertOnlyGrewBy("2 same payload, two keys", before, quietLedgers("after same-payload-two-keys"), legit);
    }

    interface IoCall<T> {
        T call() throws Exception;
    }

    static <T> T unchecked(IoCall<T> c) {
        try {
            return c.call();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    // ------------------------------------------------------------------ 3. a 40 MiB body

    @Test
    @Order(3)
    void aFortyMiBBodyIsRefusedWhileReadingAndTheNodeStaysUp() throws Exception {
        List<NodeLedger> before = quietLedgers("before 40 MiB bodies");
        int target = 1;
        URI node = nodes.get(target);
        long rssBefore = rssKiB(target);
        String declared = hugeBody(node, true);
        String chunked = hugeBody(node, false);
        long rssAfter = rssKiB(target);
        log("3 40 MiB body with Content-Length: " + declared + "; chunked: " + chunked);
        log("3 node" + target + " VmRSS " + rssBefore + " KiB -> " + rssAfter + " KiB (delta "
                + (rssAfter - rssBefore) + " KiB; logged, not asserted)");
        FundChainClient.Answer ready = client.get(node.resolve("/health/ready"));
        assertEquals(200, ready.status(), "node" + target + " must stay ready after the 40 MiB bodies: " + Json.write(ready.body()));
        assertOnlyGrewBy("3 40 MiB body", before, quietLedgers("after 40 MiB bodies"), Set.of());
    }

    /**
     * Streams a 40 MiB body (generated on the fly, never held) over a raw socket while reading the answer. Returns a
     * description; passes when the node answered 413 or closed the connection before taking the whole body.
     */
    static String hugeBody(URI node, boolean withLength) throws Exception {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress(node.getHost(), node.getPort()), 5_000);
            s.setSoTimeout(60_000);
            OutputStream out = s.getOutputStream();
            InputStream in = s.getInputStream();
            String head = "POST /api/v1/chains/" + CHAIN + "/transactions HTTP/1.1\r\nHost: " + node.getHost() + ":" + node.getPort()
                    + "\r\nContent-Type: application/json\r\n"
                    + (withLength ? "Content-Length: " + FORTY_MIB + "\r\n" : "Transfer-Encoding: chunked\r\n") + "\r\n";
            CompletableFuture<Long> sent = CompletableFuture.supplyAsync(() -> {
                long n = 0;
                byte[] chunk = new byte[64 * 1024];
                Arrays.fill(chunk, (byte) 'A');
                byte[] start = "{\"payload\":\"".getBytes(StandardCharsets.US_ASCII);
                System.arraycopy(start, 0, chunk, 0, start.length);
                try {
                    out.write(head.getBytes(StandardCharsets.US_ASCII));
                    while (n < FORTY_MIB) {
                        if (!withLength) {
                            out.write((Integer.toHexString(chunk.length) + "\r\n").getBytes(StandardCharsets.US_ASCII));
                        }
                        out.write(chunk);
                        if (!withLength) {
                            out.write("\r\n".getBytes(StandardCharsets.US_ASCII));
                        }
                        n += chunk.length;
                        if (n == chunk.length) {
                            Arrays.fill(chunk, 0, start.length, (byte) 'A');
                        }
                    }
                    if (!withLength) {
                        out.write("0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
                    }
                    out.flush();
                } catch (IOException e) {
                    return -n - 1; // the server closed the connection under us after n bytes
                }
                return n;
            });
            String statusLine;
            try {
                statusLine = readLine(in);
            } catch (java.net.SocketTimeoutException e) {
                fail("40 MiB body (" + (withLength ? "Content-Length" : "chunked") + "): the node neither answered nor closed the"
                        + " connection within 60 s");
                return null;
            } catch (IOException e) {
                statusLine = null; // reset by the server
            }
            String what = withLength ? "Content-Length" : "chunked";
            if (statusLine == null || statusLine.isEmpty()) {
                s.close();
                long n = sent.get(60, TimeUnit.SECONDS);
                assertTrue(n < 0, "40 MiB body (" + what + "): connection closed without an answer, yet the whole body was taken");
                return "connection closed by the node without an answer after " + (-n - 1) + " bytes sent";
            }
            String headers = statusLine;
            String line;
            while ((line = readLine(in)) != null && !line.isEmpty()) {
                headers += " | " + line;
            }
            s.close(); // stop sending: what matters is the answer
            long n = sent.get(60, TimeUnit.SECONDS);
            assertTrue(statusLine.startsWith("HTTP/1.1 413"), "40 MiB body (" + what + "): expected 413, got " + headers);
            return headers + " (after " + (n < 0 ? -n - 1 : n) + " bytes sent)";
        }
    }

    private static String readLine(InputStream in) throws IOException {
        StringBuilder sb = new StringBuilder();
        int c;
        while ((c = in.read()) >= 0) {
            if (c == '\n') {
                return sb.toString().stripTrailing();
            }
            sb.append((char) c);
        }
        return sb.length() == 0 ? null : sb.toString();
    }

    /** VmRSS of node i's server JVM(s), from /proc (0 if unavailable: logged only). */
    static long rssKiB(int i) {
        long total = 0;
        for (long pid : consortium.status().get(i).pids()) {
            try {
                for (String l : Files.readAllLines(Path.of("/proc/" + pid + "/status"))) {
                    if (l.startsWith("VmRSS:")) {
                        total += Long.parseLong(l.replaceAll("[^0-9]", ""));
                    }
                }
            } catch (IOException | NumberFormatException e) {
                log("no VmRSS for pid " + pid + ": " + e);
            }
        }
        return total;
    }

    // ------------------------------------------------------------------ 4. an unauthenticated 1 MiB peer frame

    @Test
    @Order(4)
    void anUnauthenticatedMiBPeerFrameClosesTheLink() throws Exception {
        List<NodeLedger> before = quietLedgers("before the peer frame");
        int target = 2;
        URI node = nodes.get(target);
        // only a member's TLS key gets past TLS to the handshake: a Byzantine member (node0) or its stolen key
        URI peer = PeerTlsClient.peerUri(launcherSettings, target, "node0");
        long rssBefore = rssKiB(target);
        CompletableFuture<String> closed = new CompletableFuture<>();
        WebSocket ws = PeerTlsClient.asMember(material, 0).newWebSocketBuilder().connectTimeout(Duration.ofSeconds(10)).buildAsync(peer, new WebSocket.Listener() {
            @Override
            public CompletionStage<?> onClose(WebSocket w, int code, String reason) {
                closed.complete("closed " + code + " " + reason);
                return null;
            }

            @Override
            public void onError(WebSocket w, Throwable error) {
                closed.complete("error " + error);
            }
        }).get(10, TimeUnit.SECONDS);
        byte[] frame = new byte[1024 * 1024];
        RND.nextBytes(frame);
        CompletableFuture<WebSocket> send = ws.sendBinary(ByteBuffer.wrap(frame), true);
        String why;
        try {
            why = closed.get(30, TimeUnit.SECONDS);
        } catch (java.util.concurrent.TimeoutException e) {
            ws.abort();
            fail("an unauthenticated 1 MiB frame on " + peer + ": the node did not close the link within 30 s (send "
                    + (send.isDone() ? "completed" : "still pending") + ")");
            return;
        }
        ws.abort();
        long rssAfter = rssKiB(target);
        log("4 1 MiB unauthenticated frame on " + peer + ": " + why + "; node" + target + " VmRSS "
                + rssBefore + " -> " + rssAfter + " KiB (logged, not asserted)");
        assertTrue(!why.startsWith("closed") || why.contains("exceeds"),
                "the node closed the link, but not for the frame's size: '" + why + "'");
        assertEquals(200, client.get(node.resolve("/health/ready")).status(), "node" + target + " must stay ready");
        PeerMesh.awaitConnected(nodes, Duration.ofSeconds(30)); // the real peer links were not disturbed
        assertOnlyGrewBy("4 peer frame", before, quietLedgers("after the peer frame"), Set.of());
    }

    // ------------------------------------------------------------------ 5. unsigned reads: no business data

    @Test
    @Order(5)
    void unsignedReadsOfBlocksAndTransactionsCarryNoBusinessData() throws Exception {
        List<NodeLedger> before = quietLedgers("before unsigned reads");
        SignedTransaction t = SignedTransaction.sign(clientKey, view.suite(), CHAIN, "pressure", "add", Map.of(), nonce("read"),
                System.currentTimeMillis());
        expect("5 a transaction to read", nodes.get(0), t.json(), 202, null);
        awaitStoredEverywhere("5 transaction to read", t.txHash(), clientKey);
        long height = ((Number) client.status(nodes.get(0), CHAIN, t.txHash(), 0).body().get("height")).longValue();
        for (URI n : nodes) {
            for (String h : List.of("1", Long.toString(height), "latest")) {
                FundChainClient.Answer b = client.block(n, CHAIN, h);
                assertEquals(200, b.status(), "unsigned GET /blocks/" + h + " on " + n + ": " + Json.write(b.body()));
                assertFalse(b.body().containsKey("encoded"), "unsigned GET /blocks/" + h + " on " + n + " must not carry 'encoded': "
                        + b.body().keySet());
                assertEquals("PUBLIC", b.string("access"), "unsigned GET /blocks/" + h + " on " + n);
            }
            FundChainClient.Answer s = client.status(n, CHAIN, t.txHash(), 0);
            assertEquals(200, s.status(), "unsigned GET /transactions/" + t.txHash() + " on " + n);
            assertEquals("COMMITTED", s.string("status"));
            for (String field : List.of("outcome", "receipt", "contract", "method")) {
                assertFalse(s.body().containsKey(field), "unsigned GET /transactions/{hash} on " + n + " must not carry '" + field
                        + "': " + s.body().keySet());
            }
            assertEquals("PUBLIC", s.string("access"), "unsigned GET /transactions/{hash} on " + n);
        }
        // the same reads signed by who may see them do carry the fields: their absence above is not vacuous
        FundChainClient.Answer own = client.status(nodes.get(1), CHAIN, t.txHash(), 0, clientKey);
        assertTrue(own.body().containsKey("outcome") && own.body().containsKey("receipt"),
                "the signer's own signed read must carry outcome and receipt: " + own.body().keySet());
        FundChainClient.Answer full = client.block(nodes.get(1), CHAIN, "1", adminKey);
        assertNotNull(full.body().get("encoded"), "an ADMIN's signed block read must carry 'encoded': " + full.body().keySet());
        assertOnlyGrewBy("5 unsigned reads", before, quietLedgers("after unsigned reads"), Set.of(t.txHash()));
    }

    // ------------------------------------------------------------------ 6. verify needs a signed read

    @Test
    @Order(6)
    void verifyRefusesAnUnsignedReadAndABareKey() throws Exception {
        List<NodeLedger> before = quietLedgers("before unsigned verify");
        SigningKey fresh = SigningKey.generate(view.suite().signature(), RND);
        for (URI n : nodes) {
            HttpResponse<String> r = http.send(HttpRequest.newBuilder(n.resolve("/api/v1/chains/" + CHAIN + "/verify"))
                    .timeout(Duration.ofSeconds(30)).GET().build(), HttpResponse.BodyHandlers.ofString());
            assertEquals(401, r.statusCode(), "unsigned GET /verify on " + n + ": " + r.body());
            FundChainClient.Answer bare = client.verify(n, CHAIN, fresh);
            assertEquals(403, bare.status(), "GET /verify signed by a key that is not admitted, on " + n + ": " + Json.write(bare.body()));
        }
        log("6 unsigned GET /verify -> 401, bare key -> 403 on every node");
        assertOnlyGrewBy("6 unsigned verify", before, quietLedgers("after unsigned verify"), Set.of());
    }

    // ------------------------------------------------------------------ afterwards: the chain still commits

    @Test
    @Order(7)
    void theChainKeepsCommittingOnEveryNode() throws Exception {
        List<NodeLedger> before = quietLedgers("before the final transaction");
        SignedTransaction t = SignedTransaction.sign(clientKey, view.suite(), CHAIN, "pressure", "add", Map.of(), nonce("after"),
                System.currentTimeMillis());
        expect("7 a valid pressure.add after the attacks", nodes.get(3), t.json(), 202, null);
        awaitStoredEverywhere("7 final pressure.add", t.txHash(), clientKey);
        for (Consortium.NodeStatus st : consortium.status()) {
            assertTrue(st.running(), st.server() + " must still run");
        }
        assertOnlyGrewBy("7 still committing", before, quietLedgers("after the final transaction"), Set.of(t.txHash()));
    }
}
