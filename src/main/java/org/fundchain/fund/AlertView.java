package org.fundchain.fund;

/**
 * A reconciliation alert (codes in chaincontracts/CONTRACTS.md), in sequence order. {@code draftId}/{@code hop}
 * are null for an unregistered bank flow; {@code county}/{@code township}/{@code projectId} come from the draft.
 */
public record AlertView(long seq, String code, String serialNumber, String draftId, Integer hop, String expected,
        String actual, String message, long at, long height, String txHash, String projectId, String county,
        String township) {
}
