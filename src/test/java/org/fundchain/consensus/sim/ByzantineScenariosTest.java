package org.fundchain.consensus.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Collections;

import org.fundchain.consensus.PrimaryPolicy;
import org.fundchain.ledger.BlockHeader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Targeted attacks. The simulator itself fails a run on divergence, double execution or lost liveness. */
class ByzantineScenariosTest {

    static long proposedBy(Simulation.Result r, int member, int from) {
        long k = 0;
        for (BlockHeader h : r.chain.subList(Math.min(from, r.chain.size()), r.chain.size())) {
            if (h.proposer() == member) {
                k++;
            }
        }
        return k;
    }

    @ParameterizedTest
    @EnumSource(value = Simulation.Byzantine.class, names = {"EQUIVOCATE", "TWINS"})
    void equivocatingPrimaryNeverCausesDivergentCommits(Simulation.Byzantine kind) {
        int equivocations = 0;
        for (long seed = 1; seed <= 40; seed++) {
            Simulation.Options o = Simulation.Options.seed(seed);
            o.n = seed % 2 == 0 ? 4 : 7;
            o.byzantine = kind;
            o.byzantineMember = (int) (seed % o.n);
            o.drop = (seed % 4) * 0.05;
            o.maxDelayMs = 5 + (int) (seed % 40);
            o.policy = seed % 3 == 0 ? PrimaryPolicy.ROTATION : PrimaryPolicy.CREDIT;
            equivocations += Simulation.run(o).equivocations; // agreement is asserted inside, per commit
        }
        assertTrue(equivocations >= 20, "the attack must actually happen: only " + equivocations + " conflicting proposals");
    }

    @Test
    void checkpointsStabiliseAndEveryExecutedTransactionIsAnsweredBySignedReplies() {
        Simulation.Options o = Simulation.Options.seed(99);
        o.txCount = 80;
        o.drop = 0.1;
        o.crash = true;
        Simulation.Result r = Simulation.run(o); // a checkpoint that disagrees with executed state fails the run
        assertTrue(r.stableCheckpoint >= o.checkpointInterval, "stable checkpoint " + r.stableCheckpoint);
        assertTrue(r.replies >= 3L * 80, "every honest replica replies to every transaction it executed: " + r.replies);
    }

    @Test
    void invalidOrReplayedTransactionsInABlockAreRefused() {
        int attempts = 0;
        for (long seed = 1; seed <= 20; seed++) {
            Simulation.Options o = Simulation.Options.seed(seed);
            o.byzantine = Simulation.Byzantine.BAD_BLOCK;
            o.byzantineMember = (int) (seed % 4);
            Simulation.Result r = Simulation.run(o); // a bad signature or double execution fails the run
            attempts += r.equivocations;
            assertEquals(0, proposedBy(r, o.byzantineMember, 0), "no block from the bad primary may commit");
        }
        assertTrue(attempts > 10);
    }

    @ParameterizedTest
    @EnumSource(PrimaryPolicy.class)
    void silentPrimaryIsReplacedAndCommitsResume(PrimaryPolicy policy) {
        for (long seed = 1; seed <= 10; seed++) {
            Simulation.Options o = Simulation.Options.seed(seed);
            o.policy = policy;
            o.byzantine = Simulation.Byzantine.SILENT;
            o.byzantineMember = (int) (seed % 4);
            o.txCount = 40;
            Simulation.Result r = Simulation.run(o); // liveness: every transaction commits after the heal
            assertEquals(0, proposedBy(r, o.byzantineMember, 0), "a silent member proposes nothing");
            assertTrue(r.viewChanges > 0, "the silent primary must have been elected and voted out");
            assertTrue(r.chain.size() >= 5, "commits resume: " + r.chain.size() + " blocks");
        }
    }

    @ParameterizedTest
    @EnumSource(PrimaryPolicy.class)
    void censoredClientCommitsWithinBoundedBlocks(PrimaryPolicy policy) {
        for (long seed = 1; seed <= 10; seed++) {
            Simulation.Options o = Simulation.Options.seed(seed);
            o.policy = policy;
            o.byzantine = Simulation.Byzantine.CENSOR;
            o.byzantineMember = (int) (seed % 4);
            o.censoredClient = 0;
            o.clients = 2;
            o.txCount = 60;
            o.drop = 0.05;
            Simulation.Result r = Simulation.run(o);
            assertTrue(r.censoredWaits.size() > 5, "censored client must have submitted");
            long worst = Collections.max(r.censoredWaits);
            assertTrue(worst <= 8, "censored transaction waited " + worst + " blocks (seed " + seed + ")");
        }
    }
}
