package org.fundchain.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.math.BigDecimal;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicLong;

import org.fundchain.client.FundChainClient;
import org.fundchain.codec.Json;
import org.fundchain.contract.api.Args;
import org.fundchain.contract.api.Money;
import org.fundchain.contracts.scenario.ExpectedAlert;
import org.fundchain.contracts.scenario.Scenario;
import org.fundchain.contracts.scenario.ScenarioGenerator;
import org.fundchain.contracts.scenario.TxSpec;
import org.fundchain.crypto.CryptoSuite;
import org.fundchain.crypto.Pem;
import org.fundchain.crypto.SignatureAlgorithm;
import org.fundchain.crypto.SigningKey;
import org.fundchain.envelope.ReadSignature;
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
 * Issue 5's acceptance on four real Liberty nodes, entirely through the REST API: (a) the scenario generator's
 * projects with injected anomalies spread over the nodes, checked through the signed read endpoints of every node;
 * (b) the SPEC §1.5 walk-through with four different signers; (c) the EJB sweep timer turning an unmatched
 * registration into an alert. Ports 9680+/10043+ and target/it-business keep it apart from everything else.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class BusinessClusterIT {
    private static final String CHAIN = "main";
    private static final SecureRandom RND = new SecureRandom();
    /** Short enough for the test, far longer than the gap between the two sides of one transfer. */
    private static final long THRESHOLD_MS = 45_000;
    private static final int SWEEP_INTERVAL_S = 5;

    static Consortium consortium;
    static org.fundchain.client.Consortium view;
    static List<URI> nodes;
    static final Map<String, SigningKey> users = new TreeMap<>();
    static final FundChainClient client = new FundChainClient();
    static final AtomicLong nonces = new AtomicLong();
    static final String runId = Long.toString(System.currentTimeMillis(), 36);
    static Scenario scenario;
    static final Map<String, SigningKey> actors = new TreeMap<>();
    static final List<String> ourSweeps = Collections.synchronizedList(new ArrayList<>());

    @BeforeAll
    static void up() throws Exception {
        Path base = Path.of(System.getProperty("fundchain.basedir", "")).toAbsolutePath();
        Path target = base.resolve("target");
        Path dir = target.resolve("it-business");
        // a launcher base directory of our own: the same server.xml, jvm.options with a short sweep interval
        Path templates = dir.resolve("base/liberty");
        Files.createDirectories(templates);
        Files.copy(base.resolve("liberty/server.xml"), templates.resolve("server.xml"), StandardCopyOption.REPLACE_EXISTING);
        Files.writeString(templates.resolve("jvm.options"), Files.readString(base.resolve("liberty/jvm.options"))
                + "\n-Dfundchain.sweep.intervalSeconds=" + SWEEP_INTERVAL_S + "\n");
        int http = Integer.getInteger("it.business.http.port", 9680);
        int https = Integer.getInteger("it.business.https.port", 10043);
        LauncherSettings settings = new LauncherSettings(dir.resolve("base"),
                Path.of(System.getProperty("fundchain.wlp.dir", target.resolve("liberty/wlp").toString())),
                Path.of(System.getProperty("fundchain.war", target.resolve("fundchain.war").toString())),
                dir.resolve("consortium"), "itb", 4, http, https, CryptoSuite.STANDARD, "FundChain Business IT",
                Duration.ofSeconds(600)); // four agents share two cores: a start can take minutes
        consortium = new Consortium(settings, System.out);
        consortium.reset();
        ConsortiumMaterial m = consortium.up();
        view = org.fundchain.client.Consortium.fromGenesis(m.genesisFile(), CHAIN);
        nodes = view.nodes();
        for (String u : m.demoLogins().keySet()) {
            users.put(u, Pem.readPrivateKey(Files.readString(settings.consortiumDir().resolve("users/" + u + ".pem")), RND));
        }
        PeerMesh.awaitConnected(nodes, Duration.ofSeconds(180));
    }

    @AfterAll
    static void down() {
        if (consortium != null) {
            consortium.down();
        }
    }

    // ------------------------------------------------------------------ helpers

    /** Outcome of a submitted transaction: HTTP status of the submit, then COMMITTED / REJECTED with the receipt. */
    record Outcome(int submitStatus, String status, String txHash, Object result, String errorCode, String error) {
        boolean committed() {
            return "COMMITTED".equals(status);
        }
    }

    static SignedTransaction sign(SigningKey key, String contract, String method, Map<String, ?> args) {
        return SignedTransaction.sign(key, view.suite(), CHAIN, contract, method, args,
                runId + "-" + nonces.incrementAndGet(), System.currentTimeMillis());
    }

    /** Submits through {@code POST /transactions} and waits for the block. */
    static Outcome submit(URI node, SigningKey key, String contract, String method, Map<String, ?> args) throws Exception {
        SignedTransaction tx = sign(key, contract, method, args);
        FundChainClient.Answer a = submitWithRetry(node, tx);
        if (a.status() == 503) {
            Thread.sleep(200);
            return submit(node, key, contract, method, args);
        }
        if (a.status() != 202) {
            return new Outcome(a.status(), "REFUSED", tx.txHash(), null, null, a.error());
        }
        return awaitOutcome(node, key, tx.txHash(), a.status());
    }

    /** A pooled connection may fail on first use; re-sending the same signed transaction is safe (409 if it arrived). */
    static FundChainClient.Answer submitWithRetry(URI node, SignedTransaction tx) throws Exception {
        for (int attempt = 1; ; attempt++) {
            try {
                FundChainClient.Answer a = client.submitAsync(node, tx).get(60, java.util.concurrent.TimeUnit.SECONDS);
                return attempt > 1 && a.status() == 409 ? new FundChainClient.Answer(202, a.body()) : a;
            } catch (java.util.concurrent.ExecutionException e) {
                if (attempt >= 3 || !(e.getCause() instanceof IOException)) {
                    throw e;
                }
                Thread.sleep(200);
            }
        }
    }

    @SuppressWarnings("unchecked")
    /** {@code reader} signs the status reads: a transaction's outcome goes only to its signer or an all-seeing role. */
    static Outcome awaitOutcome(URI node, SigningKey reader, String txHash, int submitStatus) throws Exception {
        long deadline = System.currentTimeMillis() + 120_000;
        while (System.currentTimeMillis() < deadline) {
            FundChainClient.Answer st = client.status(node, CHAIN, txHash, 20_000, reader);
            String status = st.string("status");
            if ("COMMITTED".equals(status) || "REJECTED".equals(status)) {
                Map<String, Object> o = st.body().get("outcome") instanceof Map<?, ?> mm ? (Map<String, Object>) mm : Map.of();
                return new Outcome(submitStatus, status, txHash, o.get("result"), (String) o.get("errorCode"),
                        o.get("errorMessage") == null ? st.string("reason") : (String) o.get("errorMessage"));
            }
        }
        throw new AssertionError("transaction " + txHash + " did not commit within 120 s on " + node);
    }

    static Map<String, Object> ok(URI node, SigningKey key, String contract, String method, Object... kv) throws Exception {
        Outcome o = submit(node, key, contract, method, Args.of(kv));
        assertTrue(o.committed(), () -> contract + "." + method + ": " + o);
        return o.result() instanceof Map<?, ?> m ? cast(m) : Map.of();
    }

    /** A signed read; asserts HTTP 200. */
    static SortedMap<String, Object> read(URI node, SigningKey key, String pathAndQuery) throws IOException {
        FundChainClient.Answer a = client.getSigned(node, key, "/api/v1/chains/" + CHAIN + "/fund/" + pathAndQuery);
        assertEquals(200, a.status(), () -> pathAndQuery + ": " + a.error());
        return a.body();
    }

    static int readStatus(URI node, SigningKey key, String pathAndQuery) throws IOException {
        return client.getSigned(node, key, "/api/v1/chains/" + CHAIN + "/fund/" + pathAndQuery).status();
    }

    @SuppressWarnings("unchecked")
    static List<Map<String, Object>> items(SortedMap<String, Object> body) {
        return (List<Map<String, Object>>) body.get("items");
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> cast(Object o) {
        return (Map<String, Object>) o;
    }

    /** Waits until every node has the same head and its read model reflects that height. */
    static long awaitSameHeadAndModel() throws Exception {
        long deadline = System.currentTimeMillis() + 120_000;
        SigningKey admin = users.get("admin");
        while (true) {
            List<String> heads = new ArrayList<>();
            List<Object> modelHeights = new ArrayList<>();
            for (URI n : nodes) {
                FundChainClient.Answer v = client.verify(n, CHAIN, admin);
                heads.add(v.string("height") + "/" + v.string("headHash"));
                modelHeights.add(read(n, admin, "dashboard").get("height"));
            }
            String h = heads.get(0).split("/")[0];
            if (heads.stream().distinct().count() == 1 && modelHeights.stream().allMatch(x -> String.valueOf(x).equals(h))) {
                return Long.parseLong(h);
            }
            assertTrue(System.currentTimeMillis() < deadline, "nodes did not converge: " + heads + " models " + modelHeights);
            Thread.sleep(500);
        }
    }

    // ------------------------------------------------------------------ (a) the scenario

    @Test
    @Order(1)
    void scenarioOverRestEveryAnomalyAlertedStatesIdenticalMoneyConserved() throws Exception {
        long base = System.currentTimeMillis();
        scenario = new ScenarioGenerator(20261124L, 10, 0.8, THRESHOLD_MS, base).generate();
        SigningKey admin = users.get("admin");
        URI n0 = nodes.get(0);
        ok(n0, admin, "reconciliation", "setThreshold", "unmatchedThresholdMs", THRESHOLD_MS);
        // the scenario's organisations and one fresh key per actor, admitted by the administrator
        for (Map.Entry<String, String[]> o : scenario.organisations().entrySet()) {
            String[] v = o.getValue();
            ok(n0, admin, "registry", "registerOrganisation", "id", o.getKey(), "name", "Org " + o.getKey(), "type", v[0],
                    "account", v[1], "county", v[2]);
            SigningKey k = SigningKey.generate(SignatureAlgorithm.ED25519, RND);
            actors.put(o.getKey(), k);
            ok(n0, admin, "registry", "admit", "signer", ReadSignature.signerId(k), "org", o.getKey(),
                    "name", "clerk of " + o.getKey(), "roles", List.of(v[0]));
        }
        actors.put(scenario.intruder(), SigningKey.generate(SignatureAlgorithm.ED25519, RND)); // never admitted

        Map<String, List<TxSpec>> lanes = new LinkedHashMap<>();
        for (TxSpec s : scenario.transactions()) {
            lanes.computeIfAbsent(s.lane(), l -> new ArrayList<>()).add(s);
        }
        ConcurrentLinkedQueue<String> problems = new ConcurrentLinkedQueue<>();
        runLane(lanes.remove("setup"), 0, problems);       // applications in order: project ids follow the seed
        List<TxSpec> fin = lanes.remove("final");
        List<Thread> threads = new ArrayList<>();
        int i = 0;
        for (List<TxSpec> lane : lanes.values()) {
            int offset = i++;
            Thread t = new Thread(() -> runLane(lane, offset, problems));
            threads.add(t);
            t.start();
        }
        for (Thread t : threads) {
            t.join();
        }
        assertEquals(List.of(), List.copyOf(problems));
        Thread.sleep(THRESHOLD_MS + 2_000); // every unmatched registration is now past the threshold
        for (TxSpec s : fin) {
            Outcome o = submit(nodes.get(3), actors.get(s.actor()), s.contract(), s.method(), s.args());
            assertTrue(o.committed(), o::toString);
            ourSweeps.add(o.txHash());
        }

        awaitSameHeadAndModel();
        String reference = null;
        for (URI n : nodes) {
            SigningKey lgo = users.get("lgo");
            String alerts = Json.write(read(n, lgo, "alerts?limit=1000").get("items"));
            String projects = Json.write(read(n, lgo, "projects?size=200").get("items"));
            String drafts = Json.write(read(n, lgo, "drafts").get("items"));
            String flows = Json.write(read(n, lgo, "flows").get("items"));
            String towns = Json.write(read(n, lgo, "townships").get("items"));
            String all = alerts + projects + drafts + flows + towns;
            if (reference == null) {
                reference = all;
            }
            assertEquals(reference, all, "node " + n + " answers differently from node 0");
            checkAlerts(read(n, lgo, "alerts?limit=1000"));
            checkMoney(read(n, lgo, "projects?size=200"), read(n, lgo, "drafts"));
        }
    }

    private static void runLane(List<TxSpec> lane, int offset, ConcurrentLinkedQueue<String> problems) {
        int k = offset;
        for (TxSpec s : lane) {
            URI node = nodes.get(k++ % nodes.size());
            try {
                Outcome o = submit(node, actors.get(s.actor()), s.contract(), s.method(), s.args());
                boolean rightRejection = !s.expectCommitted() && s.expectedError() != null
                        && (List.of(s.expectedError().split("\\|")).contains(o.errorCode())
                            || s.expectedError().contains("NOT_ADMITTED") && o.submitStatus() == 403);
                if (s.expectCommitted() ? !o.committed() : !rightRejection) {
                    problems.add("#" + s.index() + " " + s.note() + " on " + node + ": expected "
                            + (s.expectCommitted() ? "commit" : s.expectedError()) + ", got " + o);
                }
            } catch (Exception e) {
                problems.add("#" + s.index() + " " + s.note() + ": " + e);
            }
        }
    }

    private static void checkAlerts(SortedMap<String, Object> body) {
        SortedMap<String, Integer> want = new TreeMap<>();
        for (ExpectedAlert e : scenario.expectedAlerts()) {
            want.merge(e.key(), 1, Integer::sum);
        }
        SortedMap<String, Integer> got = new TreeMap<>();
        for (Map<String, Object> a : items(body)) {
            got.merge(a.get("code") + " " + a.get("serialNumber"), 1, Integer::sum);
        }
        assertEquals(want, got, "alerts raised = anomalies injected (no more, no less)");
        assertFalse(want.isEmpty(), "the scenario injected anomalies");
    }

    @SuppressWarnings("unchecked")
    private static void checkMoney(SortedMap<String, Object> projects, SortedMap<String, Object> drafts) {
        Map<String, Map<String, Object>> byId = new TreeMap<>();
        for (Map<String, Object> d : items(drafts)) {
            byId.put((String) d.get("draftId"), d);
        }
        assertEquals(scenario.budgets().size(), items(projects).size());
        for (Map<String, Object> p : items(projects)) {
            BigDecimal budget = Money.parse(scenario.budgets().get(p.get("id")), "budget");
            assertEquals(0, budget.compareTo(Money.parse(p.get("budget"), "budget")), p.get("id") + " budget");
            Map<String, Object> funding = (Map<String, Object>) p.get("funding");
            BigDecimal tranches = Money.ZERO;
            for (Object t : (List<Object>) funding.get("tranches")) {
                Map<String, Object> tr = (Map<String, Object>) t;
                assertEquals(tr.get("due"), tr.get("received"), p.get("id") + " tranche " + tr.get("name"));
                tranches = tranches.add(Money.parse(tr.get("received"), "received"));
            }
            assertEquals(0, budget.compareTo(tranches), p.get("id") + ": contributions add up to the budget to the fen");
            Map<String, Object> d = byId.get((String) p.get("draftId"));
            assertNotNull(d, "draft of " + p.get("id"));
            BigDecimal issued = Money.parse(d.get("amount"), "amount");
            assertEquals(0, issued.compareTo(budget));
            for (Object h : (List<Object>) d.get("planPath")) {
                Map<String, Object> hop = (Map<String, Object>) h;
                BigDecimal arrived = Money.parse(hop.get("arrived"), "arrived");
                assertTrue(arrived.compareTo(issued) <= 0, d.get("draftId") + " hop " + hop.get("hop") + " arrived > issued");
                BigDecimal moved = Money.ZERO;
                for (Object t : (List<Object>) d.get("actualPath")) {
                    Map<String, Object> tr = (Map<String, Object>) t;
                    if (tr.get("hop").equals(hop.get("hop"))) {
                        moved = moved.add(Money.parse(tr.get("amount"), "amount"));
                    }
                }
                assertEquals(0, moved.compareTo(arrived), d.get("draftId") + " actual path = arrived");
            }
            assertEquals("ACCEPTED", d.get("status"));
            assertEquals("COMPLETED", p.get("status"));
        }
    }

    // ------------------------------------------------------------------ (b) the SPEC §1.5 walk-through

    @Test
    @Order(2)
    void walkThroughWithFourSignersThroughTheRestApi() throws Exception {
        SigningKey hq = users.get("countyhq");
        SigningKey lgo = users.get("lgo");
        SigningKey lp = users.get("lp");
        SigningKey countyFund = users.get("countyfund");
        SigningKey bank = users.get("bank");
        SigningKey impl = users.get("impl");
        String name = "walk-through greenhouses " + runId;

        // 1. the county HQ applies (node 0)
        Map<String, Object> applied = ok(nodes.get(0), hq, "project", "apply", "name", name, "county", "威宁县",
                "township", "石门乡", "department", "county agriculture bureau", "budget", "1000000.00",
                "implementationUnit", "shimen-coop", "description", "planting cooperative greenhouses",
                "disbursementChain", List.of("gz-fund-lp", "weining-fund", "shimen-coop"),
                "milestones", List.of(Args.of("name", "greenhouses", "amount", "600000.00"),
                        Args.of("name", "seedlings", "amount", "400000.00")));
        String p = (String) applied.get("id");
        awaitModel();
        assertEquals("APPLIED", read(nodes.get(1), hq, "projects/" + p).get("status"));
        SortedMap<String, Object> found = read(nodes.get(2), lgo, "projects?status=APPLIED&q="
                + URLEncoder.encode("walk-through", StandardCharsets.UTF_8));
        assertTrue(items(found).stream().anyMatch(x -> p.equals(x.get("id"))), "search finds the application");

        // 2. the leading-group office approves (node 1): fund raising opens, the draft is issued
        String d = (String) ok(nodes.get(1), lgo, "project", "approve", "projectId", p, "opinion", "approved").get("draftId");
        ok(nodes.get(2), users.get("provfin"), "fundraising", "contribute", "projectId", p, "tranche", "PROVINCE", "amount", "40000.00");
        ok(nodes.get(3), users.get("countyfin"), "fundraising", "contribute", "projectId", p, "tranche", "CITY", "amount", "60000.00");
        ok(nodes.get(0), bank, "fundraising", "contribute", "projectId", p, "tranche", "FINANCIAL", "amount", "900000.00");
        awaitModel();
        SortedMap<String, Object> draft = read(nodes.get(2), lgo, "drafts/" + d);
        assertEquals("ISSUED", draft.get("status"));
        assertEquals(2, ((List<?>) draft.get("planPath")).size(), "planned path: LP → county fund → unit");
        assertEquals(List.of(), draft.get("actualPath"));

        // 3. payer units register serial numbers, the bank pushes its flows through the bank-flow endpoint
        String s0 = "WT" + runId + "A";
        String s1 = "WT" + runId + "B";
        ok(nodes.get(2), lp, "reconciliation", "registerTransfer", "serialNumber", s0, "draftId", d, "hop", 0L, "amount", "1000000.00");
        FundChainClient.Answer pushed = client.pushBankFlow(nodes.get(3), sign(bank, "reconciliation", "pushFlow",
                Args.of("serialNumber", s0, "amount", "1000000.00", "payerAccount", "ACC-GZ-FUND-LP",
                        "payeeAccount", "ACC-WEINING-FUND", "remitTime", System.currentTimeMillis(), "memo", name)), 20_000);
        assertEquals(200, pushed.status(), pushed::error);
        assertEquals("MATCHED", cast(pushed.body().get("record")).get("status"));
        FundChainClient.Answer flowFirst = client.pushBankFlow(nodes.get(0), sign(bank, "reconciliation", "pushFlow",
                Args.of("serialNumber", s1, "amount", "1000000.00", "payerAccount", "ACC-WEINING-FUND",
                        "payeeAccount", "ACC-SHIMEN-COOP", "remitTime", System.currentTimeMillis(), "memo", name)), 20_000);
        assertEquals(200, flowFirst.status(), flowFirst::error);
        assertEquals("PENDING_REGISTRATION", cast(flowFirst.body().get("record")).get("status"));
        ok(nodes.get(1), countyFund, "reconciliation", "registerTransfer", "serialNumber", s1, "draftId", d, "hop", 1L,
                "amount", "1000000.00");
        awaitModel();
        draft = read(nodes.get(3), impl, "drafts/" + d);
        assertEquals("ARRIVED", draft.get("status"));
        assertEquals(2, ((List<?>) draft.get("actualPath")).size(), "actual path follows the plan");
        assertEquals("MATCHED", read(nodes.get(0), bank, "flows/" + s1).get("status"));

        // 4. the implementation unit accepts, draws down milestone 0 and reports progress
        ok(nodes.get(3), impl, "draft", "accept", "draftId", d);
        ok(nodes.get(3), impl, "draft", "release", "draftId", d, "milestone", 0L);
        ok(nodes.get(2), impl, "project", "reportProgress", "projectId", p, "milestone", 0L, "note", "greenhouses built",
                "evidence", List.of(HexFormat.of().formatHex(new byte[32])), "completed", Boolean.TRUE);
        awaitModel();
        for (URI n : nodes) {
            SortedMap<String, Object> project = read(n, impl, "projects/" + p);
            assertEquals("IMPLEMENTING", project.get("status"));
            assertEquals(1, ((List<?>) project.get("progress")).size());
            assertEquals("ACCEPTED", read(n, hq, "drafts/" + d).get("status"));
            assertEquals("600000.00", read(n, lgo, "drafts/" + d).get("released"));
        }
        Map<String, Object> shimen = items(read(nodes.get(1), impl, "townships")).stream()
                .filter(t -> "石门乡".equals(t.get("township"))).findFirst().orElseThrow();
        assertTrue(Money.parse(shimen.get("released"), "released").compareTo(new BigDecimal("600000.00")) >= 0);
        SortedMap<String, Object> dash = read(nodes.get(0), users.get("admin"), "dashboard");
        assertTrue(((Number) dash.get("runningContracts")).intValue() >= 6);
        assertTrue(((Number) dash.get("townshipsHelped")).intValue() >= 1);

        // role checks and errors
        assertEquals(403, readStatus(nodes.get(0), bank, "drafts/" + d), "a bank not on the path may not see the draft");
        assertEquals(403, readStatus(nodes.get(0), impl, "signers"), "only admin / leading group read the registry");
        assertEquals(200, readStatus(nodes.get(0), users.get("admin"), "registrations"));
        assertEquals(404, readStatus(nodes.get(0), lgo, "projects/P999999"));
        assertEquals(400, readStatus(nodes.get(0), lgo, "projects?size=100000"));
        assertEquals(403, readStatus(nodes.get(0), SigningKey.generate(SignatureAlgorithm.ED25519, RND), "dashboard"),
                "a key the registry does not know");
        HttpResponse<String> unsigned = org.fundchain.client.ConsortiumTrust.httpClient().build().send(HttpRequest.newBuilder(
                nodes.get(0).resolve("/api/v1/chains/main/fund/dashboard")).GET().build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(401, unsigned.statusCode());
        assertTrue(unsigned.body().contains("\"error\""), unsigned.body());
        // a signature for another path is refused
        Map<String, String> h = ReadSignature.headers(lgo, "GET", "/api/v1/chains/main/fund/townships", null, System.currentTimeMillis());
        HttpRequest.Builder forged = HttpRequest.newBuilder(nodes.get(0).resolve("/api/v1/chains/main/fund/signers")).GET();
        h.forEach(forged::header);
        assertEquals(401, org.fundchain.client.ConsortiumTrust.httpClient().build().send(forged.build(), HttpResponse.BodyHandlers.ofString()).statusCode());

        // the bank-flow endpoint validates before submitting and accepts banks only
        FundChainClient.Answer badAmount = client.pushBankFlow(nodes.get(0), sign(bank, "reconciliation", "pushFlow",
                Args.of("serialNumber", "WTBAD" + runId, "amount", "12.345", "payerAccount", "ACC-A", "payeeAccount", "ACC-B",
                        "remitTime", 1L)), 5_000);
        assertEquals(400, badAmount.status());
        assertTrue(badAmount.error().contains("amount"), badAmount.error());
        FundChainClient.Answer notBank = client.pushBankFlow(nodes.get(0), sign(lp, "reconciliation", "pushFlow",
                Args.of("serialNumber", "WTNB" + runId, "amount", "1.00", "payerAccount", "ACC-A", "payeeAccount", "ACC-B",
                        "remitTime", 1L)), 5_000);
        assertEquals(403, notBank.status());
        FundChainClient.Answer other = client.pushBankFlow(nodes.get(0), sign(bank, "draft", "query",
                Args.of("draftId", d)), 5_000);
        assertEquals(400, other.status());
    }

    /** Waits until every node's read model shows its node's committed height. */
    static void awaitModel() throws Exception {
        awaitSameHeadAndModel();
    }

    // ------------------------------------------------------------------ (c) the EJB sweep timer

    @Test
    @Order(3)
    void sweepTimerTurnsAnUnmatchedRegistrationIntoAnAlert() throws Exception {
        SigningKey lp = users.get("lp");
        String serial = "TIMER" + runId;
        // a hop-0 registration on the walk-through's draft that no bank will ever confirm
        String d = (String) items(read(nodes.get(0), users.get("lgo"), "drafts")).stream()
                .filter(x -> ((List<?>) x.get("planPath")).size() == 2 && "gz-fund-lp".equals(cast(((List<?>) x.get("planPath")).get(0)).get("payer")))
                .findFirst().orElseThrow().get("draftId");
        ok(nodes.get(1), lp, "reconciliation", "registerTransfer", "serialNumber", serial, "draftId", d, "hop", 0L, "amount", "1.00");
        long deadline = System.currentTimeMillis() + THRESHOLD_MS + 90_000;
        Map<String, Object> alert = null;
        while (alert == null && System.currentTimeMillis() < deadline) {
            Thread.sleep(2_000);
            alert = items(read(nodes.get(2), users.get("lgo"), "alerts?limit=1000")).stream()
                    .filter(a -> serial.equals(a.get("serialNumber"))).findFirst().orElse(null);
        }
        assertNotNull(alert, "the timer's sweep raised an alert within threshold + 90 s");
        assertEquals("UNMATCHED_REGISTRATION", alert.get("code"));
        assertFalse(ourSweeps.contains(alert.get("txHash")), "raised by the node's timer, not by a test sweep");
        assertEquals("UNMATCHED", read(nodes.get(3), lp, "flows/" + serial).get("status"));
        // the call name is business data: the public view has only status and height, a supervisor sees the call
        FundChainClient.Answer tx = client.status(nodes.get(0), CHAIN, (String) alert.get("txHash"), 0, users.get("lgo"));
        assertEquals("sweep", tx.string("method"));
        FundChainClient.Answer pub = client.status(nodes.get(0), CHAIN, (String) alert.get("txHash"), 0);
        assertEquals("COMMITTED", pub.string("status"));
        assertNull(pub.body().get("method"));
        assertNull(pub.body().get("receipt"));
    }
}
