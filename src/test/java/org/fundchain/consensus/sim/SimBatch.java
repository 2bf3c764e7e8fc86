package org.fundchain.consensus.sim;

/** Runs many mixed-fault seeds in one JVM and prints failures: SimBatch firstSeed count n. */
public final class SimBatch {
    public static void main(String[] args) {
        long first = Long.parseLong(args[0]);
        int count = Integer.parseInt(args[1]);
        int n = Integer.parseInt(args[2]);
        long t0 = System.nanoTime();
        int failed = 0;
        for (long s = first; s < first + count; s++) {
            Simulation.Options o = Simulation.Options.mixed(s, n);
            try {
                Simulation.run(o);
            } catch (AssertionError e) {
                failed++;
                System.out.println("FAIL " + e.getMessage());
            } catch (RuntimeException e) {
                failed++;
                System.out.println("CRASH " + o + ": " + e);
                e.printStackTrace(System.out);
            }
        }
        System.out.println(count + " runs, " + failed + " failed, " + (System.nanoTime() - t0) / 1_000_000 + " ms");
    }
}
