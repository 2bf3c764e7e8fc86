package org.fundchain.consensus;

import java.util.Arrays;
import java.util.List;

import org.fundchain.ledger.BlockHeader;
import org.fundchain.ledger.Transaction;

/**
 * Credit scores of SPEC §2, as a pure function of the committed chain (fold {@link #apply} over the
 * blocks in order). Scores are fixed-point integers ({@link #SCALE} = 1.0) so every JVM computes the same
 * values; all start at 10. For each committed block, in order:
 * <ol>
 * <li>rounds still awaiting judgement are judged by this block: S′ = 1 if it holds a transaction whose
 * client timestamp is older than that round's block timestamp minus the grace (the round's primary left it
 * out; a block already holding MaxMessageCount transactions had no room and is never blamed), otherwise S′ = 10 — except that a proposer's own later block cannot clear it (it would simply leave
 * the same transactions out again), so such a round waits for a block by someone else (at most N rounds
 * wait; beyond that the oldest is judged 10);</li>
 * <li>every failed primary listed in the block receives S′ = 1;</li>
 * <li>the block's own round joins the rounds awaiting judgement.</li>
 * </ol>
 * Sᵢ = (Sᵢ·(c−1) + S′ᵢ)/c.
 */
public final class CreditScores {
    public static final long SCALE = 1000;
    public static final long SUCCESS = 10 * SCALE;
    public static final long FAILURE = SCALE;

    private record Round(int proposer, long timestamp, boolean full) {
    }

    private final long[] scores;
    private final int window;
    private final long graceMs;
    private final int maxMessageCount;
    private final java.util.ArrayDeque<Round> unjudged = new java.util.ArrayDeque<>();

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
        c.unjudged.addAll(unjudged);
        return c;
    }

    private void credit(int member, long sPrime) {
        if (member >= 0 && member < scores.length) {
            scores[member] = (scores[member] * (window - 1) + sPrime) / window;
        }
    }

    public void apply(BlockHeader header, List<Transaction> txs) {
        long oldest = Long.MAX_VALUE;
        for (Transaction t : txs) {
            oldest = Math.min(oldest, t.timestamp());
        }
        java.util.ArrayDeque<Round> waiting = new java.util.ArrayDeque<>();
        for (Round r : unjudged) {
            if (oldest < r.timestamp() - graceMs && !r.full()) {
                credit(r.proposer(), FAILURE);
            } else if (r.proposer() != header.proposer()) {
                credit(r.proposer(), SUCCESS);
            } else {
                waiting.add(r);
            }
        }
        unjudged.clear();
        unjudged.addAll(waiting);
        for (int failed : header.failedPrimaries()) {
            credit(failed, FAILURE);
        }
        unjudged.add(new Round(header.proposer(), header.timestamp(), header.txCount() >= maxMessageCount));
        while (unjudged.size() > scores.length) {
            credit(unjudged.poll().proposer(), SUCCESS);
        }
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
