package org.fundchain.contract.api;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * Reading and building canonical JSON values without the codec: typed getters that turn a missing or
 * malformed argument into a {@link ContractException#BAD_ARGUMENT} refusal, and small builders.
 */
public final class Args {
    /** Longest text a contract accepts in one field; inputs are hostile until checked. */
    public static final int MAX_TEXT = 2000;

    private Args() {
    }

    public static String string(Map<String, Object> m, String key) {
        Object v = m.get(key);
        if (!(v instanceof String s) || s.isBlank()) {
            throw ContractException.badArgument("'" + key + "' is required (text)");
        }
        if (s.length() > MAX_TEXT) {
            throw ContractException.badArgument("'" + key + "' is longer than " + MAX_TEXT + " characters");
        }
        return s;
    }

    /** The text, or {@code dflt} when absent or empty. */
    public static String optString(Map<String, Object> m, String key, String dflt) {
        return m.get(key) == null || "".equals(m.get(key)) ? dflt : string(m, key);
    }

    public static long longValue(Map<String, Object> m, String key) {
        Object v = m.get(key);
        try {
            if (v instanceof BigDecimal d) {
                return d.longValueExact();
            }
            if (v instanceof Long || v instanceof Integer) {
                return ((Number) v).longValue();
            }
            if (v instanceof String s) {
                return Long.parseLong(s);
            }
        } catch (ArithmeticException | NumberFormatException e) {
            // falls through to the refusal below
        }
        throw ContractException.badArgument("'" + key + "' is required (a whole number)");
    }

    public static long optLong(Map<String, Object> m, String key, long dflt) {
        return m.get(key) == null ? dflt : longValue(m, key);
    }

    public static boolean bool(Map<String, Object> m, String key, boolean dflt) {
        Object v = m.get(key);
        if (v == null) {
            return dflt;
        }
        if (v instanceof Boolean b) {
            return b;
        }
        throw ContractException.badArgument("'" + key + "' must be true or false");
    }

    public static BigDecimal money(Map<String, Object> m, String key) {
        return Money.parsePositive(m.get(key), "'" + key + "'");
    }

    @SuppressWarnings("unchecked")
    public static List<Object> list(Map<String, Object> m, String key) {
        Object v = m.get(key);
        if (!(v instanceof List)) {
            throw ContractException.badArgument("'" + key + "' is required (a list)");
        }
        return (List<Object>) v;
    }

    public static List<String> stringList(Map<String, Object> m, String key) {
        List<String> out = new ArrayList<>();
        for (Object o : list(m, key)) {
            if (!(o instanceof String s) || s.isBlank() || s.length() > MAX_TEXT) {
                throw ContractException.badArgument("'" + key + "' must be a list of non-empty texts");
            }
            out.add(s);
        }
        return out;
    }

    @SuppressWarnings("unchecked")
    public static SortedMap<String, Object> object(Object v, String what) {
        if (!(v instanceof Map)) {
            throw ContractException.badArgument(what + " must be an object");
        }
        return new TreeMap<>((Map<String, Object>) v);
    }

    /** A sorted map from alternating key/value pairs; {@code null} values are left out. */
    public static SortedMap<String, Object> of(Object... keyValues) {
        if (keyValues.length % 2 != 0) {
            throw new IllegalArgumentException("key/value pairs expected");
        }
        SortedMap<String, Object> m = new TreeMap<>();
        for (int i = 0; i < keyValues.length; i += 2) {
            if (keyValues[i + 1] != null) {
                m.put((String) keyValues[i], keyValues[i + 1]);
            }
        }
        return m;
    }

    /** Reads a stored number (BigDecimal after a round trip, Long before) as a long. */
    public static long asLong(Object v) {
        if (v instanceof BigDecimal d) {
            return d.longValueExact();
        }
        return ((Number) v).longValue();
    }
}
