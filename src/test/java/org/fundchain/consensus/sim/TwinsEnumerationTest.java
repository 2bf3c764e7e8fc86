package org.fundchain.consensus.sim;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import org.fundchain.consensus.PrimaryPolicy;
import org.junit.jupiter.api.Test;

/**
 * Twins (Bano et al., "Twins: BFT Systems Made Robust"): one Byzantine member runs as two twins with the same key, and
 * the network is scripted instead of random. The N + 1 processes (the twins take two slots) are split into two or
 * three groups, the twins always in different groups — every such split is enumerated — one split per phase of the
 * run (two or three phases), then the network heals. The leader schedule is enumerated too: under
 * {@link PrimaryPolicy#ROTATION} (p = (h − v) mod N) the twins' member index decides in which round and view they
 * lead, so every index is tried; a sample also runs under CREDIT. Each scenario is one deterministic simulation
 * (no loss, no random partitions) checked for agreement on full block content, validity, no double execution, no
 * honest member signing twice, and liveness after the final heal. When the cross product is larger than the budget,
 * scenarios are sampled by a fixed seed; a failure names the scenario index and its options (which replay it).
 */
class TwinsEnumerationTest {

    /** Every split of {@code slots} processes into exactly 2 or 3 non-empty groups with slots a and b apart. */
    static List<int[]> splits(int slots, int a, int b) {
        List<int[]> out = new ArrayList<>();
        int[] g = new int[slots];
        grow(g, 1, 0, a, b, out);
        return out;
    }

    // restricted growth strings: g[0] = 0, g[i] ≤ 1 + max(g[0..i-1]); each set partition exactly once
    private static void grow(int[] g, int i, int max, int a, int b, List<int[]> out) {
        if (i == g.length) {
            int groups = max + 1;
            if ((groups == 2 || groups == 3) && g[a] != g[b]) {
                out.add(g.clone());
            }
            return;
        }
        for (int v = 0; v <= Math.min(max + 1, 2); v++) {
            g[i] = v;
            grow(g, i + 1, Math.max(max, v), a, b, out);
        }
    }

    record Scenario(int index, int n, int twin, PrimaryPolicy policy, int[][] phases) {
    }

    /**
     * The scenarios for N: every twin index × every split (one phase) if that fits a third of the budget; every twin
     * index × every pair of splits (two phases) under ROTATION if that fits two thirds, else a seeded sample cycling
     * the twin index; the rest three-phase schedules (a quarter under CREDIT), sampled by {@code seed}.
     */
    static List<Scenario> scenarios(int n, int budget, long seed) {
        Random r = new Random(seed);
        List<List<int[]>> splits = new ArrayList<>();
        long twoPhase = 0;
        for (int twin = 0; twin < n; twin++) {
            splits.add(splits(n + 1, twin, twin + 1)); // slots: members before the twin, twin 0, twin 1, the rest
            twoPhase += (long) splits.get(twin).size() * splits.get(twin).size();
        }
        long threePhase = twoPhase * splits.get(0).size();
        List<Scenario> picked = new ArrayList<>();
        long onePhase = 0;
        for (List<int[]> s : splits) {
            onePhase += s.size();
        }
        if (onePhase <= budget / 3) { // every split × every leader schedule, one phase, then heal
            for (int twin = 0; twin < n; twin++) {
                for (int[] p1 : splits.get(twin)) {
                    picked.add(new Scenario(0, n, twin, PrimaryPolicy.ROTATION, new int[][] {p1}));
                }
            }
        }
        int single = picked.size();
        if (twoPhase <= budget * 2L / 3) { // the whole two-phase product, every twin index, under ROTATION
            for (int twin = 0; twin < n; twin++) {
                for (int[] p1 : splits.get(twin)) {
                    for (int[] p2 : splits.get(twin)) {
                        picked.add(new Scenario(0, n, twin, PrimaryPolicy.ROTATION, new int[][] {p1, p2}));
                    }
                }
            }
        } else { // a seeded sample of two-phase schedules, the twin index cycling so every leader schedule is covered
            for (int k = 0; picked.size() < budget * 2 / 3; k++) {
                List<int[]> s = splits.get(k % n);
                picked.add(new Scenario(0, n, k % n, PrimaryPolicy.ROTATION,
                        new int[][] {s.get(r.nextInt(s.size())), s.get(r.nextInt(s.size()))}));
            }
        }
        int exhaustive = picked.size() - single;
        for (int k = 0; picked.size() < budget; k++) { // three-phase schedules, a quarter under CREDIT
            List<int[]> s = splits.get(k % n);
            picked.add(new Scenario(0, n, k % n, r.nextInt(4) == 0 ? PrimaryPolicy.CREDIT : PrimaryPolicy.ROTATION,
                    new int[][] {s.get(r.nextInt(s.size())), s.get(r.nextInt(s.size())), s.get(r.nextInt(s.size()))}));
        }
        List<Scenario> out = new ArrayList<>();
        for (int i = 0; i < picked.size(); i++) {
            Scenario s = picked.get(i);
            out.add(new Scenario(i, s.n, s.twin, s.policy, s.phases));
        }
        System.out.println("twins N=" + n + ": " + splits.get(0).size() + " splits per phase (2 or 3 groups, twins apart), " + twoPhase
                + " two-phase and " + threePhase + " three-phase schedules over " + n + " leader schedules; running "
                + (single > 0 ? "all " + single + " one-phase, " : "") + (twoPhase <= budget * 2L / 3 ? "all " + exhaustive + " two-phase" : exhaustive + " sampled two-phase") + " and "
                + (out.size() - exhaustive - single) + " sampled three-phase (seed " + seed + ")");
        return out;
    }

