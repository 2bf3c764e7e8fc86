package org.fundchain.node;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

import org.junit.jupiter.api.Test;

/** Red team (session 5, issue 11): the rebuilt submit path — every submission a final answer, no state left behind. */
class RedTeam11SubmitTest {

    /**
     * A client sends its transaction to node1, then — retrying, or to be safe — the same envelope to node2 after
     * node1's gossip put it in node2's mempool. Node2's core answers the echo with nothing (neither taken nor refused),
     * so node2 reports ACCEPTED and holds it; but the core's copy came from gossip, and when it expires the core tells
     * no client. Node1's client hears "expired"; node2 kept the id PENDING for ever (and its (signer, nonce), bytes
     * and — for a registration request — the key's one slot). Two members are down, so nothing can commit.
     */
    @Test
    void aSubmissionTheCoreAlreadyHeldFromGossipGetsAFinalAnswerWhenItExpires() throws Exception {
        SecureRandom keys = SecureRandom.getInstance("SHA1PRNG");
        keys.setSeed(1101L);
        try (LocalCluster c = new LocalCluster(keys)) {
            c.live.remove("node0").stop();
            c.live.remove("node3").stop(); // no quorum from here on
            long maxAge = c.node(1).setup().consensus().maxTxAgeMs();
            // dated so that it expires in a few seconds
            byte[] p = RedTeam11ClusterTest.payload(c.client, "pressure", "add", Map.of(), "echo-1",
                    System.currentTimeMillis() - maxAge + 3_000);
            Map<String, Object> env = RedTeam11ClusterTest.envelope(c.client, p);
            SubmitResult first = c.node(1).submit(env).join();
            assertEquals(SubmitResult.Outcome.ACCEPTED, first.outcome(), first.reason());
            String id = first.txHash();
            SubmitRaceTest.awaitTrue(() -> c.node(2).status().pending() == 1, "node1's gossip reaches node2's mempool");
            SubmitResult again = c.node(2).submit(env).join();
            if (again.isAccepted()) {
                assertTrue(c.node(2).tracker().isPending(id));
            }
            SubmitRaceTest.awaitTrue(() -> "REJECTED".equals(SubmitRaceTest.status(c, 1, id)), "node1's client hears it expired");
            SubmitRaceTest.awaitTrue(() -> c.node(2).status().pending() == 0, "node2's core dropped it too");
            SubmitRaceTest.awaitTrue(() -> !"PENDING".equals(SubmitRaceTest.status(c, 2, id)),
                    "node2 answers its client finally (it answered " + again + ")");
            assertEquals(0, c.node(2).tracker().pendingCount(), "node2 holds nothing");
        }
    }

    /**
     * Anyone may long-poll {@code GET /transactions/{hash}?waitMs=..} for any hash, unsigned. A poll that timed out
     * left its waiter in the tracker's map for good (it was completed by its own timeout, and only undone waiters
     * were dropped): one map entry per request, for ever — and the next poll of that hash found the timed-out waiter
     * and answered at once, so a client long-polling a slow transaction spun.
     */
    @Test
    void aTimedOutLongPollLeavesNothingBehindAndTheNextOneWaitsAgain() throws Exception {
        TxTracker t = new TxTracker(10, 1 << 20, 2);
        List<CompletableFuture<Void>> polls = new ArrayList<>();
        for (int i = 0; i < 500; i++) {
            polls.add(t.waitFor(String.format("%064x", i), 1));
        }
        CompletableFuture.allOf(polls.toArray(CompletableFuture[]::new)).join();
        // A poll leaves the map in its own completion callback, which may run just after allOf's (dependents of one
        // future run in turn on the timer thread): wait for the map to empty, it must not keep any.
        SubmitRaceTest.awaitTrue(() -> t.waiterCount() == 0, "every poll timed out; none may stay");
        assertEquals(0, t.waiterCount(), "every poll timed out; none may stay");

        String slow = String.format("%064x", 7);
        CompletableFuture<Void> second = t.waitFor(slow, 60_000);
        assertFalse(second.isDone(), "a new poll of a hash whose earlier poll timed out waits again");
        t.expired(slow, "x"); // not held: no news
        assertFalse(second.isDone());

        // two polls of one transaction: its commit wakes both and leaves nothing
        org.fundchain.ledger.Transaction tx = org.fundchain.ledger.Transaction.fromApiJson(LocalCluster.SUITE.hash(),
                RedTeam11ClusterTest.envelope(org.fundchain.crypto.SigningKey.generate(LocalCluster.SUITE.signature(),
                        new SecureRandom(new byte[] {5})), RedTeam11ClusterTest.payload(null, "pressure", "add", Map.of(), "n", 1L)));
        CompletableFuture<Void> a = t.waitFor(tx.hashHex(), 60_000);
        CompletableFuture<Void> b = t.waitFor(tx.hashHex(), 60_000);
        t.committed(tx);
        assertTrue(a.isDone() && b.isDone(), "a commit wakes every poll of it");
        second.complete(null); // the resource ends a poll whose answer it found itself
        assertEquals(0, t.waiterCount());
    }
}
