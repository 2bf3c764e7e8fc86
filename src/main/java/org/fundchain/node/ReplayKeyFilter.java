package org.fundchain.node;

import java.util.concurrent.atomic.AtomicLongArray;

/**
 * A Bloom filter over the keys of the duplicate rule ({@link org.fundchain.ledger.Duplicates}) already executed
 * on a chain: replay keys (nonce/signer) and transaction ids (tx hashes; they never contain '/', so the two never
 * collide). The consensus core asks "did this key execute?" for every new transaction; almost always the answer is no, and the filter
 * gives that answer without a database query. A "maybe" falls back to the ledger, so the filter only
 * saves time and never decides. Thread-safe.
 */
final class ReplayKeyFilter {
    private static final int HASHES = 4;
    private final AtomicLongArray bits;
    private final long mask;

    /** {@code log2Bits} = 26 gives 64 Mbit (8 MiB): about 1% false positives at 7 million keys. */
    ReplayKeyFilter(int log2Bits) {
        long m = 1L << log2Bits;
        this.bits = new AtomicLongArray((int) (m >>> 6));
        this.mask = m - 1;
    }

    void add(String key) {
        long h1 = mix(key, 0x9E3779B97F4A7C15L);
        long h2 = mix(key, 0xC2B2AE3D27D4EB4FL) | 1;
        for (int i = 0; i < HASHES; i++) {
            long bit = (h1 + i * h2) & mask;
            int word = (int) (bit >>> 6);
            long m = 1L << (bit & 63);
            long old;
            do {
                old = bits.get(word);
            } while ((old & m) == 0 && !bits.compareAndSet(word, old, old | m));
        }
    }

    boolean mightContain(String key) {
        long h1 = mix(key, 0x9E3779B97F4A7C15L);
        long h2 = mix(key, 0xC2B2AE3D27D4EB4FL) | 1;
        for (int i = 0; i < HASHES; i++) {
            long bit = (h1 + i * h2) & mask;
            if ((bits.get((int) (bit >>> 6)) & (1L << (bit & 63))) == 0) {
                return false;
            }
        }
        return true;
    }

    private static long mix(String s, long seed) {
        long h = seed ^ s.length();
        for (int i = 0; i < s.length(); i++) {
            h ^= s.charAt(i);
            h *= 0x100000001B3L;
            h ^= h >>> 29;
        }
        h ^= h >>> 33;
        h *= 0xff51afd7ed558ccdL;
        h ^= h >>> 33;
        return h;
    }
}
