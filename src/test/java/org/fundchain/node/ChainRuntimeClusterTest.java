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

import org.fundchain.codec.Base64Url;
import org.fundchain.codec.Json;
import org.fundchain.consensus.ConsensusConfig;
import org.fundchain.consensus.KeySigner;
import org.fundchain.contract.ContractRegistry;
import org.fundchain.contracts.FundChainContracts;
import org.fundchain.crypto.CryptoSuite;
import org.fundchain.crypto.Hex;
import org.fundchain.crypto.PublicKey;
import org.fundchain.crypto.SigningKey;
import org.fundchain.envelope.SignedTransaction;
import org.fundchain.ledger.CertifiedBlock;
import org.fundchain.ledger.ChainVerifier;
import org.fundchain.ledger.MemberKeys;
import org.fundchain.ledger.Transaction;
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
    private int checkpointInterval = 100;
    /** (height → sender → state root) of every CHECKPOINT any node sent. */
    private final Map<Long, Map<Integer, String>> checkpointRoots = new ConcurrentHashMap<>();
    /** Genesis contract sections; null: the admin and client of {@link #genesisContracts()}. */
    private SortedMap<String, Object> genesis;

    @AfterEach
    void tearDown() {
        // Harness check: no input may stop a chain loop. A loop that stopped (storage refused a committed
        // block, a check threw) is a bug, whatever the test itself asserted.
        List<String> stopped = new ArrayList<>();
        for (Map.Entry<String, ChainRuntime> e : live.entrySet()) {
            ChainRuntime.Status st = e.getValue().status();
            if (st != null && (st.failure() != null || !st.running())) {
                stopped.add(e.getKey() + ": " + st.failure());
            }
        }
        live.values().forEach(ChainRuntime::stop);
        scheduler.shutdownNow();
        ledgers.forEach(LocalLedger::close);
        assertTrue(stopped.isEmpty(), "chain loops stopped: " + stopped);
    }

    private void assertAllLoopsRunning() {
        for (Map.Entry<String, ChainRuntime> e : live.entrySet()) {
            ChainRuntime.Status st = e.getValue().status();
            assertTrue(st.running() && st.failure() == null, e.getKey() + " chain loop stopped: " + st.failure());
        }
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
                genesisHash).viewTimeout(500, 4000).checkpointInterval(checkpointInterval).build();
        ContractRegistry registry = new ContractRegistry();
        FundChainContracts.all().forEach(registry::register);
        return new ChainSetup(CHAIN, SUITE, cfg, members, ids, genesisHash, registry,
                genesis != null ? genesis : genesisContracts(), 1_700_000_000_000L, 50_000);
    }

    private PeerLinks links(String from) {
        return new PeerLinks() {
            public boolean send(String to, String chain, byte[] payload) {
                noteCheckpoint(payload);
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

    private void noteCheckpoint(byte[] payload) {
        org.fundchain.consensus.Signed s = org.fundchain.consensus.Wire.decode(payload, SUITE.hash());
        if (s.body() instanceof org.fundchain.consensus.Message.Checkpoint cp) {
            checkpointRoots.computeIfAbsent(cp.checkpointHeight(), k -> new ConcurrentHashMap<>())
                    .put(s.sender(), Hex.encode(cp.stateRoot()));
        }
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

    /** The §5 envelope of exactly these payload bytes under {@code signer}, with the given signature bytes. */
    private static Map<String, Object> envelope(byte[] payload, PublicKey signer, byte[] signature) {
        Map<String, Object> e = new TreeMap<>();
        e.put("payload", Base64Url.encode(payload));
        e.put("signer", Base64Url.encode(signer.raw()));
        e.put("alg", signer.algorithm().jsonName());
        e.put("signature", Base64Url.encode(signature));
        return e;
    }

    /** The same payload bytes, signed (validly) by another key. */
    private static Map<String, Object> resigned(SignedTransaction t, SigningKey key) {
        return envelope(t.payload(), key.publicKey(), key.sign(t.payload()));
    }

    private SignedTransaction registration(SigningKey key, String nonce) {
        return unbound(key, "registry", "requestRegistration",
                Map.of("org", "bank", "name", "newcomer", "roles", List.of("COMMERCIAL_BANK")), nonce);
    }

    /**
     * A payload without the "signer" field: the same bytes under another key would be a valid transaction with the
     * same id, so nodes order no such payload (SubmitGate.NO_SIGNER) — the tests below check it is refused.
     */
    private static SignedTransaction unbound(SigningKey key, String contract, String method, Map<String, ?> args, String nonce) {
        SortedMap<String, Object> p = new TreeMap<>();
        p.put("chain", CHAIN);
        p.put("contract", contract);
        p.put("method", method);
        p.put("args", new TreeMap<>(args));
        p.put("nonce", nonce);
        p.put("timestamp", System.currentTimeMillis());
        byte[] payload = Json.write(p).getBytes(StandardCharsets.UTF_8);
        return new SignedTransaction(CHAIN, payload, Hex.encode(SUITE.hash().digest(payload)),
                Json.write(envelope(payload, key.publicKey(), key.sign(payload))));
    }

    /** A good transaction still commits on all four nodes: the chain is live after whatever came before. */
    private void assertStillCommitting(String nonce) throws InterruptedException {
        SignedTransaction ok = tx(client, "add", Map.of(), nonce);
        SubmitResult r = live.get("node3").submit(envelope(ok)).join();
        assertEquals(SubmitResult.Outcome.ACCEPTED, r.outcome(), r.reason());
        awaitHeightAndTx(List.of(ok.txHash()), 30_000);
        assertAllLoopsRunning();
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
            SubmitResult r = live.get(ids.get(i % 4)).submit(envelope(t)).join();
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
        SubmitResult replay = live.get("node2").submit(envelope(tx(client, "add", Map.of(), "n7"))).join();
        assertEquals(SubmitResult.Outcome.REPLAY, replay.outcome());
    }

    @Test
    void badSubmissionsAreRefusedWithReasonsAndChangeNothing() throws Exception {
        startCluster();
        ChainRuntime node = live.get("node0");
        SigningKey stranger = SigningKey.generate(SUITE.signature(), RND);
        assertEquals(SubmitResult.Outcome.NOT_ADMITTED, node.submit(envelope(tx(stranger, "add", Map.of(), "1"))).join().outcome());
        Map<String, Object> forged = new TreeMap<>(envelope(tx(client, "add", Map.of(), "2")));
        forged.put("signature", envelope(tx(client, "add", Map.of(), "3")).get("signature"));
        SubmitResult bad = node.submit(forged).join();
        assertEquals(SubmitResult.Outcome.BAD_SIGNATURE, bad.outcome());
        assertTrue(bad.reason().contains("signature"), bad.reason());
        SignedTransaction unknown = SignedTransaction.sign(client, SUITE, CHAIN, "nope", "x", Map.of(), "4", System.currentTimeMillis());
        assertEquals(SubmitResult.Outcome.UNKNOWN, node.submit(envelope(unknown)).join().outcome());
        SignedTransaction otherChain = SignedTransaction.sign(client, SUITE, "other", "pressure", "add", Map.of(), "5", System.currentTimeMillis());
        SignedTransaction stale = SignedTransaction.sign(client, SUITE, CHAIN, "pressure", "add", Map.of(), "5b", 1_700_000_000_000L);
        SubmitResult staleResult = node.submit(envelope(stale)).join();
        assertEquals(SubmitResult.Outcome.INVALID, staleResult.outcome());
        assertTrue(staleResult.reason().contains("too far"), staleResult.reason());
        assertEquals(SubmitResult.Outcome.INVALID, node.submit(envelope(otherChain)).join().outcome());
        assertEquals(SubmitResult.Outcome.INVALID, node.submit(Map.of("payload", "!!!")).join().outcome());
        // and a good one still goes through
        SignedTransaction ok = tx(client, "add", Map.of(), "6");
        assertEquals(SubmitResult.Outcome.ACCEPTED, node.submit(envelope(ok)).join().outcome());
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
            assertEquals(SubmitResult.Outcome.ACCEPTED, live.get(ids.get(i % 4)).submit(envelope(t)).join().outcome());
            first.add(t.txHash());
        }
        awaitHeightAndTx(first, 60_000);
        // node3 crashes; the others go on
        live.remove("node3").stop();
        List<String> second = new ArrayList<>();
        for (int i = 0; i < 60; i++) {
            SignedTransaction t = tx(client, "add", Map.of(), "b" + i);
            assertEquals(SubmitResult.Outcome.ACCEPTED, live.get(ids.get(i % 3)).submit(envelope(t)).join().outcome());
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
            assertEquals(SubmitResult.Outcome.ACCEPTED, live.get(ids.get(i % 2)).submit(envelope(t)).join().outcome());
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

    /**
     * A wiped node catches up in batches (one step commits up to 16 blocks): each executed height must be reported
     * to the core with the state root after *that* block, or its checkpoints and proposals carry a wrong root and
     * the node stops at the next stable checkpoint (issue 10, item 8).
     */
    @Test
    void aNodeCatchingUpInBatchesReportsTheStateRootOfEveryHeight() throws Exception {
        checkpointInterval = 4;
        startCluster();
        List<String> first = new ArrayList<>();
        for (int i = 0; i < 48; i++) { // one transaction per block; every 5th is rejected by the contract
            SignedTransaction t = tx(client, "add", i % 5 == 4 ? Map.of("account", "missing") : Map.of(), "s" + i);
            assertEquals(SubmitResult.Outcome.ACCEPTED, live.get(ids.get(i % 4)).submit(envelope(t)).join().outcome());
            awaitHeightAndTx(List.of(t.txHash()), 30_000);
            first.add(t.txHash());
        }
        long before = ledgers.get(0).head(CHAIN).orElseThrow().height();
        assertTrue(before >= 40, "enough blocks for several catch-up batches: " + before);
        live.remove("node2").stop();
        ledgers.get(2).close();
        ledgers.set(2, new LocalLedger("jdbc:derby:memory:rt" + DB.incrementAndGet() + ";create=true"));
        checkpointRoots.clear();
        startNode(2);
        long deadline = System.currentTimeMillis() + 60_000;
        long maxBehind = 0;
        // the published status, not the ledger: the status of a loop turn is published after its blocks are stored,
        // and a wiped node now asks for blocks at its first step, so it can be caught up within one turn
        while (ledgers.get(2).head(CHAIN).orElseThrow().height() < before || live.get("node2").status().height() < before) {
            assertNull(live.get("node2").status().failure(), "the wiped node keeps running");
            maxBehind = Math.max(maxBehind, live.get("node2").status().behind());
            assertTrue(System.currentTimeMillis() < deadline, "the wiped node catches up");
            Thread.sleep(20);
        }
        assertTrue(live.get("node2").status().networkHeight() >= before, "the wiped node knows how far the chain is");
        assertTrue(maxBehind <= before, "progress never claims more than the chain has: " + maxBehind);
        List<String> more = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            SignedTransaction t = tx(client, "add", Map.of(), "t" + i);
            assertEquals(SubmitResult.Outcome.ACCEPTED, live.get(ids.get(i % 4)).submit(envelope(t)).join().outcome());
            awaitHeightAndTx(List.of(t.txHash()), 30_000);
            more.add(t.txHash());
        }
        Map<Long, String> stored = new TreeMap<>();
        for (long h = 1; h <= ledgers.get(0).head(CHAIN).orElseThrow().height(); h++) {
            CertifiedBlock next = ledgers.get(0).block(CHAIN, h + 1).map(BlockRecord::encoded)
                    .map(b -> CertifiedBlock.decode(b, SUITE.hash())).orElse(null);
            if (next != null) {
                stored.put(h, Hex.encode(next.block().header().stateRoot())); // block h+1 carries the root after h
            }
        }
        Map<Integer, String> fromWiped = new TreeMap<>();
        checkpointRoots.forEach((h, bySender) -> {
            String root = bySender.get(2);
            if (root != null && stored.containsKey(h)) {
                assertEquals(stored.get(h), root, "node2's checkpoint root at height " + h);
                fromWiped.put(h.intValue(), root);
            }
        });
        assertTrue(fromWiped.size() >= 3, "the wiped node sent checkpoints while catching up: " + fromWiped.keySet());
        for (ChainRuntime r : live.values()) {
            assertNull(r.status().failure(), r.chainId() + " running");
        }
        assertIdenticalVerifiedLedgers();
        for (int i = 0; i < 4; i++) {
            assertEquals(100 + 48 - 48 / 5 + 12, balance(i), "node" + i);
        }
    }

    // ------------------------------------------------------------------ attacks (issue 11, items 1 and 2)

    @Test
    void aPayloadVerifiedForAnUnadmittedKeyCannotBeReplayedUnderAnAdmittedSignerWithAForgedSignature() throws Exception {
        startCluster();
        ChainRuntime node = live.get("node0");
        SigningKey stranger = SigningKey.generate(SUITE.signature(), RND);
        // The stranger signs a payload; its signature verifies, the stranger is not admitted: 403.
        SignedTransaction bait = SignedTransaction.sign(stranger, SUITE, CHAIN, "pressure", "add", Map.of(), "forge-1",
                System.currentTimeMillis());
        assertEquals(SubmitResult.Outcome.NOT_ADMITTED, node.submit(envelope(bait)).join().outcome());
        // The same payload bytes, claimed by the admin and the client, with a signature of 64 zero bytes.
        for (SigningKey victim : List.of(admin, client)) {
            SubmitResult forged = node.submit(envelope(bait.payload(), victim.publicKey(), new byte[64])).join();
            assertEquals(SubmitResult.Outcome.INVALID, forged.outcome(), "forged signature under an admitted signer: " + forged.reason());
            // and on a node that never saw the bait
            SubmitResult elsewhere = live.get("node1").submit(envelope(bait.payload(), victim.publicKey(), new byte[64])).join();
            assertEquals(SubmitResult.Outcome.INVALID, elsewhere.outcome(), elsewhere.reason());
        }
        // A valid signature by the stranger over another payload does not vouch for this one either.
        SignedTransaction other = tx(client, "add", Map.of(), "forge-2");
        Map<String, Object> swapped = envelope(other.payload(), client.publicKey(),
                stranger.sign(other.payload()));
        assertEquals(SubmitResult.Outcome.BAD_SIGNATURE, node.submit(swapped).join().outcome());
        assertStillCommitting("after-forgery");
        for (int i = 0; i < 4; i++) {
            assertTrue(ledgers.get(i).transaction(CHAIN, bait.txHash()).isEmpty(), "forged payload never executes on node" + i);
            assertEquals(101, balance(i), "only the honest add executed on node" + i);
        }
        assertIdenticalVerifiedLedgers();
    }

    @Test
    void theSamePayloadUnderTwoAdmittedSignersIsADuplicateAndTheChainKeepsCommitting() throws Exception {
        startCluster();
        SignedTransaction bound = tx(client, "add", Map.of(), "dup-0");
        SubmitResult copy = live.get("node0").submit(resigned(bound, admin)).join();
        assertEquals(SubmitResult.Outcome.INVALID, copy.outcome(), "a payload naming its signer cannot be re-signed: " + copy.reason());
        // a payload that does not name its signer is what two keys could share: refused under either, on any node
        SignedTransaction bare = unbound(client, "pressure", "add", Map.of(), "dup-1");
        for (String id : ids) {
            for (Map<String, Object> e : List.of(envelope(bare), resigned(bare, admin))) {
                SubmitResult r = live.get(id).submit(e).join();
                assertEquals(SubmitResult.Outcome.INVALID, r.outcome(), id + ": " + r.reason());
                assertEquals(SubmitGate.NO_SIGNER, r.reason());
            }
        }
        SignedTransaction first = tx(client, "add", Map.of(), "dup-2");
        assertEquals(SubmitResult.Outcome.ACCEPTED, live.get("node0").submit(envelope(first)).join().outcome());
        awaitHeightAndTx(List.of(first.txHash()), 30_000);
        // committed: the same envelope again is a duplicate on every node, a re-signed copy is invalid
        for (String id : ids) {
            SubmitResult committedDup = live.get(id).submit(envelope(first)).join();
            assertEquals(SubmitResult.Outcome.REPLAY, committedDup.outcome(), id + ": " + committedDup.reason());
            assertEquals(SubmitResult.Outcome.INVALID, live.get(id).submit(resigned(first, admin)).join().outcome());
        }
        assertStillCommitting("dup-after");
        for (int i = 0; i < 4; i++) {
            assertEquals(102, balance(i), "node" + i);
        }
        assertIdenticalVerifiedLedgers();
    }

    @Test
    void theSamePayloadSubmittedUnderTwoSignersToDifferentNodesAtOnceExecutesOnceAndNoLoopStops() throws Exception {
        startCluster();
        // Races: each pair reaches two nodes before either has seen the other's gossip, so both may sit in
        // two mempools and a primary may see both. At most one of each pair executes; no node stops.
        List<String> hashes = new ArrayList<>();
        for (int round = 0; round < 20; round++) {
            SignedTransaction t = tx(client, "add", Map.of(), "race-" + round);
            Map<String, Object> a = envelope(t);
            Map<String, Object> b = resigned(t, admin);
            Thread other = new Thread(() -> live.get("node2").submit(b).join());
            other.start();
            live.get("node1").submit(a).join();
            other.join();
            hashes.add(t.txHash());
        }
        awaitHeightAndTx(hashes, 30_000);
        assertStillCommitting("race-after");
        assertIdenticalVerifiedLedgers();
        for (int i = 0; i < 4; i++) {
            assertEquals(100 + 21, balance(i), "each payload executed once on node" + i);
        }
    }

    @Test
    void oneRegistrationPayloadSignedByTwoFreshKeysIsADuplicateAndTheChainKeepsCommitting() throws Exception {
        startCluster();
        SigningKey k1 = SigningKey.generate(SUITE.signature(), RND);
        SigningKey k2 = SigningKey.generate(SUITE.signature(), RND);
        // No admission needed: anyone may ask to register. Same payload bytes, two fresh keys, two nodes.
        SignedTransaction bound = SignedTransaction.sign(k1, SUITE, CHAIN, "registry", "requestRegistration",
                Map.of("org", "bank", "name", "newcomer", "roles", List.of("COMMERCIAL_BANK")), "reg-0", System.currentTimeMillis());
        assertEquals(SubmitResult.Outcome.INVALID, live.get("node0").submit(resigned(bound, k2)).join().outcome());
        SignedTransaction bare = registration(k1, "reg-1");
        assertEquals(SubmitResult.Outcome.INVALID, live.get("node0").submit(envelope(bare)).join().outcome());
        assertEquals(SubmitResult.Outcome.INVALID, live.get("node1").submit(resigned(bare, k2)).join().outcome());
        // the race: one bound request, the same envelope to two nodes at once
        SignedTransaction r2 = SignedTransaction.sign(k1, SUITE, CHAIN, "registry", "requestRegistration",
                Map.of("org", "bank", "name", "newcomer", "roles", List.of("COMMERCIAL_BANK")), "reg-2", System.currentTimeMillis());
        Map<String, Object> b = envelope(r2);
        Thread other = new Thread(() -> live.get("node3").submit(b).join());
        other.start();
        live.get("node2").submit(envelope(r2)).join();
        other.join();
        awaitHeightAndTx(List.of(r2.txHash()), 30_000);
        assertStillCommitting("reg-after");
        assertIdenticalVerifiedLedgers();
    }

    /**
     * A seeded hostile client: valid transactions mixed with the same payloads re-signed by the other admitted key
     * or by fresh keys, forged (zero) signatures after a stranger's valid one, exact replays, reused nonces,
     * duplicate registrations, malformed and oversized envelopes — sent to random nodes. After it: every chain loop
     * runs, every accepted valid transaction committed once on every node, every refusal has a reason, the ledgers
     * are identical and verify (signatures, no duplicate), and the counter equals the number of add payloads stored.
     */
    @Test
    void aSeededHostileClientNeverGetsABadSignatureExecutedNorStopsAChain() throws Exception {
        startCluster();
        long seed = 20261203L;
        java.util.Random g = new java.util.Random(seed);
        List<SignedTransaction> sent = new ArrayList<>();
        Map<String, String> accepted = new TreeMap<>(); // tx hash -> replay key of every envelope a node took in
        List<String> neverCommit = new ArrayList<>();
        List<SigningKey> admitted = List.of(admin, client);
        for (int i = 0; i < 160; i++) {
            ChainRuntime node = live.get(ids.get(g.nextInt(4)));
            int kind = sent.isEmpty() ? 0 : g.nextInt(9);
            SubmitResult r;
            String what;
            switch (kind) {
                case 1 -> { // the same payload, validly signed by another admitted key: a duplicate, never a second execution
                    what = "re-signed";
                    r = node.submit(resigned(sent.get(g.nextInt(sent.size())), admitted.get(g.nextInt(2)))).join();
                }
                case 2 -> { // the same payload under a fresh key
                    what = "fresh-key copy";
                    r = node.submit(resigned(sent.get(g.nextInt(sent.size())), SigningKey.generate(SUITE.signature(), RND))).join();
                    assertTrue(r.outcome() != SubmitResult.Outcome.ACCEPTED, "a fresh key's pressure.add: " + r);
                }
                case 3 -> { // a stranger's valid signature, then the same bytes claimed by an admitted key, zero signature
                    what = "forgery";
                    SigningKey stranger = SigningKey.generate(SUITE.signature(), RND);
                    SignedTransaction bait = SignedTransaction.sign(stranger, SUITE, CHAIN, "pressure", "add", Map.of(), "bait" + i,
                            System.currentTimeMillis());
                    assertEquals(SubmitResult.Outcome.NOT_ADMITTED, node.submit(envelope(bait)).join().outcome());
                    byte[] sig = g.nextBoolean() ? new byte[64] : stranger.sign(bait.payload());
                    r = node.submit(envelope(bait.payload(), admitted.get(g.nextInt(2)).publicKey(), sig)).join();
                    assertEquals(SubmitResult.Outcome.INVALID, r.outcome(), "forged signature: " + r);
                    neverCommit.add(bait.txHash());
                }
                case 4 -> { // an exact replay, to any node
                    what = "replay";
                    r = node.submit(envelope(sent.get(g.nextInt(sent.size())))).join();
                }
                case 5 -> { // a reused nonce with another payload
                    what = "nonce reuse";
                    SignedTransaction t = tx(client, "add", Map.of("account", "A"), "h" + g.nextInt(Math.max(1, i)));
                    r = node.submit(envelope(t)).join();
                    if (r.outcome() == SubmitResult.Outcome.ACCEPTED) {
                        accepted.put(t.txHash(), Transaction.fromApiJson(SUITE.hash(), envelope(t)).replayKey());
                    }
                }
                case 6 -> { // one registration payload under two fresh keys, to two nodes
                    what = "registration pair";
                    SigningKey k1 = SigningKey.generate(SUITE.signature(), RND);
                    SignedTransaction reg = registration(k1, "r" + i);
                    node.submit(envelope(reg)).join();
                    r = live.get(ids.get(g.nextInt(4))).submit(resigned(reg, SigningKey.generate(SUITE.signature(), RND))).join();
                }
                case 7 -> { // malformed: a truncated signature, or an oversized payload
                    what = "malformed";
                    SignedTransaction t = sent.get(g.nextInt(sent.size()));
                    boolean truncated = g.nextBoolean();
                    r = truncated ? node.submit(envelope(t.payload(), client.publicKey(), new byte[63])).join()
                            : node.submit(envelope(new byte[Transaction.MAX_PAYLOAD_BYTES + 1], client.publicKey(), new byte[64])).join();
                    // (a truncated signature fails verification, unless the payload names another signer: malformed)
                    assertTrue(r.outcome() == SubmitResult.Outcome.INVALID
                            || truncated && r.outcome() == SubmitResult.Outcome.BAD_SIGNATURE, r.toString());
                }
                default -> { // valid
                    what = "valid";
                    SignedTransaction t = tx(admitted.get(g.nextInt(2)), "add", Map.of(), "h" + i);
                    r = node.submit(envelope(t)).join();
                    if (r.outcome() == SubmitResult.Outcome.ACCEPTED) {
                        sent.add(t);
                        accepted.put(t.txHash(), Transaction.fromApiJson(SUITE.hash(), envelope(t)).replayKey());
                    }
                }
            }
            if (r.outcome() == SubmitResult.Outcome.ACCEPTED) {
                accepted.putIfAbsent(r.txHash(), null);
            } else {
                assertTrue(r.reason() != null && !r.reason().isBlank(), "seed " + seed + " #" + i + " " + what + ": refusal without reason");
            }
            if (g.nextInt(8) == 0) {
                Thread.sleep(g.nextInt(30));
            }
        }
        // Every envelope a node took in is settled everywhere: its id committed (under whichever signer won), or
        // its (signer, nonce) went to a rival that won the race. Nothing is left hanging, nothing ran twice.
        long deadline = System.currentTimeMillis() + 60_000;
        for (LocalLedger l : ledgers) {
            for (Map.Entry<String, String> a : accepted.entrySet()) {
                while (l.transaction(CHAIN, a.getKey()).isEmpty()
                        && (a.getValue() == null || l.usedReplayKeys(CHAIN, List.of(a.getValue())).isEmpty())) {
                    assertTrue(System.currentTimeMillis() < deadline, "seed " + seed + ": accepted " + a.getKey() + " never settled");
                    Thread.sleep(20);
                }
            }
        }
        assertStillCommitting("hostile-after");
        assertIdenticalVerifiedLedgers();
        long height = ledgers.get(0).head(CHAIN).orElseThrow().height();
        for (int i = 0; i < 4; i++) {
            long adds = 0;
            for (long h = 1; h <= height; h++) {
                adds += ledgers.get(i).transactionsOf(CHAIN, h).stream()
                        .filter(t -> t.contract().equals("pressure") && t.method().equals("add") && t.status().equals("COMMITTED")).count();
            }
            assertEquals(100 + adds, balance(i), "seed " + seed + ": each stored add executed once on node" + i);
            for (String h : neverCommit) {
                assertTrue(ledgers.get(i).transaction(CHAIN, h).isEmpty(), "seed " + seed + ": a forged payload executed on node" + i);
            }
        }
    }

    private String submitTo(int node, SigningKey key, String contract, String method, Map<String, ?> args, String nonce) {
        SignedTransaction t = SignedTransaction.sign(key, SUITE, CHAIN, contract, method, args, nonce, System.currentTimeMillis());
        SubmitResult r = live.get(ids.get(node % 4)).submit(envelope(t)).join();
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
