package org.fundchain.consensus;

import java.util.Arrays;
import java.util.List;

import org.fundchain.ledger.BlockHeader;
import org.fundchain.ledger.Transaction;

/**
 * Credit scores of SPEC §2, as a pure function of the committed chain (fold {@link #apply} over the
 * blocks in order). Scores are fixed-point integers ({@link #SCALE} = 1.0) so every JVM computes the same
 * values. For each committed block: the previous block's proposer receives S′ = 10, or 1 if this block
 * holds a transaction whose client timestamp is older than the previous block's timestamp minus the grace
 * (it left that transaction out); every failed primary listed in this block receives 1; this block's own
 * proposer is judged by the next block. Sᵢ = (Sᵢ·(c−1) + S′ᵢ)/c.
 */
public final class CreditScores {
    public static final long SCALE = 1000;
    public static final long SUCCESS = 10 * SCALE;
    public static final long FAILURE = SCALE;

    private final long[] scores;
    private final int window;
    private final long graceMs;
    private int pendingProposer = -1;
    private long pendingTimestamp;

    public CreditScores(int n, int window, long graceMs) {
        this.scores = new long[n];
        Arrays.fill(scores, SUCCESS);
        this.window = window;
        this.graceMs = graceMs;
    }

    public CreditScores copy() {
        CreditScores c = new CreditScores(scores.length, window, graceMs);
        System.arraycopy(scores, 0, c.scores, 0, scores.length);
        c.pendingProposer = pendingProposer;
        c.pendingTimestamp = pendingTimestamp;
        return c;
    }

    private void credit(int member, long sPrime) {
        if (member >= 0 && member < scores.length) {
            scores[member] = (scores[member] * (window - 1) + sPrime) / window;
        }
    }

    public void apply(BlockHeader header, List<Transaction> txs) {
        if (pendingProposer >= 0) {
            boolean leftOut = false;
            for (Transaction t : txs) {
                if (t.timestamp() < pendingTimestamp - graceMs) {
                    leftOut = true;
                    break;
                }
            }
            credit(pendingProposer, leftOut ? FAILURE : SUCCESS);
        }
        for (int failed : header.failedPrimaries()) {
            credit(failed, FAILURE);
        }
        pendingProposer = header.proposer();
        pendingTimestamp = header.timestamp();
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
