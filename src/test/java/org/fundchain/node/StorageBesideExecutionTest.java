package org.fundchain.node;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.security.SecureRandom;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BooleanSupplier;

import org.fundchain.consensus.Wire;
import org.fundchain.crypto.SigningKey;
import org.junit.jupiter.api.Test;

/**
 * The ledger is written beside execution ({@link LedgerWriter}): a member whose storage stalls or fails after it
 * executed blocks. Attacker: none — a slow or dying disk, or a crash between executing a block and storing it. What
 * must hold: the core hears a block executed only once it is durable, the status shows only what is stored, no
 * message that speaks for the node in a round leaves before the log of its turn is durable, a failed write stops the
 * chain with nothing half-written, and a restart recovers from the ledger and catches up.
 */
class StorageBesideExecutionTest {
    private static final SecureRandom KEYS = new SecureRandom();

    @Test
    void aMemberWhoseStorageStallsSpeaksInNoRoundAndShowsOnlyWhatIsStored() throws Exception {
        try (LocalCluster c = new LocalCluster(KEYS)) {
            String first = commit(c, "s-1");
            int slow = backup(c);
            StallingLedger disk = restartOnStallingLedger(c, slow);
            await(() -> c.node(slow).status().height() == c.height(0), "the restarted member is at the head");
            long before = c.node(slow).status().height();
            List<String> spoke = new CopyOnWriteArrayList<>();
            disk.arm();
            c.sent = (from, payload) -> {
                if (from.equals(c.ids.get(slow)) && Wire.speaksForRound(payload)) {
                    spoke.add(from);
                }
            };
            String second = submit(c, "s-2");
            await(() -> c.ledgers.get(0).transaction(LocalCluster.CHAIN, second).isPresent(), "the others commit without it");
            await(() -> disk.waiting() > 0, "the stalled member has handed a write over");
            Thread.sleep(300); // time for anything that would wrongly leave
            assertEquals(List.of(), spoke, "no proposal, vote or view change leaves before its log is durable");
            assertEquals(before, c.node(slow).status().height(), "the status shows the stored head only");
            assertTrue(c.ledgers.get(slow).transaction(LocalCluster.CHAIN, second).isEmpty());
            assertTrue(c.ledgers.get(slow).transaction(LocalCluster.CHAIN, first).isPresent());
            disk.release(false);
            await(() -> c.ledgers.get(slow).transaction(LocalCluster.CHAIN, second).isPresent(), "stored once the disk is back");
            await(() -> c.node(slow).status().height() == c.height(0), "the status follows the stored head");
            assertSameHead(c, slow);
            commit(c, "s-3"); // the chain goes on, the member with it
            await(() -> c.height(slow) == c.height(0), "the member keeps up");
        }
    }

    @Test
    void aCrashBetweenExecutingAndStoringLeavesNothingHalfWrittenAndARestartRecoversFromTheLedger() throws Exception {
        try (LocalCluster c = new LocalCluster(KEYS)) {
            commit(c, "c-1");
            int slow = backup(c);
            StallingLedger disk = restartOnStallingLedger(c, slow);
            await(() -> c.node(slow).status().height() == c.height(0), "the restarted member is at the head");
            long stored = c.height(slow);
            disk.armAppends();
            String lost = submit(c, "c-2");
            await(() -> c.ledgers.get(0).transaction(LocalCluster.CHAIN, lost).isPresent(), "the others commit");
            await(() -> disk.heldAppends() > 0, "the member executed the block and handed it to storage");
            disk.release(true); // the write never reaches the disk
            await(() -> c.node(slow).status().failure() != null, "the chain stops");
            assertNotNull(c.node(slow).status().failure());
            assertEquals(stored, c.height(slow), "nothing of the failed batch is stored");
            assertEquals(stored, c.node(slow).status().height());
            assertTrue(c.ledgers.get(slow).transaction(LocalCluster.CHAIN, lost).isEmpty());
            c.node(slow).stop();
            c.ledgerWrap.remove(slow);
            c.start(slow); // the ledger is the truth: reload it, catch up from the peers
            await(() -> c.ledgers.get(slow).transaction(LocalCluster.CHAIN, lost).isPresent(), "the lost block comes back");
            commit(c, "c-3");
            await(() -> c.height(slow) == c.height(0), "the member keeps up");
            await(() -> c.node(slow).status().height() == c.height(0), "its status too");
            assertSameHead(c, slow);
        }
    }

    /** The member's stored head and its status agree with node0's ledger (read the ledgers: a status is published after its turn). */
    private static void assertSameHead(LocalCluster c, int i) {
        var ours = c.ledgers.get(i).head(LocalCluster.CHAIN).orElseThrow();
        var theirs = c.ledgers.get(0).head(LocalCluster.CHAIN).orElseThrow();
        assertEquals(theirs.height(), ours.height());
        assertEquals(theirs.headHash(), ours.headHash());
        assertEquals(theirs.stateRoot(), ours.stateRoot());
        assertEquals(ours.stateRoot(), c.node(i).status().stateRoot(), "the status shows the stored root");
        assertEquals(ours.headHash(), c.node(i).status().headHash());
    }

    /** A member that is not the primary (the others commit without it). */
    private static int backup(LocalCluster c) {
        String primary = c.node(0).status().primaryNode();
        for (int i = 3; i >= 0; i--) {
            if (!c.ids.get(i).equals(primary)) {
                return i;
            }
        }
        throw new AssertionError();
    }

    private static StallingLedger restartOnStallingLedger(LocalCluster c, int i) {
        c.node(i).stop();
        StallingLedger[] made = new StallingLedger[1];
        c.ledgerWrap.put(i, l -> made[0] = new StallingLedger(l));
        c.start(i);
        return made[0];
    }

    private static String submit(LocalCluster c, String nonce) {
        SigningKey stranger = SigningKey.generate(LocalCluster.SUITE.signature(), KEYS);
        byte[] p = RedTeam11ClusterTest.payload(stranger, "registry", "requestRegistration",
                Map.of("org", "bank", "name", "n-" + nonce, "roles", List.of("COMMERCIAL_BANK")), nonce, System.currentTimeMillis());
        SubmitResult r = c.node(0).submit(RedTeam11ClusterTest.envelope(stranger, p)).join();
        assertEquals(SubmitResult.Outcome.ACCEPTED, r.outcome(), r.reason());
        return r.txHash();
    }

    private static String commit(LocalCluster c, String nonce) throws InterruptedException {
        String h = submit(c, nonce);
        await(() -> c.ledgers.get(0).transaction(LocalCluster.CHAIN, h).isPresent(), nonce + " commits");
        return h;
    }

    private static void await(BooleanSupplier done, String what) throws InterruptedException {
        long deadline = System.currentTimeMillis() + 30_000;
        while (!done.getAsBoolean()) {
            if (System.currentTimeMillis() > deadline) {
                throw new AssertionError("timed out: " + what);
            }
            Thread.sleep(20);
        }
    }
}
