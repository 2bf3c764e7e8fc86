package org.fundchain.contract;

import java.util.List;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * Outcome of one transaction: COMMITTED with a result and events, or REJECTED with a code and reason (and
 * no state change). Deterministic, so every node produces the same receipt.
 */
public record Receipt(String txHash, Status status, Object result, String errorCode, String errorMessage,
                      List<SortedMap<String, Object>> events) {

    public enum Status { COMMITTED, REJECTED }

    public boolean committed() {
        return status == Status.COMMITTED;
    }

    /** Canonical JSON form (for hashing receipts and for the REST API). */
    public SortedMap<String, Object> toJson() {
        SortedMap<String, Object> m = new TreeMap<>();
        m.put("txHash", txHash);
        m.put("status", status.name());
        m.put("result", result);
        if (errorCode != null) {
            m.put("errorCode", errorCode);
            m.put("errorMessage", errorMessage);
        }
        m.put("events", events);
        return m;
    }

    @Override
    public String toString() {
        return committed() ? "COMMITTED " + result : "REJECTED " + errorCode + ": " + errorMessage;
    }
}
