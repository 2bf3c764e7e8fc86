package org.fundchain.consensus.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The bulk seeded suite: 1,000 runs (600 with N = 4, 400 with N = 7) with mixed faults (loss up to 30%, duplication, delay/reordering,
 * partitions that heal, crash/restart, Byzantine members of every kind: one for N = 4, two for N = 7). Every
 * run checks agreement, no double execution, valid certificates and signatures on every commit, and
 * liveness after the heal. A failure prints the seed; {@code SimDebug <seed> <n> mixed} replays it.
 */
class SimulationSuiteTest {
    private static final int CHUNK = 100;

    private static void runChunk(int n, int chunk) {
        List<String> failures = new ArrayList<>();
        int newViews = 0;
        int reproposals = 0;
        for (long seed = chunk * (long) CHUNK; seed < (chunk + 1L) * CHUNK; seed++) {
            try {
                Simulation.Result r = Simulation.run(Simulation.Options.mixed(seed, n));
                newViews += r.newViews;
                reproposals += r.reproposals;
            } catch (AssertionError | RuntimeException e) {
                failures.add("seed " + seed + " (replay: SimDebug " + seed + " " + n + " mixed): " + e.getMessage());
            }
        }
        assertTrue(failures.isEmpty(), String.join("\n", failures));
        // The faults must actually drive the protocol through view changes that carry prepared blocks.
        assertTrue(newViews > 20 && reproposals > 0, newViews + " view changes, " + reproposals + " re-proposals");
    }

    @ParameterizedTest(name = "N=4 seeds {0}00..{0}99")
    @ValueSource(ints = {0, 1, 2, 3, 4, 5})
    void fourReplicasOneFaulty(int chunk) {
        runChunk(4, chunk);
    }

    @ParameterizedTest(name = "N=7 seeds {0}00..{0}99")
    @ValueSource(ints = {0, 1, 2, 3})
    void sevenReplicas(int chunk) {
        runChunk(7, chunk);
    }

    @Test
    void aSeedReplaysExactly() {
        for (long seed : new long[] {7, 123, 4242}) {
            Simulation.Result a = Simulation.run(Simulation.Options.mixed(seed, 4));
            Simulation.Result b = Simulation.run(Simulation.Options.mixed(seed, 4));
            assertEquals(a.traceHash, b.traceHash, "seed " + seed + " did not replay identically");
            assertEquals(a.chain.size(), b.chain.size());
        }
        Simulation.Result x = Simulation.run(Simulation.Options.mixed(7, 4));
        Simulation.Result y = Simulation.run(Simulation.Options.mixed(8, 4));
        assertTrue(x.traceHash != y.traceHash, "different seeds must give different traces");
    }
}
