package org.fundchain.consensus;

import java.util.Arrays;
import java.util.List;

import org.fundchain.ledger.BlockHeader;
import org.fundchain.ledger.Transaction;

/**
 * Credit scores of SPEC §2, as a pure function of the committed chain (fold {@link #apply} over the
 * blocks in order). Scores are fixed-point integers ({@link #SCALE} = 1.0) so every JVM computes the same
 * values; all start at 10. For each committed block, in order: every failed primary listed in the block
 * receives S′ = 1, and the block's proposer S′ = 10. Sᵢ = (Sᵢ·(c−1) + S′ᵢ)/c.
 *
 * <p>A block's failed list has two parts, both fixed by its header (so every member, and every replay, folds the
 * same values): first the <em>settlement</em> of the previous block — if that block was re-proposed by a NEW-VIEW and
 * committed in a later view than its header's, the primaries of the views from its header's view up to (not
 * including) that commit view, the first proposer included — then the primaries that failed at this height before
 * this block's view. The commit view is taken from the certificate the proposer attaches to its PRE-PREPARE, because
 * members may hold certificates of different views for the same block (some saw it commit in its first view, the
 * rest only after a view change): the stored certificate is no input to the fold. The header's proposer keeps the
 * proposal's credit (it chose the transactions that committed); the re-proposer gets neither credit nor blame.
 *
 * <p>Blame needs evidence. A failed primary is on the chain only because a quorum moved to a later view at
 * that height: its round timed out, or f+1 members complained that it left out a transaction they had
 * provably given it (in two frames) a grace period before its proposal (see {@code CensorshipEvidence}). Client timestamps
 * are <em>not</em> evidence: the client (or a member that signs on a user's behalf) chooses them, and a
 * member whose clock is fast dates blocks ahead of them. An earlier version judged a round failed when the
 * next block held a transaction dated before the round's block time minus the grace; a 29 s-fast honest
 * clock then drove every member to the floor, and a member could frame the primaries before it by putting
 * old-dated transactions it never gossiped into its own blocks (issue 10, items 4 and 5).
 * {@code graceMs} and {@code maxMessageCount} are kept in the constructor for callers; the fold does not
 * use them.
 */
public final class CreditScores {
    public static final long SCALE = 1000;
    public static final long SUCCESS = 10 * SCALE;
    public static final long FAILURE = SCALE;

    private final long[] scores;
    private final int window;
    private final long graceMs;
    private final int maxMessageCount;

    public CreditScores(int n, int window, long graceMs, int maxMessageCount) {
        this.scores = new long[n];
        Arrays.fill(scores, SUCCESS);
        this.window = window;
        this.graceMs = graceMs;
        this.maxMessageCount = maxMessageCount;
    }

    public CreditScores copy() {
        CreditScores c = new CreditScores(scores.length, window, graceMs, maxMessageCount);
        System.arraycopy(scores, 0, c.scores, 0, scores.length);
        return c;
    }

    private void credit(int member, long sPrime) {
        if (member >= 0 && member < scores.length) {
            scores[member] = (scores[member] * (window - 1) + sPrime) / window;
        }
    }

    public void apply(BlockHeader header, List<Transaction> txs) {
        for (int failed : header.failedPrimaries()) {
            credit(failed, FAILURE);
        }
        credit(header.proposer(), SUCCESS);
    }

    /** Current scores (copy), member order. */
    public long[] scores() {
        return scores.clone();
    }

    public int size() {
        return scores.length;
    }

    long score(int i) {
        return scores[i];
    }
}
