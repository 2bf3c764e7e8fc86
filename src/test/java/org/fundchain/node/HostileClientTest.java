package org.fundchain.node;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;

import org.fundchain.codec.Base64Url;
import org.fundchain.codec.Json;
import org.fundchain.crypto.SigningKey;
import org.fundchain.ledger.CertifiedBlock;
import org.fundchain.ledger.Transaction;
import org.fundchain.ledger.jpa.TransactionRecord;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The hostile-client suite (THREATS: "anyone on the network", "an admitted signer with a low role"): a seeded
 * generator of valid, forged, re-signed, replayed, oversized and duplicated envelopes — the same payload under
 * different signers and signatures included — sent to four real chain runtimes. After every round: no
 * transaction whose signature does not verify was executed, no transaction hash or (signer, nonce) executed
 * twice, every node is running and identical, every refusal has a reason. The generated envelopes are a pure
 * function of the seed (keys and choices); only the nodes' timing differs between runs.
 */
class HostileClientTest {
    private static final int ROUNDS = 6;
    private static final int PER_ROUND = 14;

    private enum Attack {
        VALID, FORGED_AFTER_STRANGER, ZERO_SIGNATURE, RESIGNED_BY_OTHER_SIGNER, REPLAYED, OVERSIZED, SAME_ENVELOPE_TWO_NODES,
        REGISTRATION_TWO_KEYS, FLIPPED_SIGNATURE, FLIPPED_PAYLOAD, TRUNCATED_SIGNER, NON_OBJECT_ARGS, WITHOUT_SIGNER
    }

    private final List<String> refusalsWithoutReason = new ArrayList<>();
    private final List<Map<String, Object>> accepted = new ArrayList<>();

    @ParameterizedTest
    @ValueSource(longs = { 1L, 20261203L })
    void noHostileEnvelopeIsExecutedForgedOrTwiceAndNoNodeStops(long seed) throws Exception {
        SecureRandom keys = seeded(seed);
        Random rnd = new Random(seed);
        try (LocalCluster c = new LocalCluster(keys)) {
            int nonce = 0;
            for (int round = 0; round < ROUNDS; round++) {
                for (int i = 0; i < PER_ROUND; i++) {
                    Attack a = Attack.values()[rnd.nextInt(Attack.values().length)];
                    play(c, a, rnd, keys, "s" + seed + "-" + nonce++);
                }
                awaitQuiet(c);
                checkInvariants(c, "seed " + seed + " round " + round);
            }
            assertTrue(refusalsWithoutReason.isEmpty(), "refusals without a reason: " + refusalsWithoutReason);
        }
    }

