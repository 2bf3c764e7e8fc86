package org.fundchain.consensus.sim;

import org.fundchain.consensus.PrimaryPolicy;

/** The long N = 4 runs that measure primary shares; shared by the credit tests and the report. */
final class CreditScenarios {
    static final int WARMUP_BLOCKS = 200;

    private CreditScenarios() {
    }

    /**
     * One censoring member (it never orders client 0's transactions), two clients with steady load (25 tx/s), the
     * thesis' batching (BatchTimeout scaled to 300 ms, 10 transactions per block).
     */
    static Simulation.Options censoring(PrimaryPolicy policy, long seed, int blocksWanted) {
        Simulation.Options o = Simulation.Options.seed(seed);
        o.n = 4;
        o.policy = policy;
        o.byzantine = Simulation.Byzantine.CENSOR;
        o.byzantineMember = (int) (seed % 4);
        o.censoredClient = 0;
        o.clients = 2;
        o.maxDelayMs = 10;
        long duration = blocksWanted * 250L;
        o.txCount = (int) (duration / 40); // 25 tx/s, below capacity: blocks are rarely full
        o.submitUntilMs = duration;
        o.healAtMs = 0;
        o.livenessBudgetMs = duration + 60_000;
        o.tune = b -> b.thesisBatching().batchTimeoutMs(300).censorshipGraceMs(50);
        return o;
    }

    /** Benign faults only: 10% loss, no Byzantine member. */
    static Simulation.Options benign(PrimaryPolicy policy, long seed, int blocksWanted) {
        Simulation.Options o = censoring(policy, seed, blocksWanted);
        o.byzantine = Simulation.Byzantine.NONE;
        o.drop = 0.10;
        o.healAtMs = o.submitUntilMs; // loss stays on for the whole measured period
        o.dropAfterHeal = 0.10;
        return o;
    }

    /** {@link #censoring}, and the next member (honest) runs a clock 29 s fast: inside the 30 s bound. */
    static Simulation.Options censoringWithFastClock(PrimaryPolicy policy, long seed, int blocksWanted) {
        Simulation.Options o = censoring(policy, seed, blocksWanted);
        o.clockOffsetMs.put(fastMember(o), 29_000L);
        return o;
    }

    static int fastMember(Simulation.Options o) {
        return (o.byzantineMember + 1) % o.n;
    }

    /**
     * No censor; the Byzantine member frames instead: old-dated transactions nobody else had in each of its blocks,
     * and old-dated gossip to everyone but the current primary.
     */
    static Simulation.Options framing(PrimaryPolicy policy, long seed, int blocksWanted) {
        Simulation.Options o = censoring(policy, seed, blocksWanted);
        o.byzantine = Simulation.Byzantine.NONE;
        o.framer = o.byzantineMember;
        return o;
    }

    /** Lowest share of blocks after warm-up among the members other than {@code byzantine}. */
    static double honestMinShare(Simulation.Result r, int n, int byzantine) {
        double min = Double.MAX_VALUE;
        for (int m = 0; m < n; m++) {
            if (m != byzantine) {
                min = Math.min(min, share(r, m));
            }
        }
        return min;
    }

    static double share(Simulation.Result r, int member) {
        int total = r.chain.size() - WARMUP_BLOCKS;
        return total <= 0 ? Double.NaN : ByzantineScenariosTest.proposedBy(r, member, WARMUP_BLOCKS) / (double) total;
    }
}
