package org.fundchain.contract;

import java.util.List;
import java.util.SortedMap;
import java.util.TreeMap;

import org.fundchain.codec.Json;

/**
 * Outcome of one transaction: COMMITTED with a result and events, or REJECTED with a code and reason (and
 * no state change). Deterministic, so every node produces the same receipt. Its code and message are cut to
 * {@link ContractLimits#MAX_ERROR_CODE_CHARS} and {@link ContractLimits#MAX_ERROR_MESSAGE_CHARS}, whoever builds
 * it; the runtime makes sure its whole {@link #text()} fits {@link ContractLimits#MAX_RECEIPT_CHARS}.
 */
public record Receipt(String txHash, Status status, Object result, String errorCode, String errorMessage,
                      List<SortedMap<String, Object>> events) {

    public enum Status { COMMITTED, REJECTED }

    public Receipt {
        errorCode = cut(errorCode, ContractLimits.MAX_ERROR_CODE_CHARS);
        errorMessage = cut(errorMessage, ContractLimits.MAX_ERROR_MESSAGE_CHARS);
        events = events == null ? List.of() : events;
    }

    /** A rejection: no result, no events. */
    public static Receipt rejected(String txHash, String code, String message) {
        return new Receipt(txHash, Status.REJECTED, null, code, message, List.of());
    }

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

    /** The canonical JSON text of {@link #toJson()}: what a node stores and signs for this transaction. */
    public String text() {
        return Json.write(toJson());
    }

    @Override
    public String toString() {
        return committed() ? "COMMITTED " + result : "REJECTED " + errorCode + ": " + errorMessage;
    }

    /** The first {@code max} characters, never ending inside a surrogate pair (so the text stays valid UTF-16). */
    static String cut(String s, int max) {
        if (s == null || s.length() <= max) {
            return s;
        }
        int end = max;
        if (Character.isHighSurrogate(s.charAt(end - 1))) {
            end--;
        }
        return s.substring(0, end);
    }
}