    private void play(LocalCluster c, Attack a, Random rnd, SecureRandom keys, String nonce) {
        int here = rnd.nextInt(4);
        ChainRuntime node = c.node(here);
        long now = System.currentTimeMillis();
        switch (a) {
            case VALID -> {
                SigningKey k = rnd.nextBoolean() ? c.client : c.clerk;
                Map<String, Object> e = envelope(k, payload(k, "pressure", "add", Map.of(), nonce, now));
                SubmitResult r = submit(node, e);
                assertEquals(SubmitResult.Outcome.ACCEPTED, r.outcome(), r.reason());
                accepted.add(e);
            }
            case FORGED_AFTER_STRANGER -> {
                // the signature cache must not remember "this payload verified" for a different signer
                SigningKey stranger = SigningKey.generate(LocalCluster.SUITE.signature(), keys);
                byte[] p = payload(c.client, "pressure", "add", Map.of(), nonce, now);
                submit(node, envelope(stranger, p));
                Map<String, Object> forged = envelope(c.client, p);
                forged.put("signature", Base64Url.encode(new byte[64]));
                assertNotEquals(SubmitResult.Outcome.ACCEPTED, submit(node, forged).outcome(), "a forged signature is refused");
            }
            case ZERO_SIGNATURE -> {
                Map<String, Object> forged = envelope(c.admin, payload(c.admin, "pressure", "add", Map.of(), nonce, now));
                forged.put("signature", Base64Url.encode(new byte[64]));
                assertNotEquals(SubmitResult.Outcome.ACCEPTED, submit(node, forged).outcome());
            }
            case RESIGNED_BY_OTHER_SIGNER -> {
                byte[] p = payload(c.client, "pressure", "add", Map.of(), nonce, now);
                Map<String, Object> first = envelope(c.client, p);
                SubmitResult r = submit(node, first);
                assertEquals(SubmitResult.Outcome.ACCEPTED, r.outcome(), r.reason());
                accepted.add(first);
                // the same payload (same transaction hash) under another admitted signer, on any node: the payload
                // names its signer, so nobody else can take its id
                assertEquals(SubmitResult.Outcome.INVALID, submit(c.node(rnd.nextInt(4)), envelope(c.clerk, p)).outcome());
            }
            case REPLAYED -> {
                if (!accepted.isEmpty()) {
                    Map<String, Object> old = accepted.get(rnd.nextInt(accepted.size()));
                    String id = Transaction.fromApiJson(LocalCluster.SUITE.hash(), old).hashHex();
                    boolean executedHere = c.ledgers.get(here).transaction(LocalCluster.CHAIN, id).isPresent();
                    SubmitResult r = submit(node, new TreeMap<>(old));
                    // a retry of a pending envelope is the same transaction (accepted again, ordered once); once it
                    // executed here, the replay is refused (checkInvariants: nothing executes twice)
                    if (executedHere) {
                        assertEquals(SubmitResult.Outcome.REPLAY, r.outcome(), "an exact replay of an executed envelope is refused");
                    }
                    assertEquals(id, r.txHash());
                }
            }
            case OVERSIZED -> {
                String big = "x".repeat(Transaction.MAX_PAYLOAD_BYTES + 1 + rnd.nextInt(1000));
                Map<String, Object> e = envelope(c.client, payload(c.client, "pressure", "add", Map.of("memo", big), nonce, now));
                assertEquals(SubmitResult.Outcome.INVALID, submit(node, e).outcome());
            }
            case SAME_ENVELOPE_TWO_NODES -> {
                Map<String, Object> e = envelope(c.client, payload(c.client, "pressure", "add", Map.of(), nonce, now));
                SubmitResult r1 = submit(node, e);
                submit(c.node(rnd.nextInt(4)), new TreeMap<>(e));
                assertEquals(SubmitResult.Outcome.ACCEPTED, r1.outcome(), r1.reason());
                accepted.add(e);
            }
            case REGISTRATION_TWO_KEYS -> {
                SigningKey fresh = SigningKey.generate(LocalCluster.SUITE.signature(), keys);
                byte[] p = payload(fresh, "registry", "requestRegistration",
                        Map.of("org", "bank", "name", "n" + nonce, "roles", List.of("COMMERCIAL_BANK")), nonce, now);
                submit(node, envelope(fresh, p));
                assertEquals(SubmitResult.Outcome.INVALID,
                        submit(c.node(rnd.nextInt(4)), envelope(SigningKey.generate(LocalCluster.SUITE.signature(), keys), p)).outcome());
            }
            case FLIPPED_SIGNATURE -> {
                Map<String, Object> e = envelope(c.client, payload(c.client, "pressure", "add", Map.of(), nonce, now));
                byte[] sig = Base64Url.decode((String) e.get("signature"), "signature");
                sig[rnd.nextInt(sig.length)] ^= (byte) (1 << rnd.nextInt(8));
                e.put("signature", Base64Url.encode(sig));
                assertNotEquals(SubmitResult.Outcome.ACCEPTED, submit(node, e).outcome());
            }
            case FLIPPED_PAYLOAD -> {
                byte[] p = payload(c.client, "pressure", "add", Map.of(), nonce, now);
                Map<String, Object> e = envelope(c.client, p);
                byte[] changed = p.clone();
                int at = changed.length - 3 - rnd.nextInt(4); // inside the timestamp digits
                changed[at] = (byte) (changed[at] == '1' ? '2' : '1');
                e.put("payload", Base64Url.encode(changed));
                assertNotEquals(SubmitResult.Outcome.ACCEPTED, submit(node, e).outcome());
            }
            case TRUNCATED_SIGNER -> {
                Map<String, Object> e = envelope(c.client, payload(c.client, "pressure", "add", Map.of(), nonce, now));
                byte[] signer = Base64Url.decode((String) e.get("signer"), "signer");
                e.put("signer", Base64Url.encode(java.util.Arrays.copyOf(signer, signer.length - 1 - rnd.nextInt(8))));
                assertEquals(SubmitResult.Outcome.INVALID, submit(node, e).outcome());
            }
            case NON_OBJECT_ARGS -> {
                TreeMap<String, Object> p = new TreeMap<>();
                p.put("chain", LocalCluster.CHAIN);
                p.put("contract", "pressure");
                p.put("method", "add");
                p.put("args", rnd.nextBoolean() ? List.of(1, 2) : "A");
                p.put("nonce", nonce);
                p.put("timestamp", now);
                p.put("signer", Base64Url.encode(c.client.publicKey().raw()));
                SubmitResult r = submit(node, envelope(c.client, Json.write(p).getBytes(StandardCharsets.UTF_8)));
                assertNotEquals(SubmitResult.Outcome.ACCEPTED, r.outcome(), "args must be an object");
            }
            case WITHOUT_SIGNER -> {
                // a payload that does not name its key could be re-signed by anyone while pending: never ordered
                SubmitResult r = submit(node, envelope(c.client, payload(null, "pressure", "add", Map.of(), nonce, now)));
                assertEquals(SubmitResult.Outcome.INVALID, r.outcome(), r.reason());
            }
            default -> throw new AssertionError(a);
        }
    }

