package org.fundchain.contract;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

import org.fundchain.codec.CodecException;
import org.fundchain.codec.Json;
import org.fundchain.contract.api.ContractException;
import org.fundchain.contract.api.State;

/**
 * One contract's state as seen inside a transaction: committed world state overlaid with the transaction's
 * pending writes. Values cross the boundary as canonical JSON text, so contracts can never alias stored data.
 */
final class TxStateView implements State {
    static final int MAX_KEY = ContractLimits.MAX_STATE_KEY_CHARS;
    static final int MAX_VALUE = ContractLimits.MAX_STATE_VALUE_CHARS;

    private final WorldState world;
    private final SortedMap<StateKey, String> writes;
    private final String contract;
    private final boolean writable;

    TxStateView(WorldState world, SortedMap<StateKey, String> writes, String contract, boolean writable) {
        this.world = world;
        this.writes = writes;
        this.contract = contract;
        this.writable = writable;
    }

    @Override
    public Object get(String key) {
        String json = raw(key);
        return json == null ? null : mutable(Json.parse(json));
    }

    /** The codec hands out read-only collections; contracts get their own mutable copy to edit and put back. */
    @SuppressWarnings("unchecked")
    static Object mutable(Object v) {
        if (v instanceof Map) {
            SortedMap<String, Object> m = new TreeMap<>();
            for (Map.Entry<String, Object> e : ((Map<String, Object>) v).entrySet()) {
                m.put(e.getKey(), mutable(e.getValue()));
            }
            return m;
        }
        if (v instanceof List) {
            List<Object> l = new ArrayList<>();
            for (Object o : (List<Object>) v) {
                l.add(mutable(o));
            }
            return l;
        }
        return v;
    }

    @Override
    @SuppressWarnings("unchecked")
    public SortedMap<String, Object> getObject(String key) {
        Object v = get(key);
        if (v != null && !(v instanceof SortedMap)) {
            throw new IllegalStateException("state " + contract + "/" + key + " is not an object");
        }
        return (SortedMap<String, Object>) v;
    }

    @Override
    public boolean has(String key) {
        return raw(key) != null;
    }

    @Override
    public void put(String key, Object value) {
        requireWritable();
        checkKey(key);
        if (value == null) {
            throw new IllegalArgumentException("null state value for " + key + " (use delete)");
        }
        String json;
        try {
            json = Json.write(value);
        } catch (CodecException | IllegalArgumentException e) {
            throw new IllegalArgumentException("state value for " + key + " is not canonical JSON: " + e.getMessage(), e);
        }
        // canonical JSON escapes NUL and every control character; a lone surrogate it keeps as it is, and PostgreSQL's
        // driver would store it as '?' (results and events are refused one when they are parsed back; so is a value)
        if (loneSurrogate(json) >= 0) {
            throw new IllegalArgumentException("state value for " + key + " is not valid Unicode (a lone surrogate)");
        }
        if (json.length() > MAX_VALUE) {
            throw new ContractException(ContractLimits.STATE_TOO_LARGE, "state value for " + key + " has " + json.length()
                    + " characters; at most " + MAX_VALUE + " are allowed");
        }
        writes.put(new StateKey(contract, key), json);
    }

    @Override
    public void delete(String key) {
        requireWritable();
        checkKey(key);
        writes.put(new StateKey(contract, key), null);
    }

    @Override
    public SortedMap<String, Object> scan(String prefix) {
        SortedMap<String, String> merged = new TreeMap<>();
        for (Map.Entry<String, VersionedValue> e : world.scan(contract, prefix).entrySet()) {
            merged.put(e.getKey(), e.getValue().json());
        }
        for (Map.Entry<StateKey, String> w : writes.tailMap(new StateKey(contract, prefix)).entrySet()) {
            if (!w.getKey().contract().equals(contract) || !w.getKey().key().startsWith(prefix)) {
                break;
            }
            if (w.getValue() == null) {
                merged.remove(w.getKey().key());
            } else {
                merged.put(w.getKey().key(), w.getValue());
            }
        }
        SortedMap<String, Object> out = new TreeMap<>();
        for (Map.Entry<String, String> e : merged.entrySet()) {
            out.put(e.getKey(), mutable(Json.parse(e.getValue())));
        }
        return out;
    }

    private String raw(String key) {
        StateKey k = new StateKey(contract, key);
        if (writes.containsKey(k)) {
            return writes.get(k);
        }
        VersionedValue v = world.get(contract, key);
        return v == null ? null : v.json();
    }

    private void requireWritable() {
        if (!writable) {
            throw new IllegalStateException("state of contract '" + contract + "' is read-only here");
        }
    }

    private static void checkKey(String key) {
        if (key == null || key.isEmpty() || key.length() > MAX_KEY) {
            throw new IllegalArgumentException("state key must have 1.." + MAX_KEY + " characters");
        }
        // Stored as text in WORLD_STATE.STATE_KEY: PostgreSQL refuses NUL, and its driver stores a lone surrogate as
        // '?' (another key after a restart). Whatever a database would refuse or change is refused here, on every node.
        if (key.indexOf('\u0000') >= 0) {
            throw new IllegalArgumentException("state key must not contain the NUL character (U+0000)");
        }
        int lone = loneSurrogate(key);
        if (lone >= 0) {
            throw new IllegalArgumentException("state key must be valid Unicode (a lone surrogate at " + lone + ")");
        }
    }

    /** The index of the first surrogate that is not half of a pair, or -1. */
    static int loneSurrogate(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))) {
                i++;
            } else if (Character.isSurrogate(c)) {
                return i;
            }
        }
        return -1;
    }
}
