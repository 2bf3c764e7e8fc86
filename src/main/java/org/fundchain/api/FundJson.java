package org.fundchain.api;

import java.lang.reflect.RecordComponent;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

import org.fundchain.contract.api.Money;

/**
 * The fund read model's records as JSON values for {@code codec.Json}: a record becomes an object of its components
 * (nulls left out), money a string "123.45" as in transactions, collections arrays.
 */
final class FundJson {
    private FundJson() {
    }

    static Object of(Object v) {
        if (v == null || v instanceof String || v instanceof Boolean || v instanceof Long || v instanceof Integer) {
            return v instanceof Integer i ? Long.valueOf(i) : v;
        }
        if (v instanceof BigDecimal b) {
            return Money.format(b);
        }
        if (v instanceof Number n) {
            return n.longValue();
        }
        if (v instanceof Map<?, ?> m) {
            SortedMap<String, Object> out = new TreeMap<>();
            for (Map.Entry<?, ?> e : m.entrySet()) {
                out.put(String.valueOf(e.getKey()), of(e.getValue()));
            }
            return out;
        }
        if (v instanceof Collection<?> c) {
            List<Object> out = new ArrayList<>(c.size());
            for (Object o : c) {
                out.add(of(o));
            }
            return out;
        }
        if (v instanceof Record r) {
            SortedMap<String, Object> out = new TreeMap<>();
            for (RecordComponent rc : r.getClass().getRecordComponents()) {
                try {
                    Object x = rc.getAccessor().invoke(r);
                    if (x != null) {
                        out.put(rc.getName(), of(x));
                    }
                } catch (ReflectiveOperationException e) {
                    throw new IllegalStateException("cannot read " + rc, e);
                }
            }
            return out;
        }
        if (v instanceof Enum<?> e) {
            return e.name();
        }
        return v.toString();
    }
}
