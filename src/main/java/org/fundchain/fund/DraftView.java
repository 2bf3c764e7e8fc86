package org.fundchain.fund;

import java.math.BigDecimal;
import java.util.List;

/**
 * A digital draft (SPEC §1.3) with its planned and actual path. Status: ISSUED, IN_TRANSIT, ARRIVED, ACCEPTED,
 * FROZEN, CANCELLED, EXPIRED. {@code county}/{@code township}/{@code projectName} come from its project.
 */
public record DraftView(String draftId, String projectId, String projectName, String county, String township,
        String status, BigDecimal amount, BigDecimal arrived, BigDecimal released, String issuerOrg,
        String issuerSigner, String instructionTx, long createdAt, long expiry, String purpose, BigDecimal perHopCap,
        List<String> finalPayees, int currentHop, List<PlannedHop> planPath, List<ActualTransfer> actualPath,
        List<Release> releases, List<StatusChange> history) {

    /** Organisations on the path (payers and payees) plus the final payees. */
    public List<String> parties() {
        java.util.TreeSet<String> s = new java.util.TreeSet<>(finalPayees);
        for (PlannedHop h : planPath) {
            s.add(h.payer());
            s.add(h.payee());
        }
        return List.copyOf(s);
    }
}
