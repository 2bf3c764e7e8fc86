package org.fundchain.consensus.sim;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

/** Smaller suites over the production signature path: Ed25519 + SHA-256 end to end, and one SM2 + SM3 run. */
class RealCryptoSimulationTest {

    @Test
    void ed25519MixedFaults() {
        List<String> failures = new ArrayList<>();
        for (long seed = 50_000; seed < 50_030; seed++) {
            Simulation.Options o = Simulation.Options.mixed(seed, seed % 10 == 0 ? 7 : 4);
            o.crypto = SimCrypto.Mode.ED25519;
            o.txCount = 12; // every signature is real here: keep the runs short
            o.submitUntilMs = 3000;
            o.healAtMs = 4000;
            try {
                Simulation.Result r = Simulation.run(o);
                assertTrue(r.chain.size() > 0);
            } catch (AssertionError | RuntimeException e) {
                failures.add("seed " + seed + ": " + e.getMessage());
            }
        }
        assertTrue(failures.isEmpty(), String.join("\n", failures));
    }

    @Test
    void sm2AndSm3() {
        Simulation.Options o = Simulation.Options.seed(60_001);
        o.crypto = SimCrypto.Mode.SM2;
        o.drop = 0.1;
        o.byzantine = Simulation.Byzantine.EQUIVOCATE;
        o.byzantineMember = 1;
        Simulation.Result r = Simulation.run(o);
        assertTrue(r.chain.size() > 0);
    }
}
