package org.fundchain.consensus;

import java.util.Collection;

import org.fundchain.codec.CanonicalWriter;
import org.fundchain.crypto.HashAlgorithm;

/** The primary of a (height, view): pure functions of committed data. */
public final class PrimaryElection {
    private PrimaryElection() {
    }

    /** p = (h − v) mod N. */
    public static int rotation(int n, long height, long view) {
        return (int) Math.floorMod(height - view, (long) n);
    }

    /**
     * Roulette wheel over credit scores, Pᵢ = Sᵢ/ΣS, with r drawn from hash(previous block hash ‖ view).
     * Members in {@code excluded} (primaries that already failed at this height) are skipped unless that
     * would leave nobody, so a failed round always hands over to someone else.
     */
    public static int credit(CreditScores scores, Collection<Integer> excluded, byte[] prevHash, long view, HashAlgorithm hash) {
        int n = scores.size();
        long total = 0;
        for (int i = 0; i < n; i++) {
            if (!excluded.contains(i)) {
                total += scores.score(i);
            }
        }
        boolean useAll = total == 0;
        if (useAll) {
            for (int i = 0; i < n; i++) {
                total += scores.score(i);
            }
        }
        byte[] seed = hash.digest(new CanonicalWriter(48).raw(prevHash).i64(view).toByteArray());
        long x = 0;
        for (int i = 0; i < 8; i++) {
            x = (x << 8) | (seed[i] & 0xffL);
        }
        long r = Long.remainderUnsigned(x, total);
        long acc = 0;
        for (int i = 0; i < n; i++) {
            if (useAll || !excluded.contains(i)) {
                acc += scores.score(i);
                if (r < acc) {
                    return i;
                }
            }
        }
        throw new IllegalStateException("roulette fell off the wheel");
    }
}
