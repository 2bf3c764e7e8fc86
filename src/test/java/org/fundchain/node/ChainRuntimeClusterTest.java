package org.fundchain.node;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.atomic.AtomicInteger;

import org.fundchain.client.SignedTransaction;
import org.fundchain.codec.Json;
import org.fundchain.consensus.ConsensusConfig;
import org.fundchain.consensus.KeySigner;
import org.fundchain.contract.ContractRegistry;
import org.fundchain.contracts.FundChainContracts;
import org.fundchain.crypto.CryptoSuite;
import org.fundchain.crypto.Hex;
import org.fundchain.crypto.PublicKey;
import org.fundchain.crypto.SigningKey;
import org.fundchain.ledger.CertifiedBlock;
import org.fundchain.ledger.ChainVerifier;
import org.fundchain.ledger.MemberKeys;
import org.fundchain.ledger.jpa.BlockRecord;
import org.fundchain.peer.PeerLinks;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Four chain runtimes in one JVM — real consensus core, contracts, Ed25519 signatures and a Derby ledger
 * each — linked by in-memory queues instead of WebSockets. Proves the event loop's integration: every
 * submitted transaction commits once, all ledgers are identical and verify, and a restarted or wiped
 * node catches up.
 */
class ChainRuntimeClusterTest {
    private static final SecureRandom RND = new SecureRandom();
    private static final AtomicInteger DB = new AtomicInteger();
    private static final String CHAIN = "main";
    private static final CryptoSuite SUITE = CryptoSuite.STANDARD;

    private final List<SigningKey> nodeKeys = new ArrayList<>();
    private final List<String> ids = List.of("node0", "node1", "node2", "node3");
    private final Map<String, ChainRuntime> live = new ConcurrentHashMap<>();
    private final List<LocalLedger> ledgers = new ArrayList<>();
    private final ScheduledExecutorService scheduler = Executors.newScheduledThreadPool(2);
    private final SigningKey admin = SigningKey.generate(SUITE.signature(), RND);
    private final SigningKey client = SigningKey.generate(SUITE.signature(), RND);
    private final byte[] genesisHash = SUITE.hash().digest("test genesis".getBytes(StandardCharsets.UTF_8));
    /** Genesis contract sections; null: the admin and client of {@link #genesisContracts()}. */
    private SortedMap<String, Object> genesis;

    @AfterEach
    void tearDown() {
        live.values().forEach(ChainRuntime::stop);
        scheduler.shutdownNow();
        ledgers.forEach(LocalLedger::close);
    }

    private static String signerId(PublicKey k) {
        return "ed25519:" + k.hex();
    }

    private SortedMap<String, Object> genesisContracts() {
        SortedMap<String, Object> registry = new TreeMap<>();
        registry.put("organisations", List.of(
                new TreeMap<>(Map.of("id", "admin-org", "name", "Platform", "type", "ADMIN", "account", "ACC-ADMIN")),
                new TreeMap<>(Map.of("id", "bank", "name", "Bank", "type", "COMMERCIAL_BANK", "account", "ACC-BANK"))));
        registry.put("signers", List.of(
                new TreeMap<>(Map.of("id", signerId(admin.publicKey()), "org", "admin-org", "name", "admin", "roles", List.of("ADMIN"))),
                new TreeMap<>(Map.of("id", signerId(client.publicKey()), "org", "bank", "name", "client", "roles", List.of("COMMERCIAL_BANK")))));
        SortedMap<String, Object> contracts = new TreeMap<>();
        contracts.put("registry", registry);
        return new TreeMap<>(Map.of("contracts", contracts));
    }

    private ChainSetup setup(int self) {
        MemberKeys members = new MemberKeys(nodeKeys.stream().map(SigningKey::publicKey).toList());
        ConsensusConfig cfg = ConsensusConfig.builder(CHAIN, SUITE.hash(), members, self, new KeySigner(nodeKeys.get(self)),
                genesisHash).viewTimeout(500, 4000).build();
        ContractRegistry registry = new ContractRegistry();
        FundChainContracts.all().forEach(registry::register);
        return new ChainSetup(CHAIN, SUITE, cfg, members, ids, genesisHash, registry,
                genesis != null ? genesis : genesisContracts(), 1_700_000_000_000L, 50_000);
    }

    private PeerLinks links(String from) {
        return new PeerLinks() {
            public boolean send(String to, String chain, byte[] payload) {
                ChainRuntime r = live.get(to);
                if (r != null) {
                    r.receive(payload);
                }
                return true;
            }

            public void broadcast(String chain, byte[] payload) {
                for (String id : ids) {
                    if (!id.equals(from)) {
                        send(id, chain, payload);
                    }
                }
            }
        };
    }

