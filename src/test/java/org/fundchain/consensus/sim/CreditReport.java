package org.fundchain.consensus.sim;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;

import org.fundchain.consensus.PrimaryPolicy;

/**
 * Report (not a test): N = 4 with one censoring member, credit versus rotation. Prints the censor's share
 * of proposed blocks after warm-up and how many blocks the censored client's transactions waited.
 * Run: mvn -q test-compile exec:java -Dexec.classpathScope=test -Dexec.mainClass=org.fundchain.consensus.sim.CreditReport
 * Optional args: blocks seeds.
 */
public final class CreditReport {
    public static void main(String[] args) {
        int blocks = args.length > 0 ? Integer.parseInt(args[0]) : 1200;
        int seeds = args.length > 1 ? Integer.parseInt(args[1]) : 4;
        System.out.println("N=4, one censoring member (never orders client 0's transactions), 2 clients at 25 tx/s,");
        System.out.println("thesis batching (10 tx, BatchTimeout 300 ms), grace 50 ms, credit window c=5; warm-up "
                + CreditScenarios.WARMUP_BLOCKS + " blocks, then shares over the rest; " + seeds + " seeds x " + blocks + " blocks");
        System.out.println();
        System.out.println(String.format(Locale.ROOT, "%-9s %6s %8s %14s %12s %12s %12s", "policy", "seed", "blocks", "censor share",
                "wait mean", "wait p95", "wait max"));
        for (PrimaryPolicy p : PrimaryPolicy.values()) {
            double shareSum = 0;
            List<Long> allWaits = new ArrayList<>();
            for (int s = 1; s <= seeds; s++) {
                Simulation.Options o = CreditScenarios.censoring(p, s, blocks);
                Simulation.Result r = Simulation.run(o);
                double share = CreditScenarios.share(r, o.byzantineMember);
                shareSum += share;
                allWaits.addAll(r.censoredWaits);
                System.out.println(row(p.name(), String.valueOf(s), r.chain.size(), share, r.censoredWaits));
            }
            System.out.println(row(p.name(), "all", -1, shareSum / seeds, allWaits));
            System.out.println();
        }
        System.out.println("censor share: fraction of blocks after warm-up proposed by the censoring member (fair share 0.25).");
        System.out.println("wait: blocks committed between a censored transaction's submission and the block holding it.");
    }

    private static String row(String policy, String seed, int blocks, double share, List<Long> waits) {
        List<Long> w = new ArrayList<>(waits);
        Collections.sort(w);
        double mean = w.stream().mapToLong(Long::longValue).average().orElse(Double.NaN);
        long p95 = w.isEmpty() ? -1 : w.get((int) Math.min(w.size() - 1, Math.round(w.size() * 0.95)));
        long max = w.isEmpty() ? -1 : w.get(w.size() - 1);
        return String.format(Locale.ROOT, "%-9s %6s %8s %13.1f%% %12.2f %12d %12d", policy, seed, blocks < 0 ? "" : String.valueOf(blocks),
                share * 100, mean, p95, max);
    }
}
