package org.fundchain.node;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.security.SecureRandom;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

import org.fundchain.crypto.SigningKey;
import org.fundchain.ledger.Transaction;
import org.junit.jupiter.api.Test;

/** The one owner of this node's pending submissions: final states only, losers told, limits indexed. */
class TxTrackerTest {
    private static final long NOW = 1_700_000_000_000L;
    private final SecureRandom rnd = new SecureRandom(new byte[] {3});
    private final SigningKey k1 = SigningKey.generate(LocalCluster.SUITE.signature(), rnd);
    private final SigningKey k2 = SigningKey.generate(LocalCluster.SUITE.signature(), rnd);

    private static Transaction tx(SigningKey key, String nonce, Map<String, ?> args) {
        return Transaction.fromApiJson(LocalCluster.SUITE.hash(),
                RedTeam11ClusterTest.envelope(key, RedTeam11ClusterTest.payload(key, "pressure", "add", args, nonce, NOW)));
    }

    @Test
    void aSubmissionTheCoreDidNotTakeLeavesNoState() {
        TxTracker t = new TxTracker(10, 1 << 20, 2);
        Transaction a = tx(k1, "n", Map.of());
        assertNull(t.reserve(a, null));
        assertTrue(t.isPending(a.hashHex()));
        assertEquals(SubmitResult.Outcome.REPLAY, t.reserve(tx(k1, "n", Map.of("account", "A")), null).outcome(),
                "one (signer, nonce) at a time");
        t.release(a.hashHex());
        assertFalse(t.isPending(a.hashHex()));
        assertNull(t.refusal(a.hashHex()), "not taken is no final state: the id may still commit elsewhere");
        assertNull(t.reserve(a, null), "and it may be sent again");
    }

    @Test
    void theLoserOfASignerNonceRaceGetsAFinalRefusalAndItsWaiterWakes() {
        TxTracker t = new TxTracker(10, 1 << 20, 2);
        Transaction mine = tx(k1, "n", Map.of());
        Transaction winner = tx(k1, "n", Map.of("account", "A"));
        assertNull(t.reserve(mine, null));
        CompletableFuture<Void> waiting = t.await(mine.hashHex());
        t.committed(winner);
        assertTrue(waiting.isDone());
        assertFalse(t.isPending(mine.hashHex()));
        assertTrue(t.refusal(mine.hashHex()).contains(winner.hashHex()), t.refusal(mine.hashHex()));
        assertNull(t.refusal(winner.hashHex()));
        assertEquals(1, t.committedCount());
    }

    @Test
    void expiryIsFinalOnlyForWhatThisNodeHeld() {
        TxTracker t = new TxTracker(10, 1 << 20, 2);
        Transaction a = tx(k1, "n", Map.of());
        t.expired(a.hashHex(), "expired");
        assertNull(t.refusal(a.hashHex()), "not held here: nothing to say");
        assertNull(t.reserve(a, null));
        t.expired(a.hashHex(), "expired");
        assertEquals("expired", t.refusal(a.hashHex()));
        assertFalse(t.isPending(a.hashHex()));
    }

    @Test
    void registrationRequestsAreLimitedPerKeyAndInAllByIndex() {
        TxTracker t = new TxTracker(10, 1 << 20, 2);
        Transaction a = tx(k1, "a", Map.of());
        assertNull(t.reserve(a, "k1"));
        assertEquals(SubmitResult.Outcome.BUSY, t.reserve(tx(k1, "b", Map.of()), "k1").outcome(), "one per key");
        assertNull(t.reserve(tx(k2, "a2", Map.of()), "k2"));
        assertEquals(SubmitResult.Outcome.BUSY, t.reserve(tx(k2, "c", Map.of()), "k3").outcome(), "two in all");
        t.release(a.hashHex());
        assertNull(t.reserve(tx(k1, "b", Map.of()), "k1"), "released: the key may ask again");
        TxTracker one = new TxTracker(1, 1 << 20, 2);
        assertNull(one.reserve(a, null));
        assertEquals(SubmitResult.Outcome.MEMPOOL_FULL, one.reserve(tx(k2, "z", Map.of()), null).outcome());
    }
}
