package org.fundchain.contract;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.SortedMap;
import java.util.TreeMap;

import org.fundchain.codec.Json;

/**
 * A stored state value in canonical JSON text, with the height of the block that last wrote it. A value is
 * immutable, so small ones keep their parsed form: admission and the registry's role checks read the same
 * signer and organisation records for every transaction, and parsing them each time was a fifth of replaying a
 * block. The parsed form is shared and read-only; whoever edits a value copies it (TxStateView#mutable).
 */
public final class VersionedValue {
    /** Larger values are parsed on every read: keeping their trees would multiply the memory the state takes. */
    static final int MAX_CACHED_CHARS = 4096;

    private final String json;
    private final long version;
    private volatile Object parsed; // computed at most a few times (benign race: parsing is deterministic)

    public VersionedValue(String json, long version) {
        this.json = Objects.requireNonNull(json, "json");
        this.version = version;
    }

    public String json() {
        return json;
    }

    public long version() {
        return version;
    }

    /** The parsed value, read-only (objects, lists and their contents). */
    public Object parsed() {
        Object p = parsed;
        if (p == null) {
            p = frozen(Json.parse(json));
            if (json.length() <= MAX_CACHED_CHARS) {
                parsed = p;
            }
        }
        return p;
    }

    @SuppressWarnings("unchecked")
    private static Object frozen(Object v) {
        if (v instanceof Map) {
            SortedMap<String, Object> m = new TreeMap<>();
            for (Map.Entry<String, Object> e : ((Map<String, Object>) v).entrySet()) {
                m.put(e.getKey(), frozen(e.getValue()));
            }
            return Collections.unmodifiableSortedMap(m);
        }
        if (v instanceof List) {
            List<Object> l = new ArrayList<>(((List<Object>) v).size());
            for (Object o : (List<Object>) v) {
                l.add(frozen(o));
            }
            return Collections.unmodifiableList(l);
        }
        return v;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof VersionedValue v && v.version == version && v.json.equals(json);
    }

    @Override
    public int hashCode() {
        return json.hashCode() * 31 + Long.hashCode(version);
    }

    @Override
    public String toString() {
        return "VersionedValue[json=" + json + ", version=" + version + "]";
    }
}
