package org.fundchain.fund;

import java.math.BigDecimal;

/** One hop of a draft's PlanPath: who pays whom how much by when, and how much has arrived so far. */
public record PlannedHop(int hop, String payer, String payerAccount, String payee, String payeeAccount,
        BigDecimal amount, BigDecimal arrived, long deadline) {

    public boolean complete() {
        return arrived.compareTo(amount) >= 0;
    }
}
