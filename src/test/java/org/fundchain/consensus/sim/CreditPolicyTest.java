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
        assertTrue(r.finalScores[o.byzantineMember] < 2 * org.fundchain.consensus.CreditScores.SCALE, "censor's score stays low");
        assertTrue(share <= 0.05, "censoring member proposed " + share + " of blocks after warm-up");
    }

    @Test
    void rotationGivesTheCensorItsFullShare() {
        // The control: without credit the censor keeps proposing one block in N.
        Simulation.Options o = CreditScenarios.censoring(PrimaryPolicy.ROTATION, 11, 400);
        Simulation.Result r = Simulation.run(o);
        double share = CreditScenarios.share(r, o.byzantineMember);
        assertTrue(share > 0.2, "rotation share " + share);
    }

    @Test
    void benignLossKeepsEveryHonestMembersShare() {
        Simulation.Options o = CreditScenarios.benign(PrimaryPolicy.CREDIT, 5, 1000);
        Simulation.Result r = Simulation.run(o);
        assertTrue(r.chain.size() >= 800, "run too short: " + r.chain.size());
        for (int m = 0; m < o.n; m++) {
            double share = CreditScenarios.share(r, m);
            System.out.printf(java.util.Locale.ROOT, "benign 10%% loss: member %d share %.3f%n", m, share);
            assertTrue(share >= 0.5 / o.n, "member " + m + " proposed only " + share + " of blocks");
        }
    }
}
