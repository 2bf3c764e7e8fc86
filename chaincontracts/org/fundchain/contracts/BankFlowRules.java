package org.fundchain.contracts;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeSet;

import org.fundchain.contract.api.ContractException;
import org.fundchain.contract.api.Money;

/**
 * The one definition of a bank flow's fields ({@code reconciliation.pushFlow} args). The contract enforces it on
 * every path a flow can take (/transactions, /bank-flows, the portal); REST resources and Faces beans call
 * {@link #problem} to answer with the same reason before anything is signed or submitted.
 *
 * <p>Fields: {@code serialNumber} 1-64 of [A-Za-z0-9_-]; {@code amount} a decimal string, positive, at most two
 * decimals and {@link Money#MAX}; {@code payerAccount}, {@code payeeAccount} 1-64 of [A-Za-z0-9_.-];
 * {@code remitTime} a whole number of epoch milliseconds, not negative; {@code memo} optional text of at most
 * {@link #MAX_MEMO_CHARS} characters. Nothing else.
 */
public final class BankFlowRules {
    public static final int MAX_SERIAL_CHARS = 64;
    public static final int MAX_ACCOUNT_CHARS = 64;
    public static final int MAX_MEMO_CHARS = 256;
    public static final String SERIAL_PATTERN = "[A-Za-z0-9_-]{1," + MAX_SERIAL_CHARS + "}";
    public static final String ACCOUNT_PATTERN = "[A-Za-z0-9_.-]{1," + MAX_ACCOUNT_CHARS + "}";
    /** The fields a bank flow has, in name order. */
    public static final List<String> FIELDS = List.of("amount", "memo", "payeeAccount", "payerAccount", "remitTime",
            "serialNumber");

    private BankFlowRules() {
    }

    /** Why these pushFlow args are not a valid bank flow, or {@code null} when they are. */
    public static String problem(Object argsValue) {
        if (!(argsValue instanceof Map<?, ?> args)) {
            return "args must be an object";
        }
        TreeSet<String> keys = new TreeSet<>();
        for (Object k : args.keySet()) {
            keys.add(String.valueOf(k));
        }
        for (String k : keys) {
            if (!FIELDS.contains(k)) {
                return "unknown field '" + clip(k) + "'; a bank flow has " + FIELDS;
            }
        }
        if (!(args.get("serialNumber") instanceof String s) || !s.matches(SERIAL_PATTERN)) {
            return "serialNumber must be 1-" + MAX_SERIAL_CHARS + " letters, digits, '_' or '-'";
        }
        if (!(args.get("amount") instanceof String a) || !a.matches("[0-9]{1,13}(\\.[0-9]{1,2})?")) {
            return "amount must be a decimal string with at most two decimals, e.g. \"1250.00\"";
        }
        BigDecimal value = new BigDecimal((String) args.get("amount"));
        if (value.signum() <= 0 || value.compareTo(Money.MAX) > 0) {
            return "amount must be positive and at most " + Money.format(Money.MAX);
        }
        for (String f : List.of("payerAccount", "payeeAccount")) {
            if (!(args.get(f) instanceof String t) || !t.matches(ACCOUNT_PATTERN)) {
                return f + " must be 1-" + MAX_ACCOUNT_CHARS + " letters, digits, '_', '.', '-'";
            }
        }
        if (remitTime(args.get("remitTime")) < 0) {
            return "remitTime must be epoch milliseconds (a whole number, not negative)";
        }
        Object memo = args.get("memo");
        if (memo != null && (!(memo instanceof String t) || t.length() > MAX_MEMO_CHARS)) {
            return "memo must be text of at most " + MAX_MEMO_CHARS + " characters";
        }
        return null;
    }

    /** Refuses (BAD_ARGUMENT, with {@link #problem}'s reason) args that are not a valid bank flow. */
    public static void check(SortedMap<String, Object> args) {
        String problem = problem(args);
        if (problem != null) {
            throw ContractException.badArgument(problem);
        }
    }

    /** The remit time of valid args; -1 when it is not a whole, non-negative number that fits a long. */
    static long remitTime(Object v) {
        if (v instanceof Long || v instanceof Integer) {
            return ((Number) v).longValue();
        }
        if (v instanceof BigDecimal d) {
            try {
                return d.signum() < 0 || d.scale() > 0 ? -1 : d.longValueExact();
            } catch (ArithmeticException e) {
                return -1;
            }
        }
        return -1;
    }

    private static String clip(String s) {
        return s.length() > 64 ? s.substring(0, 64) + "…" : s;
    }
}
