package org.fundchain.node;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
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
        CompletableFuture<Void> waiting = t.waitForCommand(mine.hashHex(), 60_000);
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

    /**
     * Attacker: anyone on the network — long-polls need no signature. Filling {@link TxTracker#MAX_POLLS} must not make
     * the waits of this node's own signed-in callers (portal, pushed flows) answer at once; and those have their own
     * bound, so neither kind of caller can hold unbounded futures.
     */
    @Test
    void longPollsAndCommandWaitsHaveTheirOwnBounds() {
        TxTracker t = new TxTracker(10, 1 << 20, 2);
        List<CompletableFuture<Void>> held = new ArrayList<>();
        for (int i = 0; i < TxTracker.MAX_POLLS; i++) {
            held.add(t.waitFor(String.format("%064x", i), 60_000));
        }
        assertTrue(t.waitFor("ab".repeat(32), 60_000).isDone(), "one poll too many answers at once");
        for (int i = 0; i < TxTracker.MAX_COMMAND_WAITS; i++) {
            CompletableFuture<Void> w = t.waitForCommand(String.format("c%063x", i), 60_000);
            assertFalse(w.isDone(), "a command wait waits however many anonymous polls there are");
            held.add(w);
        }
        assertTrue(t.waitForCommand("cd".repeat(32), 60_000).isDone(), "one command wait too many answers at once");
        held.remove(held.size() - 1).complete(null); // a caller that found its answer leaves
        CompletableFuture<Void> again = t.waitForCommand("cd".repeat(32), 60_000);
        assertFalse(again.isDone(), "a freed place is free again");
        held.add(again);
        held.forEach(f -> f.complete(null));
        assertEquals(0, t.waiterCount(), "nothing stays behind");
    }
}
