package org.fundchain.consensus.sim;

/** Runs one simulation from the command line: SimDebug seed n [byzantine]. */
public final class SimDebug {
    public static void main(String[] args) {
        long seed = Long.parseLong(args[0]);
        Simulation.Options o = args.length > 2 && args[2].equals("mixed") ? Simulation.Options.mixed(seed, Integer.parseInt(args[1]))
                : Simulation.Options.seed(seed);
        if (args.length > 2 && !args[2].equals("mixed")) {
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
