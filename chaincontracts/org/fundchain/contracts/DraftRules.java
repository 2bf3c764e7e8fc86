package org.fundchain.contracts;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.SortedMap;

import org.fundchain.contract.api.Args;
import org.fundchain.contract.api.ContractContext;
import org.fundchain.contract.api.Money;

/**
 * Whether an amount may move along one hop of a draft now: the draft's SpecialRule and the conservation of
 * money. Shared by reconciliation (which turns each problem into an alert) and by the draft's
 * {@code transfer} (which refuses), so the two can never disagree.
 */
final class DraftRules {

    private DraftRules() {
    }

    /** One difference between what the draft allows and what happened, for an alert. */
    static SortedMap<String, Object> problem(String code, String expected, String actual, String message) {
        return Args.of("code", code, "expected", expected, "actual", actual, "message", message);
    }

    @SuppressWarnings("unchecked")
    static List<SortedMap<String, Object>> problems(ContractContext ctx, SortedMap<String, Object> draft, int hop,
                                                    BigDecimal amount) {
        List<SortedMap<String, Object>> out = new ArrayList<>();
        String status = (String) draft.get("status");
        if (!status.equals("ISSUED") && !status.equals("IN_TRANSIT")) {
            out.add(problem("DRAFT_NOT_ACTIVE", "ISSUED or IN_TRANSIT", status,
                    "draft " + draft.get("draftId") + " is " + status + " and cannot move money"));
        }
        SortedMap<String, Object> rule = (SortedMap<String, Object>) draft.get("specialRule");
        long expiry = Args.asLong(rule.get("expiry"));
        if (ctx.blockTime() > expiry) {
            out.add(problem("DRAFT_EXPIRED", "at or before " + expiry, Long.toString(ctx.blockTime()),
                    "draft " + draft.get("draftId") + " expired"));
        }
        BigDecimal cap = Money.parse(rule.get("perHopCap"), "perHopCap");
        if (amount.compareTo(cap) > 0) {
            out.add(problem("CAP_EXCEEDED", "at most " + Money.format(cap), Money.format(amount),
                    "a single transfer may carry at most the per-hop cap"));
        }
        List<Object> path = (List<Object>) draft.get("planPath");
        SortedMap<String, Object> h = (SortedMap<String, Object>) path.get(hop);
        BigDecimal arrived = Money.parse(h.get("arrived"), "arrived");
        BigDecimal left = Money.parse(h.get("amount"), "amount").subtract(arrived);
        if (amount.compareTo(left) > 0) {
            out.add(problem("OVER_HOP_AMOUNT", "at most " + Money.format(left), Money.format(amount),
                    "hop " + hop + " has only " + Money.format(left) + " left to transfer"));
        }
        BigDecimal available = available(ctx, draft, hop).subtract(arrived);
        if (amount.compareTo(available) > 0) {
            out.add(problem("INSUFFICIENT_FUNDS", "at most " + Money.format(available), Money.format(amount),
                    hop == 0 ? "the fund has not raised this money yet" : "the payer has not received this money yet"));
        }
        return out;
    }

    /** Money the payer of a hop has received so far: raised funds for the first hop, else the previous hop's arrivals. */
    @SuppressWarnings("unchecked")
    private static BigDecimal available(ContractContext ctx, SortedMap<String, Object> draft, int hop) {
        if (hop == 0) {
            SortedMap<String, Object> raise = FundRaisingContract.load(ctx, (String) draft.get("projectId"));
            return Money.parse(raise.get("received"), "received");
        }
        SortedMap<String, Object> prev = (SortedMap<String, Object>) ((List<Object>) draft.get("planPath")).get(hop - 1);
        return Money.parse(prev.get("arrived"), "arrived");
    }
}
