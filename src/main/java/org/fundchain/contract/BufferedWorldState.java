package org.fundchain.contract;

import java.util.Collections;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * A block's worth of state changes held in memory over a committed {@link WorldState}: the runtime executes a
 * block against this overlay, then the node persists {@link #changes()} in the same database transaction as the
 * block (ARCHITECTURE §3 rule 4) and calls {@link #flushTo}, or throws the overlay away if the block fails.
 */
public final class BufferedWorldState implements WorldState {
    private final WorldState base;
    /** Pending changes; a null VersionedValue is a delete. */
    private final TreeMap<StateKey, VersionedValue> changes = new TreeMap<>();

    public BufferedWorldState(WorldState base) {
        this.base = base;
    }

    @Override
    public VersionedValue get(String contract, String key) {
        StateKey k = new StateKey(contract, key);
        return changes.containsKey(k) ? changes.get(k) : base.get(contract, key);
    }

    @Override
    public SortedMap<String, VersionedValue> scan(String contract, String prefix) {
        SortedMap<String, VersionedValue> out = new TreeMap<>(base.scan(contract, prefix));
        for (Map.Entry<StateKey, VersionedValue> e : changes.tailMap(new StateKey(contract, prefix), true).entrySet()) {
            if (!e.getKey().contract().equals(contract) || !e.getKey().key().startsWith(prefix)) {
                break;
            }
            if (e.getValue() == null) {
                out.remove(e.getKey().key());
            } else {
                out.put(e.getKey().key(), e.getValue());
            }
        }
        return out;
    }

    @Override
    public void apply(SortedMap<StateKey, String> writes, long height) {
        for (Map.Entry<StateKey, String> w : writes.entrySet()) {
            changes.put(w.getKey(), w.getValue() == null ? null : new VersionedValue(w.getValue(), height));
        }
    }

    @Override
    public SortedMap<StateKey, VersionedValue> entries() {
        TreeMap<StateKey, VersionedValue> out = new TreeMap<>(base.entries());
        for (Map.Entry<StateKey, VersionedValue> e : changes.entrySet()) {
            if (e.getValue() == null) {
                out.remove(e.getKey());
            } else {
                out.put(e.getKey(), e.getValue());
            }
        }
        return Collections.unmodifiableSortedMap(out);
    }

    /** The pending changes in key order (null value = delete), to persist with the block. */
    public SortedMap<StateKey, VersionedValue> changes() {
        return Collections.unmodifiableSortedMap(changes);
    }

    /** Applies the pending changes to the base state (each at its own height) and clears them. */
    public void flushTo() {
        for (Map.Entry<StateKey, VersionedValue> e : changes.entrySet()) {
            SortedMap<StateKey, String> one = new TreeMap<>();
            one.put(e.getKey(), e.getValue() == null ? null : e.getValue().json());
            base.apply(one, e.getValue() == null ? 0 : e.getValue().version());
        }
        changes.clear();
    }
}