    private SubmitResult submit(ChainRuntime node, Map<String, Object> envelope) {
        SubmitResult r = node.submit(envelope).join();
        if (r.outcome() != SubmitResult.Outcome.ACCEPTED && (r.reason() == null || r.reason().isBlank())) {
            refusalsWithoutReason.add(r.outcome() + " for " + envelope);
        }
        return r;
    }

    private static byte[] payload(SigningKey signer, String contract, String method, Map<String, ?> args, String nonce, long ts) {
        return RedTeam11ClusterTest.payload(signer, contract, method, args, nonce, ts);
    }

    private static Map<String, Object> envelope(SigningKey key, byte[] payload) {
        return RedTeam11ClusterTest.envelope(key, payload);
    }

    /**
     * Waits until no node has anything pending and all are at one height, twice in a row 100 ms apart (a submission
     * may still be in a node's inbox when its status says nothing is pending), or fails naming who is not.
     */
    private static void awaitQuiet(LocalCluster c) throws InterruptedException {
        long deadline = System.currentTimeMillis() + 60_000;
        int quietPolls = 0;
        while (true) {
            boolean quiet = true;
            long h = c.height(0);
            for (int i = 0; i < 4; i++) {
                ChainRuntime.Status st = c.node(i).status();
                assertNull(st.failure(), "node" + i + " stopped: " + st.failure());
                quiet &= st.pending() == 0 && c.height(i) == h;
            }
            quietPolls = quiet ? quietPolls + 1 : 0;
            if (quietPolls >= 2) {
                return;
            }
            if (System.currentTimeMillis() > deadline) {
                List<String> s = new ArrayList<>();
                for (int i = 0; i < 4; i++) {
                    s.add("node" + i + " h=" + c.height(i) + " pending=" + c.node(i).status().pending());
                }
                throw new AssertionError("the nodes did not settle: " + s);
            }
            Thread.sleep(quiet ? 100 : 20);
        }
    }

    private static void checkInvariants(LocalCluster c, String where) {
        List<CertifiedBlock> reference = c.chain(0);
        Set<String> hashes = new HashSet<>();
        Set<String> replayKeys = new HashSet<>();
        for (CertifiedBlock cb : reference) {
            for (Transaction t : cb.block().transactions()) {
                assertTrue(t.verifySignature(), where + ": executed a transaction whose signature does not verify: " + t.hashHex());
                assertTrue(hashes.add(t.hashHex()), where + ": transaction " + t.hashHex() + " executed twice");
                assertTrue(replayKeys.add(t.replayKey()), where + ": (signer, nonce) " + t.replayKey() + " executed twice");
            }
        }
        for (int i = 1; i < 4; i++) {
            // Agreement on the common prefix: a block may commit on one node while the others are being read.
            List<CertifiedBlock> other = c.chain(i);
            for (int h = 0; h < Math.min(reference.size(), other.size()); h++) {
                assertTrue(java.util.Arrays.equals(reference.get(h).block().encode(), other.get(h).block().encode()),
                        where + ": node" + i + " holds another block (header or body) at height " + (h + 1));
            }
        }
        for (int i = 0; i < 4; i++) {
            for (CertifiedBlock cb : reference) {
                for (TransactionRecord r : c.ledgers.get(i).transactionsOf(LocalCluster.CHAIN, cb.height())) {
                    assertFalse(r.result() != null && r.result().isEmpty(), where + ": empty result stored");
                }
            }
        }
    }

    private static SecureRandom seeded(long seed) throws NoSuchAlgorithmException {
        SecureRandom r = SecureRandom.getInstance("SHA1PRNG");
        r.setSeed(seed);
        return r;
    }
}
