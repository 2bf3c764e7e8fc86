package org.fundchain.client;

import java.util.List;

/**
 * Throughput measured from blocks, as the thesis does (SPEC §4): TPS = Σ Nᵢ / (tₙ − t₀) over consecutive
 * blocks, where block 0 of the window only marks the start time.
 */
public final class BlockTps {
    public record Block(long height, long timestampMs, int txCount) {
    }

    private BlockTps() {
    }

    /** Blocks in height order; NaN if fewer than two or no time passed. */
    public static double of(List<Block> blocks) {
        if (blocks.size() < 2) {
            return Double.NaN;
        }
        long txs = 0;
        for (int i = 1; i < blocks.size(); i++) {
            if (blocks.get(i).height() != blocks.get(i - 1).height() + 1) {
                throw new IllegalArgumentException("blocks must be consecutive");
            }
            txs += blocks.get(i).txCount();
        }
        long span = blocks.get(blocks.size() - 1).timestampMs() - blocks.get(0).timestampMs();
        return span <= 0 ? Double.NaN : txs * 1000.0 / span;
    }
}
