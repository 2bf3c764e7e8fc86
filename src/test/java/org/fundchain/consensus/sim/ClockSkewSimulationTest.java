package org.fundchain.consensus.sim;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.fundchain.consensus.CreditScores;
import org.fundchain.consensus.PrimaryPolicy;
import org.junit.jupiter.api.Test;

/**
 * Time as an attacker bends it, in the simulator: honest clocks spread within the bound, a member whose clock is
 * beyond it, a primary that dates its blocks before their transactions, and a framing member. Every run checks,
 * besides agreement and the rest, "chain time never precedes a contained transaction's timestamp by more than the
 * grace" and "no block is dated beyond every honest clock by more than the skew" (see {@code Simulation#checkTime}).
 */
class ClockSkewSimulationTest {

    @Test
    void mixedFaultsWithSkewedClocksAndTimeBendingMembersKeepEveryInvariant() {
        List<String> failures = new ArrayList<>();
        int warps = 0;
        int runs = 0;
        for (int n : new int[] {4, 7}) {
            for (long seed = 0; seed < (n == 4 ? 120 : 60); seed++) {
                Simulation.Options o = Simulation.Options.skewed(seed, n);
                try {
                    Simulation.Result r = Simulation.run(o);
                    if (o.byzantine == Simulation.Byzantine.TIME_WARP) {
                        warps += r.equivocations;
                    }
                    runs++;
                } catch (AssertionError | RuntimeException e) {
                    failures.add(o + ": " + e.getMessage());
                }
            }
        }
        assertTrue(failures.isEmpty(), String.join("\n", failures));
        System.out.println("clock-skew suite: " + runs + " runs, " + warps + " back-dated proposals");
        assertTrue(warps > 50, "the time-warping primary must actually try: " + warps);
    }

    @Test
    void aTimeWarpingPrimaryNeverGetsABackDatedBlockCommitted() {
        int attempts = 0;
        for (long seed = 1; seed <= 20; seed++) {
            Simulation.Options o = Simulation.Options.seed(seed);
            o.byzantine = Simulation.Byzantine.TIME_WARP;
            o.byzantineMember = (int) (seed % 4);
            o.maxClockSkewMs = 1000;
            o.clockSpreadMs = 400;
            o.txCount = 40;
            o.submitUntilMs = 8000; // long enough that "after the previous block" lags the clients by seconds
            o.healAtMs = 8000;
            attempts += Simulation.run(o).equivocations; // a back-dated block that commits fails the run (TIME)
        }
        assertTrue(attempts > 10, "attempts " + attempts);
    }

    @Test
    void aTwentyNineSecondFastHonestClockCostsNobodyCreditOrShare() {
        Simulation.Options o = CreditScenarios.censoring(PrimaryPolicy.CREDIT, 3, 500);
        o.byzantine = Simulation.Byzantine.NONE;
        o.clockOffsetMs.put(1, 29_000L);
        Simulation.Result r = Simulation.run(o);
        for (int m = 0; m < o.n; m++) {
            assertTrue(r.finalScores[m] >= 9 * CreditScores.SCALE, "member " + m + ": " + Arrays.toString(r.finalScores));
            assertTrue(CreditScenarios.share(r, m) >= 0.5 / o.n, "member " + m + " share " + CreditScenarios.share(r, m));
        }
    }

    @Test
    void aFramingMemberLowersNoHonestScore() {
        for (long seed = 1; seed <= 2; seed++) {
            Simulation.Options o = CreditScenarios.framing(PrimaryPolicy.CREDIT, seed, 500);
            Simulation.Result r = Simulation.run(o);
            for (int m = 0; m < o.n; m++) {
                if (m != o.framer) {
                    assertTrue(r.finalScores[m] >= 9 * CreditScores.SCALE, "honest member " + m + " framed: " + Arrays.toString(r.finalScores));
                    assertTrue(CreditScenarios.share(r, m) >= 0.5 / o.n, "member " + m + " share " + CreditScenarios.share(r, m));
                }
            }
        }
    }
}
