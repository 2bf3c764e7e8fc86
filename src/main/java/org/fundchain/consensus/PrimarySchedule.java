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
    private Boolean periodic;

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
        draw(Math.min(idx, n - 1));
        if (idx >= n && periodic()) {
            return primaries.get(idx % n);
        }
        draw(idx);
        return primaries.get(idx);
    }

    private void draw(int idx) {
        while (primaries.size() <= idx) {
            int k = primaries.size();
            List<Integer> excluded = primaries.subList(Math.max(0, k - (n - 1)), k);
            primaries.add(PrimaryElection.credit(scores, excluded, prevHash, viewBase + k, hash));
        }
    }

    /**
     * Whether the credit schedule repeats with period N from here on, so the primary of a far view costs no more
     * than the first N draws (bounded work for any view number a message names). Each draw excludes the primaries
     * of the N−1 views before it; if the first N primaries are all different and every member's score is positive,
     * the draw for view N finds exactly one member not excluded — the primary of view 0 — and so on: primary(k) =
     * primary(k − N). Otherwise (a zero score lets a draw fall back to every member) the draws go on one by one.
     */
    private boolean periodic() {
        if (periodic == null) {
            boolean[] seen = new boolean[n];
            boolean p = primaries.size() >= n;
            for (int i = 0; p && i < n; i++) {
                int m = primaries.get(i);
                p = !seen[m] && scores.score(m) > 0;
                seen[m] = true;
            }
            periodic = p;
        }
        return periodic;
    }

    /** How many credit draws this schedule has made so far (the work hostile view numbers can cause). */
    int draws() {
        return primaries.size();
    }

    /** Primaries of the (at most N) views before {@code view} at this height, oldest first: the block's failed list. */
    public List<Integer> failedBefore(long view) {
        return failedBetween(viewBase, view);
    }

    /**
     * Primaries of the (at most N, the last ones) views from {@code from} up to {@code to} − 1 at this height, oldest
     * first: for a block that committed in view {@code to} after its header's view {@code from}, the primaries whose
     * views failed after it was proposed (the settlement the next block lists). Views outside the schedule give -1.
     */
    public List<Integer> failedBetween(long from, long to) {
        List<Integer> out = new ArrayList<>();
        for (long u = Math.max(from, to - n); u < to; u++) {
            out.add(primary(u));
        }
        return out;
    }
}
