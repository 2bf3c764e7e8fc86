package org.fundchain.consensus.sim;

import static org.junit.jupiter.api.Assertions.assertTrue;

import org.fundchain.consensus.PrimaryPolicy;
import org.junit.jupiter.api.Test;

/** Credit scoring against a censoring member, and its fairness under benign faults. */
class CreditPolicyTest {

    @Test
    void censoringMemberLosesItsShareUnderCredit() {
        Simulation.Options o = CreditScenarios.censoring(PrimaryPolicy.CREDIT, 11, 1800);
        Simulation.Result r = Simulation.run(o);
        assertTrue(r.chain.size() >= 1200, "run too short: " + r.chain.size());
        double share = CreditScenarios.share(r, o.byzantineMember);
        System.out.printf(java.util.Locale.ROOT, "credit: censor share %.3f over %d blocks after warm-up; scores %s%n", share,
                r.chain.size() - CreditScenarios.WARMUP_BLOCKS, java.util.Arrays.toString(r.finalScores));
        long honestMin = Long.MAX_VALUE;
        for (int m = 0; m < o.n; m++) {
            if (m != o.byzantineMember) {
                honestMin = Math.min(honestMin, r.finalScores[m]);
            }
        }
        // Blame comes only from evidence (its proposals refused on proof: a failed view), so a block it happens to
        // propose while nothing provable is pending lifts it for a while (the score is a sliding window, and this is
        // its value at the run's last block); it stays below every honest member, and its share is what it lost.
        assertTrue(r.finalScores[o.byzantineMember] < honestMin, "censor's score stays low: " + java.util.Arrays.toString(r.finalScores));
        assertTrue(share <= 0.05, "censoring member proposed " + share + " of blocks after warm-up");
    }

    @Test
    void underRotationTheCensorKeepsItsTurnButItsCensoringBlocksAreRefused() {
        // The control: rotation never demotes the censor, and as the next height starts at the view the last one
        // ended in, the censor leads the first view of every height after its first failure. Honest backups refuse
        // its proposals on proof (transactions they gave it a grace period before, left out), so each height costs a
        // view change: the chain moves on, below the offered load (hence no liveness requirement here).
        Simulation.Options o = CreditScenarios.censoring(PrimaryPolicy.ROTATION, 11, 400);
        o.requireLiveness = false;
        Simulation.Result r = Simulation.run(o);
        double share = CreditScenarios.share(r, o.byzantineMember);
        System.out.printf(java.util.Locale.ROOT, "rotation: censor share %.3f, %d blocks, %d view changes%n", share, r.chain.size(), r.viewChanges);
        assertTrue(r.chain.size() > CreditScenarios.WARMUP_BLOCKS, "the chain moves on: " + r.chain.size());
        assertTrue(share < 0.1, "rotation share " + share);
        assertTrue(r.viewChanges > r.chain.size() / 4, "its turns end in view changes: " + r.viewChanges);
    }

    @Test
    void benignLossKeepsEveryHonestMembersShare() {
        Simulation.Options o = CreditScenarios.benign(PrimaryPolicy.CREDIT, 5, 1000);
        Simulation.Result r = Simulation.run(o);
        // (fewer, fuller blocks than wanted: a lost gossip now and then makes a backup refuse, and a round fail)
        assertTrue(r.chain.size() >= 700, "run too short: " + r.chain.size());
        for (int m = 0; m < o.n; m++) {
            double share = CreditScenarios.share(r, m);
            System.out.printf(java.util.Locale.ROOT, "benign 10%% loss: member %d share %.3f%n", m, share);
            assertTrue(share >= 0.5 / o.n, "member " + m + " proposed only " + share + " of blocks");
        }
    }
}
