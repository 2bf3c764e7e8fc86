package org.fundchain.fund;

import java.math.BigDecimal;

/**
 * A reconciliation record keyed by bank serial number: the paying unit's registration and/or the bank's pushed
 * flow. Status: PENDING_FLOW (registered, no bank flow yet), PENDING_REGISTRATION (flow pushed, nobody
 * registered it), MATCHED, MISMATCHED, UNMATCHED (past the threshold). Registration fields are null while only
 * the flow is there and vice versa. {@code county}/{@code township} come from the draft's project, if known.
 */
public record FlowView(String serialNumber, String status, long since, Long checkedAt,
        String draftId, Integer hop, BigDecimal registeredAmount, String registeredBy, Long registeredAt,
        BigDecimal flowAmount, String payerAccount, String payeeAccount, Long remitTime, String memo, String bank,
        Long pushedAt, String county, String township, String payerOrg, String payeeOrg) {

    public boolean pending() {
        return status.startsWith("PENDING");
    }
}
