package org.fundchain.fund;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import org.fundchain.crypto.HashAlgorithm;
import org.fundchain.crypto.SignatureAlgorithm;
import org.fundchain.crypto.SigningKey;
import org.fundchain.ledger.Transaction;
import org.fundchain.ledger.jpa.TransactionRecord;
import org.fundchain.node.TxTrackerFixture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A portal user (or a bank's pushed flow) whose command the node accepted waits for its block with the same per-wait
 * future as a REST long-poll ({@code TxTracker.waitForCommand}): woken by the commit, by a final refusal, or by its
 * own timeout, and nothing stays behind. Each waiting user is a thread, as a request thread is; the 30 s bound on
 * joining one is a liveness guard (the waits are 60 s), not a measurement.
 */
class FundCommandsWaitTest {
    private static final long WAIT = FundCommands.MAX_WAIT.toMillis();
    private final SigningKey user = SigningKey.generate(SignatureAlgorithm.ED25519, new SecureRandom(new byte[] {9}));
    private final TxTrackerFixture node = new TxTrackerFixture();
    /** The node's stored transactions. */
    private final Map<String, TransactionRecord> ledger = new ConcurrentHashMap<>();
    private final ExecutorService users = Executors.newCachedThreadPool();

    @AfterEach
    void stop() {
        users.shutdownNow();
    }

    private Transaction tx(String nonce, Map<String, ?> args) {
        return Transaction.fromApiJson(HashAlgorithm.SHA256,
                FundCommands.envelope(user, "main", "project", "approve", args, nonce, 1_700_000_000_000L));
    }

    private CompletableFuture<CommandResult> waiting(Transaction t, long waitMs) throws InterruptedException {
        int before = node.waitedOn();
        CompletableFuture<CommandResult> r = CompletableFuture.supplyAsync(
                () -> FundCommands.awaitOutcome(node.tracker, t.hashHex(), waitMs, h -> Optional.ofNullable(ledger.get(h))), users);
        for (int i = 0; i < 10_000 && node.waitedOn() == before && !r.isDone(); i++) {
            Thread.sleep(1); // until the user waits on the tracker
        }
        assertEquals(before + 1, node.waitedOn(), "the user waits on the tracker");
        return r;
    }

    private void store(Transaction t, String status, String receipt) {
        ledger.put(t.hashHex(), new TransactionRecord("main", t.hashHex(), 1, 0, t.replayKey(), t.contract(), t.method(), status,
                receipt));
        node.committed(t);
    }

    private static CommandResult answer(CompletableFuture<CommandResult> r) throws Exception {
        return r.get(30, TimeUnit.SECONDS);
    }

    @Test
    void aCommittedCommandWakesItsUserWithTheResult() throws Exception {
        Transaction t = tx("n1", Map.of("projectId", "P000001"));
        node.hold(t);
        CompletableFuture<CommandResult> r = waiting(t, WAIT);
        store(t, "COMMITTED", "{\"result\":{\"draftId\":\"D000001\"},\"status\":\"COMMITTED\"}");
        CommandResult c = answer(r);
        assertEquals(CommandResult.Status.COMMITTED, c.status(), c.message());
        assertEquals("D000001", c.resultObject().get("draftId"));
        assertEquals(0, node.waitedOn(), "nothing stays behind");
    }

    @Test
    void aCommandTheContractRefusedWakesItsUserRejected() throws Exception {
        Transaction t = tx("n1", Map.of());
        node.hold(t);
        CompletableFuture<CommandResult> r = waiting(t, WAIT);
        store(t, "REJECTED", "{\"errorCode\":\"FORBIDDEN\",\"errorMessage\":\"role may not\",\"status\":\"REJECTED\"}");
        CommandResult c = answer(r);
        assertEquals(CommandResult.Status.REJECTED, c.status());
        assertEquals("FORBIDDEN", c.code());
        assertEquals("role may not", c.message());
    }

    @Test
    void aCommandThatLostItsNonceOrExpiredWakesItsUserRefused() throws Exception {
        Transaction mine = tx("n1", Map.of());
        Transaction winner = tx("n1", Map.of("projectId", "P000002")); // the same (signer, nonce), another payload
        node.hold(mine);
        CompletableFuture<CommandResult> lost = waiting(mine, WAIT);
        store(winner, "COMMITTED", "{\"result\":{},\"status\":\"COMMITTED\"}");
        CommandResult c = answer(lost);
        assertEquals(CommandResult.Status.REFUSED, c.status());
        assertTrue(c.message().contains(winner.hashHex()), c.message());

        Transaction old = tx("n2", Map.of());
        node.hold(old);
        CompletableFuture<CommandResult> expired = waiting(old, WAIT);
        node.expired(old.hashHex(), "expired: not ordered within maxTxAge of its timestamp");
        assertEquals(CommandResult.Status.REFUSED, answer(expired).status());
        assertEquals(0, node.waitedOn());
    }

    @Test
    void aCommandNotYetCommittedAtTheEndOfItsWaitIsPendingAndLeavesNothing() throws Exception {
        Transaction t = tx("n1", Map.of());
        node.hold(t);
        CommandResult c = answer(CompletableFuture.supplyAsync(
                () -> FundCommands.awaitOutcome(node.tracker, t.hashHex(), 20, h -> Optional.ofNullable(ledger.get(h))), users));
        assertEquals(CommandResult.Status.PENDING, c.status());
        assertEquals(0, node.waitedOn(), "a timed-out wait leaves the tracker");
        assertEquals(CommandResult.Status.PENDING, FundCommands.awaitOutcome(node.tracker, t.hashHex(), 0,
                h -> Optional.ofNullable(ledger.get(h))).status(), "no wait: what is known now");

        store(t, "COMMITTED", "{\"result\":{},\"status\":\"COMMITTED\"}");
        assertEquals(CommandResult.Status.COMMITTED, FundCommands.awaitOutcome(node.tracker, t.hashHex(), WAIT,
                h -> Optional.ofNullable(ledger.get(h))).status(), "already stored: answered by the first look");
        assertEquals(0, node.waitedOn());
    }

    /** Attacker: anyone on the network, long-polling unsigned until the polls' bound is full. */
    @Test
    void anonymousLongPollsFillingTheirBoundDoNotCutAUsersWait() throws Exception {
        List<CompletableFuture<Void>> polls = new ArrayList<>();
        for (int i = 0; i < 10_000; i++) {
            polls.add(node.tracker.waitFor(String.format("%064x", i), WAIT));
        }
        assertTrue(node.tracker.waitFor("ab".repeat(32), WAIT).isDone(), "the polls' bound is full");
        Transaction t = tx("n1", Map.of());
        node.hold(t);
        CompletableFuture<CommandResult> r = waiting(t, WAIT);
        store(t, "COMMITTED", "{\"result\":{},\"status\":\"COMMITTED\"}");
        assertEquals(CommandResult.Status.COMMITTED, answer(r).status());
        polls.forEach(p -> p.complete(null));
        assertEquals(0, node.waitedOn());
    }
}
