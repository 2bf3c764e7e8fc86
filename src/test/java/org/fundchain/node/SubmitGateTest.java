package org.fundchain.node;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.UnaryOperator;

import org.fundchain.api.ApiOutcome;
import org.fundchain.codec.Json;
import org.fundchain.consensus.CommittedLedger;
import org.fundchain.consensus.ConsensusConfig;
import org.fundchain.consensus.Event;
import org.fundchain.consensus.KeySigner;
import org.fundchain.consensus.Ready;
import org.fundchain.consensus.Replica;
import org.fundchain.consensus.TransactionCheck;
import org.fundchain.crypto.SigningKey;
import org.fundchain.ledger.CertifiedBlock;
import org.fundchain.ledger.MemberKeys;
import org.fundchain.ledger.Transaction;
import org.junit.jupiter.api.Test;

/**
 * Every refusal the real consensus core can give a submission, and the outcome (and HTTP status) the client gets for
 * it. The core says what kind of refusal it is ({@link Ready.Rejected.Kind}); {@link SubmitGate#outcomeOfCoreRefusal}
 * maps the kind, never the words, so rewording a reason (or a client choosing words that end up in one) cannot turn
 * a duplicate into a 400.
 */
class SubmitGateTest {
    private static final long NOW = 1_700_000_000_000L;
    private final SecureRandom rnd = new SecureRandom(new byte[] {7});
    private final SigningKey k1 = SigningKey.generate(LocalCluster.SUITE.signature(), rnd);
    private final SigningKey k2 = SigningKey.generate(LocalCluster.SUITE.signature(), rnd);

