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
 * Randomized runs for every N from 4 to 10 (issue 10): mixed faults — loss, duplication, delay, partitions that heal,
 * crash/restart — with up to f = ⌊(N − 1) / 3⌋ Byzantine members of one kind, the view-change attacker included
 * (twins, equivocation, silence, censorship, chaos, bad blocks, VIEW_CHANGE, time warp). Every run checks agreement
 * on full block content, validity, no double execution, and that no honest member signs twice. The options are a
 * pure function of (seed, N); a failure names both.
 */
class AllSizesSimulationTest {
    private static final int RUNS = Integer.getInteger("allsizes.runs", 24);

    static Simulation.Options options(long seed, int n) {
        Random r = new Random(seed * 7919 + n * 104_729L);
        Simulation.Options o = Simulation.Options.seed(seed * 100 + n);
        o.n = n;
        o.policy = r.nextBoolean() ? PrimaryPolicy.CREDIT : PrimaryPolicy.ROTATION;
        o.drop = r.nextInt(4) == 0 ? 0 : r.nextDouble() * 0.25;
        o.duplicate = r.nextDouble() * 0.1;
        o.maxDelayMs = 1 + r.nextInt(50);
        o.partition = r.nextInt(3) == 0;
        o.crash = r.nextInt(3) == 0;
        Simulation.Byzantine[] kinds = {Simulation.Byzantine.NONE, Simulation.Byzantine.EQUIVOCATE, Simulation.Byzantine.TWINS,
            Simulation.Byzantine.SILENT, Simulation.Byzantine.CENSOR, Simulation.Byzantine.CHAOS, Simulation.Byzantine.BAD_BLOCK,
            Simulation.Byzantine.VIEW_CHANGE, Simulation.Byzantine.VIEW_CHANGE, Simulation.Byzantine.TIME_WARP};
        o.byzantine = kinds[r.nextInt(kinds.length)];
        int f = (n - 1) / 3;
        int count = o.byzantine == Simulation.Byzantine.NONE ? 0 : 1 + r.nextInt(f);
        List<Integer> members = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            members.add(i);
        }
        java.util.Collections.shuffle(members, r);
        o.byzantineMember = count == 0 ? r.nextInt(n) : members.get(0);
        o.moreByzantine = new int[Math.max(0, count - 1)];
        for (int i = 1; i < count; i++) {
            o.moreByzantine[i - 1] = members.get(i);
        }
        o.censoredClient = r.nextInt(SimCrypto.CLIENTS);
        o.txCount = 10 + r.nextInt(25);
        if (o.byzantine == Simulation.Byzantine.TIME_WARP) {
            o.maxClockSkewMs = 2000;
            o.clockSpreadMs = r.nextInt(1000);
        }
        o.checkSigned = true;
        return o;
    }

    @ParameterizedTest(name = "N={0}")
    @ValueSource(ints = {4, 5, 6, 7, 8, 9, 10})
    void mixedFaultsAndViewChangeAttacksAtEverySize(int n) {
        long t0 = System.nanoTime();
        List<String> failures = new ArrayList<>();
        Map<Simulation.Byzantine, Integer> kinds = new TreeMap<>();
        int views = 0, newViews = 0, reproposals = 0, byzantine = 0;
        long signedChecked = 0;
        for (long seed = 0; seed < RUNS; seed++) {
            Simulation.Options o = options(seed, n);
            kinds.merge(o.byzantine, 1, Integer::sum);
            byzantine = Math.max(byzantine, o.byzantine == Simulation.Byzantine.NONE ? 0 : 1 + o.moreByzantine.length);
            try {
                Simulation.Result r = Simulation.run(o);
                views += r.viewChanges;
                newViews += r.newViews;
                reproposals += r.reproposals;
                signedChecked += r.signedChecked;
            } catch (AssertionError | RuntimeException e) {
                failures.add("N=" + n + " seed " + seed + " (AllSizesSimulationTest.options(" + seed + ", " + n + ")) [" + o + "]: " + e);
            }
        }
        long ms = (System.nanoTime() - t0) / 1_000_000;
        System.out.println("all sizes N=" + n + ": " + RUNS + " runs, " + views + " view changes in committed blocks, " + newViews
                + " honest NEW-VIEWs, " + reproposals + " re-proposals, up to " + byzantine + " Byzantine, kinds " + kinds + ", "
                + signedChecked + " honest signatures checked; budget: " + RUNS + " runs in " + ms + " ms");
        assertTrue(failures.isEmpty(), failures.size() + " failing runs:\n" + String.join("\n", failures));
        assertTrue(newViews > 0, "no view change at N=" + n);
    }
}