    static Simulation.Options options(Scenario sc, long seed) {
        Simulation.Options o = Simulation.Options.seed(seed * 1_000_003L + sc.index);
        o.n = sc.n;
        o.policy = sc.policy;
        o.byzantine = Simulation.Byzantine.TWINS;
        o.byzantineMember = sc.twin;
        Random r = new Random(o.seed);
        o.maxDelayMs = 5 + r.nextInt(20);
        o.drop = r.nextInt(3) == 0 ? 0.05 : 0; // a little loss in a third: prepares that reach some members only
        o.txCount = 12;
        // phase boundaries fall anywhere in a round (not on a timeout boundary), so some rounds prepare but do not commit
        o.phaseStartMs = new long[sc.phases.length];
        long t = 0;
        for (int k = 0; k < sc.phases.length; k++) {
            o.phaseStartMs[k] = t;
            t += 250 + r.nextInt(900);
        }
        o.partitionPhases = sc.phases;
        o.healAtMs = t;
        o.submitUntilMs = o.healAtMs + 300;
        o.dropAfterHeal = 0;
        o.livenessBudgetMs = 30_000;
        o.checkSigned = true;
        return o;
    }

    static void runAll(int n, int budget, long seed) {
        long t0 = System.nanoTime();
        List<String> failures = new ArrayList<>();
        int views = 0, newViews = 0, reproposals = 0, equivocations = 0;
        long height = 0;
        List<Scenario> scs = scenarios(n, budget, seed);
        for (Scenario sc : scs) {
            Simulation.Options o = options(sc, seed);
            try {
                Simulation.Result r = Simulation.run(o);
                views += r.viewChanges;
                newViews += r.newViews;
                reproposals += r.reproposals;
                equivocations += r.equivocations;
                height += r.committedHeight;
            } catch (AssertionError | RuntimeException e) {
                failures.add("twins N=" + n + " scenario " + sc.index + " (suite seed " + seed + ") [" + o + "]: " + e.getMessage());
            }
        }
        long ms = (System.nanoTime() - t0) / 1_000_000;
        System.out.println("twins N=" + n + ": " + scs.size() + " scenarios, " + views + " view changes in committed blocks, " + newViews
                + " honest NEW-VIEWs, " + reproposals + " re-proposals, " + equivocations + " twin equivocations, " + height
                + " blocks; budget: " + scs.size() + " runs in " + ms + " ms");
        assertTrue(failures.isEmpty(), failures.size() + " failing scenarios:\n" + String.join("\n", failures));
        assertTrue(newViews > scs.size() / 4 && reproposals > 0 && equivocations > 0,
                "the schedules must drive view changes with re-proposals and twin equivocation: " + newViews + "/" + reproposals + "/" + equivocations);
    }

    @Test
    void fourMembersTwinsOverEnumeratedPartitionAndLeaderSchedules() {
        runAll(4, Integer.getInteger("twins.budget4", 400), 4);
    }

    @Test
    void sevenMembersTwinsOverSampledPartitionAndLeaderSchedules() {
        runAll(7, Integer.getInteger("twins.budget7", 60), 7);
    }
}
