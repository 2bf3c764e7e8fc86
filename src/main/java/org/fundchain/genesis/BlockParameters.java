package org.fundchain.genesis;

/**
 * Per-chain block and consensus parameters, fixed at genesis so every node uses the same values.
 *
 * @param batchTimeoutMs     longest a pending transaction waits for a block to be cut
 * @param maxMessageCount    most transactions in one block
 * @param preferredMaxBytes  a block is cut once its transactions reach this size
 * @param absoluteMaxBytes   no block or transaction may exceed this size
 * @param batchByLoad        cut a block as soon as the previous one committed and transactions wait (our
 *                           default); false: wait for MaxMessageCount, PreferredMaxBytes or BatchTimeout
 *                           (the thesis' behaviour)
 * @param checkpointInterval blocks between checkpoints
 * @param primaryPolicy      ROTATION ((h - v) mod N) or CREDIT (credit-weighted roulette, SPEC §2)
 * @param creditWindow       c in S = (S(c-1) + S')/c
 * @param censorshipGraceMs  benign delay allowed before leaving a transaction out counts as censorship
 */
public record BlockParameters(long batchTimeoutMs, long maxMessageCount, long preferredMaxBytes,
        long absoluteMaxBytes, boolean batchByLoad, long checkpointInterval, PrimaryPolicy primaryPolicy,
        long creditWindow, long censorshipGraceMs) {

    public enum PrimaryPolicy {
        ROTATION, CREDIT
    }

    /** Our defaults: short batch timeout so blocks are cut by load, not by the clock. */
    public static BlockParameters defaults() {
        return new BlockParameters(200, 2000, 512L * 1024, 98L * 1024 * 1024, true, 100,
                PrimaryPolicy.CREDIT, 10, 2000);
    }

    /** The thesis test settings (SPEC §2): BatchTimeout 2 s, MaxMessageCount 10, 98 MB / 512 KB. */
    public static BlockParameters thesis() {
        return new BlockParameters(2000, 10, 512L * 1024, 98L * 1024 * 1024, false, 100,
                PrimaryPolicy.CREDIT, 10, 2000);
    }

    public BlockParameters {
        positive("batchTimeoutMs", batchTimeoutMs);
        positive("maxMessageCount", maxMessageCount);
        positive("preferredMaxBytes", preferredMaxBytes);
        positive("absoluteMaxBytes", absoluteMaxBytes);
        positive("checkpointInterval", checkpointInterval);
        positive("creditWindow", creditWindow);
        if (censorshipGraceMs < 0) {
            throw new GenesisException("block parameter censorshipGraceMs must not be negative");
        }
        if (preferredMaxBytes > absoluteMaxBytes) {
            throw new GenesisException("block parameter preferredMaxBytes exceeds absoluteMaxBytes");
        }
        if (primaryPolicy == null) {
            throw new GenesisException("block parameter primaryPolicy is required");
        }
    }

    private static void positive(String name, long v) {
        if (v <= 0) {
            throw new GenesisException("block parameter " + name + " must be positive, got " + v);
        }
    }
}
