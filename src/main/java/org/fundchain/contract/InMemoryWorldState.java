package org.fundchain.contract;

import java.util.Collections;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentSkipListMap;

/**
 * World state in a sorted map; for tests, the simulator and a node's in-memory state. One writer at a
 * time; the map is concurrent so other threads may read single entries while blocks execute.
 */
public final class InMemoryWorldState implements WorldState {
    private final ConcurrentSkipListMap<StateKey, VersionedValue> entries = new ConcurrentSkipListMap<>();

    @Override
    public VersionedValue get(String contract, String key) {
        return entries.get(new StateKey(contract, key));
    }

    @Override
    public SortedMap<String, VersionedValue> scan(String contract, String prefix) {
        SortedMap<String, VersionedValue> out = new TreeMap<>();
        for (Map.Entry<StateKey, VersionedValue> e : entries.tailMap(new StateKey(contract, prefix), true).entrySet()) {
            if (!e.getKey().contract().equals(contract) || !e.getKey().key().startsWith(prefix)) {
                break;
            }
            out.put(e.getKey().key(), e.getValue());
        }
        return out;
    }

    @Override
    public void apply(SortedMap<StateKey, String> writes, long height) {
        for (Map.Entry<StateKey, String> w : writes.entrySet()) {
            if (w.getValue() == null) {
                entries.remove(w.getKey());
            } else {
                entries.put(w.getKey(), new VersionedValue(w.getValue(), height));
            }
        }
    }

    @Override
    public SortedMap<StateKey, VersionedValue> entries() {
        return Collections.unmodifiableSortedMap(entries);
    }
}
