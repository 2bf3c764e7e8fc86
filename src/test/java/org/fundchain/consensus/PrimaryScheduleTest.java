package org.fundchain.consensus;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import org.fundchain.crypto.HashAlgorithm;
import org.fundchain.ledger.BlockHeader;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.RepetitionInfo;

/** The credit schedule's shortcut for far views (bounded work) gives exactly the primaries of drawing view by view. */
class PrimaryScheduleTest {
    private static final HashAlgorithm H = HashAlgorithm.SHA256;

    @RepeatedTest(30)
    void farViewsMatchTheDrawByDrawSchedule(RepetitionInfo info) {
        Random r = new Random(info.getCurrentRepetition() * 104729L);
        int n = 1 + r.nextInt(10);
        CreditScores scores = new CreditScores(n, 1 + r.nextInt(6), 1000, 500);
        for (int i = r.nextInt(40); i > 0; i--) {
            List<Integer> failed = new ArrayList<>();
            for (int k = r.nextInt(4); k > 0; k--) {
                failed.add(r.nextInt(n));
            }
            scores.apply(new BlockHeader("c", i, new byte[32], new byte[32], new byte[32], i * 10L, r.nextInt(n), 0, failed, 0),
                    List.of());
        }
        byte[] prev = new byte[32];
        r.nextBytes(prev);
        long base = r.nextInt(50);
        PrimarySchedule fast = new PrimarySchedule(PrimaryPolicy.CREDIT, n, 7, base, scores, prev, H);
        List<Integer> reference = new ArrayList<>();
        int span = 6 * n + 20;
        for (int k = 0; k < span; k++) {
            List<Integer> excluded = reference.subList(Math.max(0, k - (n - 1)), k);
            reference.add(PrimaryElection.credit(scores, excluded, prev, base + k, H));
        }
        // ask far views first: the shortcut must not depend on which views were asked before
        for (int k = span - 1; k >= 0; k--) {
            assertEquals(reference.get(k), fast.primary(base + k), "view base+" + k + ", n=" + n);
        }
        assertTrue(fast.draws() <= n, "draws " + fast.draws());
        assertEquals(-1, fast.primary(base - 1));
        assertEquals(-1, fast.primary(base + PrimarySchedule.MAX_VIEW_SPAN + 1));
        fast.primary(base + PrimarySchedule.MAX_VIEW_SPAN);
        assertTrue(fast.draws() <= n, "draws " + fast.draws());
    }
}
