package org.fundchain.node;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

/**
 * Issue 11 (submit path): a racing duplicate must get one clear final answer, and a transaction's status on a node
 * never goes back from a final state. Two of four members are stopped while the race is set up, so nothing can
 * commit until they come back: no timing decides what the test sees.
 */
class SubmitRaceTest {

    /**
     * One envelope (one transaction id) sent to two nodes, as a client retries: the first reaches node1, and node1's
     * gossip puts it in node2's mempool; then the retry reaches node2, which accepts it again (the same transaction)
     * and reports it PENDING, then COMMITTED — never REJECTED on the way. Before the submit-path rebuild, the same
     * payload re-signed by another key got 202 and the id was then reported REJECTED, then COMMITTED; since payloads
     * must name their signer (SubmitGate.NO_SIGNER), that copy is refused as INVALID before anything is recorded.
     */
    @Test
    void aRetriedEnvelopeIsPendingThenCommittedAndNeverReportedRejected() throws Exception {
        SecureRandom keys = SecureRandom.getInstance("SHA1PRNG");
        keys.setSeed(1211L);
        try (LocalCluster c = new LocalCluster(keys)) {
            c.live.remove("node0").stop();
            c.live.remove("node3").stop(); // no quorum from here on
            byte[] p = RedTeam11ClusterTest.payload(c.client, "pressure", "add", Map.of(), "race-1", System.currentTimeMillis());
            SubmitResult first = c.node(1).submit(RedTeam11ClusterTest.envelope(c.client, p)).join();
            assertEquals(SubmitResult.Outcome.ACCEPTED, first.outcome(), first.reason());
            String id = first.txHash();
            awaitTrue(() -> c.node(2).status().pending() == 1, "node1's gossip reaches node2's mempool");

            // the client retries the same envelope at node2 (the payload names its key: nobody else can sign it)
            SubmitResult second = c.node(2).submit(RedTeam11ClusterTest.envelope(c.client, p)).join();
            List<String> seen = new ArrayList<>();
            seen.add(status(c, 2, id));
            // the same transaction, pending: accepted again (a retry), never a second execution
            assertEquals(SubmitResult.Outcome.ACCEPTED, second.outcome(), "a retry of a pending envelope: " + second);
            assertEquals(id, second.txHash());

            c.start(0);
            c.start(3);
            awaitTrue(() -> c.ledgers.get(2).transaction(LocalCluster.CHAIN, id).isPresent(), "the first commits");
            seen.add(status(c, 2, id));
            assertEquals(List.of("PENDING", "COMMITTED"), seen, "statuses node2 reported for " + id);
        }
    }

    /**
     * One (signer, nonce), two payloads, two nodes that have not heard of each other's: both cores take theirs. Once
     * the members are back, exactly one executes; the other's node answers it finally REJECTED (it lost its nonce),
     * and that answer never changes.
     */
    @Test
    void bothSidesOfASignerNonceRaceGetOneFinalAnswerEach() throws Exception {
        SecureRandom keys = SecureRandom.getInstance("SHA1PRNG");
        keys.setSeed(1212L);
        try (LocalCluster c = new LocalCluster(keys)) {
            c.live.remove("node0").stop();
            c.live.remove("node3").stop();
            ChainRuntime node2 = c.live.remove("node2"); // hears nothing from node1 for now
            long now = System.currentTimeMillis();
            byte[] px = RedTeam11ClusterTest.payload(c.client, "pressure", "add", Map.of(), "race-2", now);
            byte[] py = RedTeam11ClusterTest.payload(c.client, "pressure", "add", Map.of("account", "B"), "race-2", now);
            SubmitResult x = c.node(1).submit(RedTeam11ClusterTest.envelope(c.client, px)).join();
            SubmitResult y = node2.submit(RedTeam11ClusterTest.envelope(c.client, py)).join();
            assertEquals(SubmitResult.Outcome.ACCEPTED, x.outcome(), x.reason());
            assertEquals(SubmitResult.Outcome.ACCEPTED, y.outcome(), y.reason());
            c.live.put("node2", node2);
            c.start(0);
            c.start(3);
            awaitTrue(() -> !"PENDING".equals(status(c, 1, x.txHash())) && !"PENDING".equals(status(c, 2, y.txHash())),
                    "both holders know the outcome");
            List<String> answers = List.of(status(c, 1, x.txHash()), status(c, 2, y.txHash()));
            assertTrue(answers.equals(List.of("COMMITTED", "REJECTED")) || answers.equals(List.of("REJECTED", "COMMITTED")),
                    "one winner, one final loser: " + answers);
            String loser = answers.get(0).equals("REJECTED") ? x.txHash() : y.txHash();
            int loserNode = loser.equals(x.txHash()) ? 1 : 2;
            assertTrue(c.node(loserNode).tracker().refusal(loser).startsWith("replay: transaction "),
                    c.node(loserNode).tracker().refusal(loser));
            // later blocks change nothing for the loser
            byte[] later = RedTeam11ClusterTest.payload(c.clerk, "pressure", "add", Map.of(), "after-race", System.currentTimeMillis());
            String after = c.node(0).submit(RedTeam11ClusterTest.envelope(c.clerk, later)).join().txHash();
            awaitTrue(() -> c.ledgers.get(loserNode).transaction(LocalCluster.CHAIN, after).isPresent(), "a later block");
            assertEquals("REJECTED", status(c, loserNode, loser));
            for (int i = 0; i < 4; i++) {
                assertTrue(c.ledgers.get(i).transaction(LocalCluster.CHAIN, loser).isEmpty(), "the loser never executes");
            }
        }
    }

    /** What node i reports for a transaction, as the status endpoint does: ledger first, then the tracker. */
    static String status(LocalCluster c, int i, String txHash) {
        if (c.ledgers.get(i).transaction(LocalCluster.CHAIN, txHash).isPresent()) {
            return "COMMITTED";
        }
        TxTracker t = c.node(i).tracker();
        return t.refusal(txHash) != null ? "REJECTED" : t.isPending(txHash) ? "PENDING" : "UNKNOWN";
    }

    static void awaitTrue(java.util.function.BooleanSupplier condition, String what) throws InterruptedException {
        for (int i = 0; i < 3000 && !condition.getAsBoolean(); i++) {
            Thread.sleep(10);
        }
        assertTrue(condition.getAsBoolean(), "timed out: " + what);
    }
}
