package org.fundchain.consensus.sim;

/** Runs one simulation from the command line: SimDebug seed n [byzantine | mixed | skewed]. */
public final class SimDebug {
    public static void main(String[] args) {
        long seed = Long.parseLong(args[0]);
        String mode = args.length > 2 ? args[2] : "";
        Simulation.Options o = mode.equals("mixed") ? Simulation.Options.mixed(seed, Integer.parseInt(args[1]))
                : mode.equals("skewed") ? Simulation.Options.skewed(seed, Integer.parseInt(args[1])) : Simulation.Options.seed(seed);
        if (args.length > 2 && !mode.equals("mixed") && !mode.equals("skewed")) {
            o.n = Integer.parseInt(args[1]);
            o.byzantine = Simulation.Byzantine.valueOf(args[2]);
        }
        long t0 = System.nanoTime();
        Simulation.Result r = Simulation.run(o);
        System.out.println(o + " -> height " + r.committedHeight + " done at " + r.doneAtMs + " ms, views after heal " + r.maxViewsAfterHeal
                + ", view changes " + r.viewChanges + ", messages " + r.messages + ", trace " + Long.toHexString(r.traceHash) + " in "
                + (System.nanoTime() - t0) / 1_000_000 + " ms");
    }
}
