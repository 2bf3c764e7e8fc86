package org.fundchain.web.biz;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;

/**
 * A draft's PlanPath set against its ActualPath, hop by hop, for drawing: each hop has its plan (payer → payee,
 * amount, deadline), the transfers that actually reconciled on it, and a state for its colour.
 */
public final class DraftPath {

    /** What the draft planned for one hop. Money as exact decimal strings. */
    public record PlannedHop(int hop, String payer, String payerAccount, String payee, String payeeAccount,
            String amount, String arrived, long deadline) {
    }

    /** One reconciled transfer of ActualPath. */
    public record Transfer(int hop, String serialNumber, String amount, long remitTime, long recordedAt) {
    }

    /** DONE: fully arrived; PARTIAL: some arrived; LATE: past its deadline and not complete; PENDING: nothing yet. */
    public enum HopState { DONE, PARTIAL, LATE, PENDING }

    /** A hop as drawn. */
    public record Hop(PlannedHop plan, List<Transfer> transfers, HopState state) {
        public String stateName() {
            return state.name();
        }
    }

    private DraftPath() {
    }

    /**
     * @param now the time against which deadlines are judged (display only: the chain judges lateness by block
     *            time when it reconciles)
     */
    public static List<Hop> of(List<PlannedHop> plan, List<Transfer> actual, long now) {
        List<Hop> out = new ArrayList<>();
        for (PlannedHop p : plan) {
            List<Transfer> mine = new ArrayList<>();
            for (Transfer t : actual) {
                if (t.hop() == p.hop()) {
                    mine.add(t);
                }
            }
            out.add(new Hop(p, List.copyOf(mine), state(p, now)));
        }
        return out;
    }

    static HopState state(PlannedHop p, long now) {
        BigDecimal amount = decimal(p.amount());
        BigDecimal arrived = decimal(p.arrived());
        if (amount.signum() > 0 && arrived.compareTo(amount) >= 0) {
            return HopState.DONE;
        }
        if (p.deadline() > 0 && now > p.deadline()) {
            return HopState.LATE;
        }
        return arrived.signum() > 0 ? HopState.PARTIAL : HopState.PENDING;
    }

    private static BigDecimal decimal(String s) {
        try {
            return s == null || s.isBlank() ? BigDecimal.ZERO : new BigDecimal(s.trim());
        } catch (NumberFormatException e) {
            return BigDecimal.ZERO;
        }
    }
}
