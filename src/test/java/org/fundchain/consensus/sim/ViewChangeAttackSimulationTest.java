package org.fundchain.consensus.sim;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;

import org.fundchain.consensus.PrimaryPolicy;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The simulator attacking the view change (issue 10): one (N = 4) or two (N = 7) members run
 * {@link Simulation.Byzantine#VIEW_CHANGE} (N = 4…7; N = 5, 6 use quorum ⌈(N + f + 1) / 2⌉) — poisoned certificates and pre-prepares (same header, other body),
 * tampered and partial NEW-VIEWs, a fresh proposal after a re-proposal, old votes replayed, far-future views —
 * under loss, partitions and crashes that force view changes. Agreement is checked on full block content.
 * A failure prints the seed; the options below are a pure function of it.
 */
class ViewChangeAttackSimulationTest {
    private static final int RUNS = 80;

    static Simulation.Options options(long seed, int n) {
        Random r = new Random(seed * 131 + n);
        Simulation.Options o = Simulation.Options.seed(seed);
        o.n = n;
        o.policy = r.nextBoolean() ? PrimaryPolicy.CREDIT : PrimaryPolicy.ROTATION;
        o.drop = 0.05 + r.nextDouble() * 0.25;
        o.duplicate = r.nextDouble() * 0.1;
        o.maxDelayMs = 1 + r.nextInt(60);
        o.partition = r.nextBoolean();
        o.crash = r.nextInt(3) == 0;
        o.byzantine = Simulation.Byzantine.VIEW_CHANGE;
        o.byzantineMember = r.nextInt(n);
        if (n >= 7) {
            o.moreByzantine = new int[] {(o.byzantineMember + 1 + r.nextInt(n - 1)) % n};
        }
        o.txCount = 10 + r.nextInt(30);
        return o;
    }

    @ParameterizedTest(name = "N={0}")
    @ValueSource(ints = {4, 5, 6, 7})
    void viewChangeAttacksNeverBreakAgreementValidityOrLiveness(int n) {
        List<String> failures = new ArrayList<>();
        Map<String, Integer> attacks = new TreeMap<>();
        int newViews = 0;
        int reproposals = 0;
        for (long seed = 0; seed < RUNS; seed++) {
            Simulation.Options o = options(seed, n);
            try {
                Simulation.Result r = Simulation.run(o);
                newViews += r.newViews;
                reproposals += r.reproposals;
                r.attacks.forEach((k, v) -> attacks.merge(k, v, Integer::sum));
            } catch (AssertionError | RuntimeException e) {
                failures.add("seed " + seed + " [" + o + "]: " + e.getMessage());
            }
        }
        System.out.println("view-change attacks, N=" + n + ": " + RUNS + " runs, " + newViews + " honest NEW-VIEWs, " + reproposals
                + " re-proposals, attacks " + attacks);
        assertTrue(failures.isEmpty(), String.join("\n", failures));
        for (String kind : List.of("poisoned pre-prepare", "old vote replayed", "far-future view", "partial new-view")) {
            assertTrue(attacks.getOrDefault(kind, 0) > 0, "attack never played: " + kind + " " + attacks);
        }
        assertTrue(attacks.getOrDefault("poisoned certificate", 0) + attacks.getOrDefault("poisoned re-proposal", 0)
                + attacks.getOrDefault("fresh proposal after re-proposal", 0) > 0, "no certificate/re-proposal attack " + attacks);
    }
}
