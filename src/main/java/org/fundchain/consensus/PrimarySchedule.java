package org.fundchain.consensus;

import java.util.ArrayList;
import java.util.List;

import org.fundchain.crypto.HashAlgorithm;

/**
 * Primaries of successive views at one height, starting at the view of the previous block (all honest
 * replicas with the same committed chain build the same schedule). Under CREDIT the primary of a view is
 * drawn excluding the primaries of the up to N−1 views before it at this height.
 */
public final class PrimarySchedule {
    /** Views further than this above the base are refused (a hostile message must not make us compute forever). */
    public static final long MAX_VIEW_SPAN = 1_000_000;

    private final PrimaryPolicy policy;
    private final int n;
    private final long height;
    private final long viewBase;
    private final CreditScores scores;
    private final byte[] prevHash;
    private final HashAlgorithm hash;
    private final List<Integer> primaries = new ArrayList<>();

    public PrimarySchedule(PrimaryPolicy policy, int n, long height, long viewBase, CreditScores scores, byte[] prevHash,
            HashAlgorithm hash) {
        this.policy = policy;
        this.n = n;
        this.height = height;
        this.viewBase = viewBase;
        this.scores = scores.copy();
        this.prevHash = prevHash.clone();
        this.hash = hash;
    }

    public long viewBase() {
        return viewBase;
    }

    /** The primary of {@code view} at this height, or -1 for a view below the base or absurdly far above it. */
    public int primary(long view) {
        if (view < viewBase || view - viewBase > MAX_VIEW_SPAN) {
            return -1;
        }
        if (policy == PrimaryPolicy.ROTATION) {
            return PrimaryElection.rotation(n, height, view);
        }
        int idx = (int) (view - viewBase);
        while (primaries.size() <= idx) {
            int k = primaries.size();
            List<Integer> excluded = primaries.subList(Math.max(0, k - (n - 1)), k);
            primaries.add(PrimaryElection.credit(scores, excluded, prevHash, viewBase + k, hash));
        }
        return primaries.get(idx);
    }

    /** Primaries of the (at most N) views before {@code view} at this height, oldest first: the block's failed list. */
    public List<Integer> failedBefore(long view) {
        List<Integer> out = new ArrayList<>();
        for (long u = Math.max(viewBase, view - n); u < view; u++) {
            out.add(primary(u));
        }
        return out;
    }
}