    private Replica replica(UnaryOperator<ConsensusConfig.Builder> settings, Set<String> executedIds, TransactionCheck check) {
        List<SigningKey> nodes = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            nodes.add(SigningKey.generate(LocalCluster.SUITE.signature(), rnd));
        }
        MemberKeys members = new MemberKeys(nodes.stream().map(SigningKey::publicKey).toList());
        ConsensusConfig cfg = settings.apply(ConsensusConfig.builder(LocalCluster.CHAIN, LocalCluster.SUITE.hash(), members, 2,
                new KeySigner(nodes.get(2)), new byte[32])).build();
        CommittedLedger ledger = new CommittedLedger() {
            public long height() {
                return 0;
            }

            public CertifiedBlock block(long height) {
                return null;
            }

            public boolean containsReplayKey(String replayKey) {
                return false;
            }

            public boolean containsTxHash(String txHash) {
                return executedIds.contains(txHash);
            }
        };
        Replica r = new Replica(cfg, ledger, check, null);
        r.step(NOW, new Event.Executed(0, new byte[32], List.of()));
        return r;
    }

    private Replica replica(int maxPending) {
        return replica(b -> b.maxPending(maxPending), Set.of(), tx -> true);
    }

    private static Transaction tx(SigningKey key, byte[] payload) {
        return Transaction.fromApiJson(LocalCluster.SUITE.hash(), RedTeam11ClusterTest.envelope(key, payload));
    }

    private static byte[] payload(String nonce) {
        return RedTeam11ClusterTest.payload(null, "pressure", "add", Map.of(), nonce, NOW);
    }

    private static byte[] payload(String chain, Map<String, ?> args, String nonce, long ts) {
        TreeMap<String, Object> p = new TreeMap<>();
        p.put("chain", chain);
        p.put("contract", "pressure");
        p.put("method", "add");
        p.put("args", new TreeMap<>(args));
        p.put("nonce", nonce);
        p.put("timestamp", ts);
        return Json.write(p).getBytes(StandardCharsets.UTF_8);
    }

    /** The core's refusal of {@code t} as a submission at NOW, or null if it took it. */
    private static Ready.Rejected refusal(Replica r, Transaction t) {
        Ready.Rejected found = null;
        for (Ready.Rejected rej : r.step(NOW, new Event.Submit(t)).rejected()) {
            if (rej.txHash().equals(t.hashHex())) {
                found = rej;
            }
        }
        return found;
    }

    /** Asserts the core refuses {@code t} as {@code kind}, with a reason, and the client gets {@code outcome}/{@code http}. */
    private static void refused(Replica r, Transaction t, Ready.Rejected.Kind kind, SubmitResult.Outcome outcome, int http,
            String what) {
        Ready.Rejected rej = refusal(r, t);
        assertNotEquals(null, rej, what + ": taken");
        assertEquals(kind, rej.kind(), what + ": " + rej.reason());
        assertTrue(rej.reason() != null && !rej.reason().isBlank(), what + ": a refusal keeps its human reason");
        SubmitResult.Outcome o = SubmitGate.outcomeOfCoreRefusal(rej.kind());
        assertEquals(outcome, o, what + ": " + rej.reason());
        assertEquals(http, ApiOutcome.of(o).status, what);
    }

    @Test
    void duplicatesOfPendingOrExecutedAreReplaysAndAFullMempoolIsMempoolFull() {
        Replica r = replica(2);
        byte[] p = payload("n1");
        assertNull(refusal(r, tx(k1, p)), "taken");
        assertNull(refusal(r, tx(k1, p)), "the very same transaction again is an echo, not a refusal");
        refused(r, tx(k2, p), Ready.Rejected.Kind.DUPLICATE, SubmitResult.Outcome.REPLAY, 409,
                "the same id under another signer, pending");
        refused(r, tx(k1, RedTeam11ClusterTest.payload(null, "pressure", "add", Map.of("account", "A"), "n1", NOW)),
                Ready.Rejected.Kind.DUPLICATE, SubmitResult.Outcome.REPLAY, 409, "the same (signer, nonce), pending");
        assertNull(refusal(r, tx(k1, payload("n2"))));
        refused(r, tx(k1, payload("n3")), Ready.Rejected.Kind.MEMPOOL_FULL, SubmitResult.Outcome.MEMPOOL_FULL, 503, "full");

        Transaction done = tx(k1, payload("n9"));
        refused(replica(b -> b, Set.of(done.hashHex()), tx -> true), tx(k2, done.payload()), Ready.Rejected.Kind.DUPLICATE,
                SubmitResult.Outcome.REPLAY, 409, "the same id, executed");
    }

    @Test
    void oversizedOutOfWindowWrongChainAndUncheckedTransactionsAreTooLargeOrInvalid() {
        Replica small = replica(b -> b.preferredMaxBytes(256).absoluteMaxBytes(512), Set.of(), tx -> true);
        refused(small, tx(k1, payload(LocalCluster.CHAIN, Map.of("note", "x".repeat(600)), "big", NOW)),
                Ready.Rejected.Kind.TOO_LARGE, SubmitResult.Outcome.TOO_LARGE, 413, "larger than AbsoluteMaxBytes");

        Replica r = replica(10);
        refused(r, tx(k1, payload(LocalCluster.CHAIN, Map.of(), "old", NOW - 60 * 60_000)), Ready.Rejected.Kind.INVALID,
                SubmitResult.Outcome.INVALID, 400, "dated an hour ago");
        refused(r, tx(k1, payload(LocalCluster.CHAIN, Map.of(), "ahead", NOW + 60 * 60_000)), Ready.Rejected.Kind.INVALID,
                SubmitResult.Outcome.INVALID, 400, "dated an hour ahead");
        refused(replica(b -> b, Set.of(), tx -> false), tx(k1, payload("n1")), Ready.Rejected.Kind.INVALID,
                SubmitResult.Outcome.INVALID, 400, "the node's check (signature, admission) fails");
        // The client names the chain and the core's reason quotes it: words chosen by the client decide nothing.
        for (String chain : List.of("other", "x (pending)", "x (executed)", "too many pending", "AbsoluteMaxBytes")) {
            refused(r, tx(k1, payload(chain, Map.of(), "c-" + chain, NOW)), Ready.Rejected.Kind.INVALID,
                    SubmitResult.Outcome.INVALID, 400, "for chain '" + chain + "'");
        }
    }

    @Test
    void aHeldTransactionThatExpiresIsReportedAsExpired() {
        long age = 60_000;
        Replica r = replica(b -> b.maxTxAgeMs(age), Set.of(), tx -> true);
        Transaction t = tx(k1, payload("n1"));
        assertNull(refusal(r, t));
        Ready rd = r.step(NOW + age + 1, new Event.Tick());
        assertEquals(1, rd.rejected().size());
        assertEquals(t.hashHex(), rd.rejected().get(0).txHash());
        assertEquals(Ready.Rejected.Kind.EXPIRED, rd.rejected().get(0).kind(), rd.rejected().get(0).reason());
    }

    @Test
    void everyKindMapsToARefusal() {
        for (Ready.Rejected.Kind k : Ready.Rejected.Kind.values()) {
            assertNotEquals(SubmitResult.Outcome.ACCEPTED, SubmitGate.outcomeOfCoreRefusal(k), k.name());
        }
    }
}
