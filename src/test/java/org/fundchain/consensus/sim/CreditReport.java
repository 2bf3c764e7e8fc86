package org.fundchain.consensus.sim;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Locale;

import org.fundchain.consensus.PrimaryPolicy;

/**
 * Report (not a test): N = 4, credit versus rotation, in three scenarios: one censoring member; the same with an
 * honest member whose clock is 29 s fast (inside the 30 s bound); and a framing member instead of a censor. Prints
 * the Byzantine member's share of proposed blocks after warm-up, the lowest honest member's share, the final
 * scores, and how many blocks the censored client's transactions waited.
 * Run: mvn -q test-compile exec:java -Dexec.classpathScope=test -Dexec.mainClass=org.fundchain.consensus.sim.CreditReport
 * Optional args: blocks seeds.
 */
public final class CreditReport {
    private interface Scenario {
        Simulation.Options options(PrimaryPolicy p, long seed, int blocks);
    }

    public static void main(String[] args) {
        int blocks = args.length > 0 ? Integer.parseInt(args[0]) : 1200;
        int seeds = args.length > 1 ? Integer.parseInt(args[1]) : 4;
        System.out.println("N=4, 2 clients at 25 tx/s, thesis batching (10 tx, BatchTimeout 300 ms), grace 50 ms, credit window c=5,");
        System.out.println("clock skew bound 30 s; warm-up " + CreditScenarios.WARMUP_BLOCKS + " blocks, then shares over the rest; " + seeds
                + " seeds x " + blocks + " blocks");
        String[] names = {"censor (never orders client 0's transactions)",
            "censor + an honest member's clock 29 s fast",
            "framer (old-dated transactions nobody else had, in its blocks and gossip) instead of a censor"};
        Scenario[] scenarios = {CreditScenarios::censoring, CreditScenarios::censoringWithFastClock, CreditScenarios::framing};
        for (int k = 0; k < scenarios.length; k++) {
            System.out.println();
            System.out.println("== " + names[k]);
            System.out.println(String.format(Locale.ROOT, "%-9s %6s %8s %11s %11s %12s %12s %10s  %s", "policy", "seed", "blocks",
                    "byz share", "honest min", "wait mean", "wait p95", "wait max", "final scores"));
            for (PrimaryPolicy p : PrimaryPolicy.values()) {
                double shareSum = 0;
                double minSum = 0;
                List<Long> allWaits = new ArrayList<>();
                for (int s = 1; s <= seeds; s++) {
                    Simulation.Options o = scenarios[k].options(p, s, blocks);
                    o.requireLiveness = false; // report a backlog instead of failing (rotation: see CreditPolicyTest)
                    Simulation.Result r = Simulation.run(o);
                    double share = CreditScenarios.share(r, o.byzantineMember);
                    double min = CreditScenarios.honestMinShare(r, o.n, o.byzantineMember);
                    shareSum += share;
                    minSum += min;
                    allWaits.addAll(r.censoredWaits);
                    System.out.println(row(p.name(), String.valueOf(s), r.chain.size(), share, min, r.censoredWaits)
                            + "  " + Arrays.toString(r.finalScores) + (r.doneAtMs < 0 ? "  (backlog left at the end of the budget)" : ""));
                }
                System.out.println(row(p.name(), "all", -1, shareSum / seeds, minSum / seeds, allWaits));
            }
        }
        System.out.println();
        System.out.println("byz share: fraction of blocks after warm-up proposed by the Byzantine member (fair share 0.25);");
        System.out.println("honest min: the lowest such fraction among the honest members.");
        System.out.println("wait: blocks committed between a censored transaction's submission and the block holding it.");
    }

    private static String row(String policy, String seed, int blocks, double share, double min, List<Long> waits) {
        List<Long> w = new ArrayList<>(waits);
        Collections.sort(w);
        double mean = w.stream().mapToLong(Long::longValue).average().orElse(Double.NaN);
        long p95 = w.isEmpty() ? -1 : w.get((int) Math.min(w.size() - 1, Math.round(w.size() * 0.95)));
        long max = w.isEmpty() ? -1 : w.get(w.size() - 1);
        return String.format(Locale.ROOT, "%-9s %6s %8s %10.1f%% %10.1f%% %12.2f %12d %10d", policy, seed, blocks < 0 ? "" : String.valueOf(blocks),
                share * 100, min * 100, mean, p95, max);
    }
}