    private ChainRuntime startNode(int i) {
        ChainRuntime r = new ChainRuntime(setup(i), ledgers.get(i), links(ids.get(i)), scheduler, Executors.defaultThreadFactory());
        r.start();
        live.put(ids.get(i), r);
        return r;
    }

    private void startCluster() {
        for (int i = 0; i < 4; i++) {
            nodeKeys.add(SigningKey.generate(SUITE.signature(), RND));
            ledgers.add(new LocalLedger("jdbc:derby:memory:rt" + DB.incrementAndGet() + ";create=true"));
        }
        for (int i = 0; i < 4; i++) {
            startNode(i);
        }
    }

    private SignedTransaction tx(SigningKey key, String method, Map<String, ?> args, String nonce) {
        return SignedTransaction.sign(key, SUITE, CHAIN, "pressure", method, args, nonce, System.currentTimeMillis());
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> envelope(SignedTransaction t) {
        return (Map<String, Object>) Json.parse(t.json());
    }

    private void awaitHeightAndTx(List<String> hashes, long timeoutMs) throws InterruptedException {
        long deadline = System.currentTimeMillis() + timeoutMs;
        for (String id : ids) {
            for (String h : hashes) {
                while (ledgers.get(ids.indexOf(id)).transaction(CHAIN, h).isEmpty()) {
                    if (System.currentTimeMillis() > deadline) {
                        String refusal = live.values().stream().map(r -> r.tracker().refusal(h)).filter(java.util.Objects::nonNull)
                                .findFirst().orElse("none");
                        throw new AssertionError(id + " never committed " + h + "; refusal: " + refusal + "; status " + live.get(id).status());
                    }
                    Thread.sleep(20);
                }
            }
        }
    }

    private long balance(int node) {
        return Long.parseLong(ledgers.get(node).allState(CHAIN).stream()
                .filter(s -> s.contract().equals("pressure") && s.key().equals("account/A")).findFirst().orElseThrow().value());
    }

    private void assertIdenticalVerifiedLedgers() throws InterruptedException {
        long h = -1;
        long deadline = System.currentTimeMillis() + 20_000;
        while (System.currentTimeMillis() < deadline) {
            List<Long> heights = ledgers.stream().map(l -> l.head(CHAIN).orElseThrow().height()).toList();
            if (heights.stream().distinct().count() == 1) {
                h = heights.get(0);
                break;
            }
            Thread.sleep(50);
        }
        assertTrue(h > 0, "all nodes reach one height");
        MemberKeys members = new MemberKeys(nodeKeys.stream().map(SigningKey::publicKey).toList());
        for (long height = 1; height <= h; height++) {
            String hash = ledgers.get(0).block(CHAIN, height).orElseThrow().hash();
            for (LocalLedger l : ledgers) {
                assertEquals(hash, l.block(CHAIN, height).orElseThrow().hash(), "same block at height " + height);
            }
        }
        for (LocalLedger l : ledgers) {
            List<CertifiedBlock> chain = l.blocks(CHAIN, 1, h, Integer.MAX_VALUE).stream().map(BlockRecord::encoded)
                    .map(b -> CertifiedBlock.decode(b, SUITE.hash())).toList();
            ChainVerifier.Result res = new ChainVerifier(CHAIN, SUITE.hash(), members, genesisHash).verify(chain);
            assertNull(res.error(), res.error());
            assertEquals(h, res.verifiedHeight());
        }
    }

    @Test
    void transactionsSpreadOverAllNodesAllCommitOnceEverywhere() throws Exception {
        startCluster();
        List<String> hashes = new ArrayList<>();
        int n = 400;
        for (int i = 0; i < n; i++) {
            SignedTransaction t = tx(client, "add", Map.of(), "n" + i);
            SubmitResult r = live.get(ids.get(i % 4)).submit(envelope(t));
            assertEquals(SubmitResult.Outcome.ACCEPTED, r.outcome(), r.reason());
            assertEquals(t.txHash(), r.txHash());
            hashes.add(t.txHash());
        }
        awaitHeightAndTx(hashes, 60_000);
        assertIdenticalVerifiedLedgers();
        for (int i = 0; i < 4; i++) {
            assertEquals(100 + n, balance(i), "A = 100 + committed on node" + i);
        }
        // the receipt a node signs on demand from its ledger is byte for byte the reply its core signed
        for (int i = 0; i < 4; i++) {
            ChainRuntime r = live.get(ids.get(i));
            for (String h : hashes.subList(0, 20)) {
                org.fundchain.ledger.Reply core = r.reply(h);
                org.fundchain.ledger.Reply rebuilt = Receipts.fromLedger(r, ledgers.get(i), nodeKeys.get(i),
                        ledgers.get(i).transaction(CHAIN, h).orElseThrow()).orElseThrow();
                assertTrue(core != null && java.util.Arrays.equals(core.encode(), rebuilt.encode()), "receipt of " + h + " on node" + i);
                assertTrue(rebuilt.verify(new MemberKeys(nodeKeys.stream().map(SigningKey::publicKey).toList())));
            }
        }
        // a replayed nonce is refused everywhere, before and after commit
        SubmitResult replay = live.get("node2").submit(envelope(tx(client, "add", Map.of(), "n7")));
        assertEquals(SubmitResult.Outcome.REPLAY, replay.outcome());
    }

    @Test
    void badSubmissionsAreRefusedWithReasonsAndChangeNothing() throws Exception {
        startCluster();
        ChainRuntime node = live.get("node0");
        SigningKey stranger = SigningKey.generate(SUITE.signature(), RND);
        assertEquals(SubmitResult.Outcome.NOT_ADMITTED, node.submit(envelope(tx(stranger, "add", Map.of(), "1"))).outcome());
        Map<String, Object> forged = new TreeMap<>(envelope(tx(client, "add", Map.of(), "2")));
        forged.put("signature", envelope(tx(client, "add", Map.of(), "3")).get("signature"));
        SubmitResult bad = node.submit(forged);
        assertEquals(SubmitResult.Outcome.INVALID, bad.outcome());
        assertTrue(bad.reason().contains("signature"), bad.reason());
        SignedTransaction unknown = SignedTransaction.sign(client, SUITE, CHAIN, "nope", "x", Map.of(), "4", System.currentTimeMillis());
        assertEquals(SubmitResult.Outcome.UNKNOWN, node.submit(envelope(unknown)).outcome());
        SignedTransaction otherChain = SignedTransaction.sign(client, SUITE, "other", "pressure", "add", Map.of(), "5", System.currentTimeMillis());
        SignedTransaction stale = SignedTransaction.sign(client, SUITE, CHAIN, "pressure", "add", Map.of(), "5b", 1_700_000_000_000L);
        SubmitResult staleResult = node.submit(envelope(stale));
        assertEquals(SubmitResult.Outcome.INVALID, staleResult.outcome());
        assertTrue(staleResult.reason().contains("too far"), staleResult.reason());
        assertEquals(SubmitResult.Outcome.INVALID, node.submit(envelope(otherChain)).outcome());
        assertEquals(SubmitResult.Outcome.INVALID, node.submit(Map.of("payload", "!!!")).outcome());
        // and a good one still goes through
        SignedTransaction ok = tx(client, "add", Map.of(), "6");
        assertEquals(SubmitResult.Outcome.ACCEPTED, node.submit(envelope(ok)).outcome());
        awaitHeightAndTx(List.of(ok.txHash()), 30_000);
        for (int i = 0; i < 4; i++) {
            assertEquals(101, balance(i));
        }
    }

    @Test
    void restartedAndWipedNodesCatchUp() throws Exception {
        startCluster();
        List<String> first = new ArrayList<>();
        for (int i = 0; i < 60; i++) {
            SignedTransaction t = tx(client, "add", Map.of(), "a" + i);
            assertEquals(SubmitResult.Outcome.ACCEPTED, live.get(ids.get(i % 4)).submit(envelope(t)).outcome());
            first.add(t.txHash());
        }
        awaitHeightAndTx(first, 60_000);
        // node3 crashes; the others go on
        live.remove("node3").stop();
        List<String> second = new ArrayList<>();
        for (int i = 0; i < 60; i++) {
            SignedTransaction t = tx(client, "add", Map.of(), "b" + i);
            assertEquals(SubmitResult.Outcome.ACCEPTED, live.get(ids.get(i % 3)).submit(envelope(t)).outcome());
            second.add(t.txHash());
        }
        long deadline = System.currentTimeMillis() + 60_000;
        for (String h : second) {
            while (ledgers.get(0).transaction(CHAIN, h).isEmpty()) {
                assertTrue(System.currentTimeMillis() < deadline, "3 of 4 nodes keep committing");
                Thread.sleep(20);
            }
        }
        // node3 restarts from its own ledger; node2's ledger is wiped and it restarts empty
        startNode(3);
        live.remove("node2").stop();
        ledgers.get(2).close();
        ledgers.set(2, new LocalLedger("jdbc:derby:memory:rt" + DB.incrementAndGet() + ";create=true"));
        startNode(2);
        List<String> third = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            SignedTransaction t = tx(client, "add", Map.of(), "c" + i);
            assertEquals(SubmitResult.Outcome.ACCEPTED, live.get(ids.get(i % 2)).submit(envelope(t)).outcome());
            third.add(t.txHash());
        }
        List<String> all = new ArrayList<>(first);
        all.addAll(second);
        all.addAll(third);
        awaitHeightAndTx(all, 90_000);
        assertIdenticalVerifiedLedgers();
        for (int i = 0; i < 4; i++) {
            assertEquals(100 + 140, balance(i), "node" + i);
        }
    }

    private String submitTo(int node, SigningKey key, String contract, String method, Map<String, ?> args, String nonce) {
        SignedTransaction t = SignedTransaction.sign(key, SUITE, CHAIN, contract, method, args, nonce, System.currentTimeMillis());
        SubmitResult r = live.get(ids.get(node % 4)).submit(envelope(t));
        assertEquals(SubmitResult.Outcome.ACCEPTED, r.outcome(), r.reason());
        return t.txHash();
    }

    private void assertStatusEverywhere(String status, List<String> hashes) {
        for (int i = 0; i < 4; i++) {
            for (String h : hashes) {
                org.fundchain.ledger.jpa.TransactionRecord t = ledgers.get(i).transaction(CHAIN, h).orElseThrow();
                assertEquals(status, t.status(), "node" + i + ": " + t.result());
            }
        }
    }

    /**
     * Issue 11 items 3 and 8, end to end on four nodes: the 12th progress report with a 1,000-character note made a
     * receipt the ledger refused and the chain loop stopped on every node; a bank flow with a 2,000-character memo
     * sent to /transactions committed, and a conflicting second one made an alert receipt too large to store.
     */
    @Test
    void largeResultsAndOversizedFieldsNeverStopTheChain() throws Exception {
        Map<String, SigningKey> keys = new TreeMap<>();
        for (String[] o : org.fundchain.contracts.ChainFixture.ORGS) {
            keys.put(o[0], SigningKey.generate(SUITE.signature(), RND));
        }
        genesis = new TreeMap<>(Map.of("contracts", new TreeMap<>(Map.of("registry",
                org.fundchain.contracts.ChainFixture.registryGenesis(
                        name -> new org.fundchain.contract.api.Signer(signerId(keys.get(name).publicKey())))))));
        startCluster();
        SortedMap<String, Object> application = org.fundchain.contract.api.Args.of(
                org.fundchain.contracts.ChainFixture.projectArgs("1000000.00", "600000.00", "400000.00"));
        String apply = submitTo(0, keys.get("hq"), "project", "apply", application, "apply");
        awaitHeightAndTx(List.of(apply), 30_000);
        String approve = submitTo(1, keys.get("lgo"), "project", "approve", Map.of("projectId", "P000001"), "approve");
        awaitHeightAndTx(List.of(approve), 30_000);
        assertStatusEverywhere("COMMITTED", List.of(apply, approve));

        List<String> reports = new ArrayList<>();
        for (int i = 0; i < 14; i++) {
            reports.add(submitTo(i, keys.get("unit"), "project", "reportProgress", Map.of("projectId", "P000001",
                    "milestone", 0L, "note", "n".repeat(1000), "evidence", List.of(String.format(java.util.Locale.ROOT, "%064x", i))),
                    "report" + i));
        }
        awaitHeightAndTx(reports, 40_000);
        assertStatusEverywhere("COMMITTED", reports);

        Map<String, Object> flow = new TreeMap<>(Map.of("serialNumber", "S1", "amount", "1.00", "payerAccount", "ACC-LP",
                "payeeAccount", "ACC-CFC", "remitTime", 1_700_000_000_000L, "memo", "m".repeat(2000)));
        String first = submitTo(2, keys.get("bank"), "reconciliation", "pushFlow", flow, "flow1");
        awaitHeightAndTx(List.of(first), 30_000);
        flow.put("memo", "x".repeat(2000));
        flow.put("payerAccount", "<b>" + "A".repeat(1990) + "</b>");
        String second = submitTo(3, keys.get("bank"), "reconciliation", "pushFlow", flow, "flow2");
        String after = submitTo(0, keys.get("platform"), "pressure", "add", Map.of(), "after");
        awaitHeightAndTx(List.of(second, after), 30_000);
        assertStatusEverywhere("REJECTED", List.of(first, second));
        assertStatusEverywhere("COMMITTED", List.of(after));
        for (int i = 0; i < 4; i++) {
            assertNull(live.get(ids.get(i)).status().failure(), "node" + i + " chain loop failed");
            assertTrue(live.get(ids.get(i)).status().running());
            assertEquals(101, balance(i));
        }
        assertIdenticalVerifiedLedgers();
    }
}
