package org.fundchain.node;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentSkipListMap;

import org.fundchain.contract.StateKey;
import org.fundchain.contract.VersionedValue;
import org.fundchain.contract.WorldState;
import org.fundchain.ledger.jpa.LedgerStore;
import org.fundchain.ledger.jpa.StateRecord;

/**
 * The world state of one chain as the contract runtime sees it: all of it in memory (loaded from the
 * ledger at start), with the keys written since the last block remembered so the block's state changes
 * are stored in the same database transaction as the block. Written only by the chain's event loop; the
 * map is concurrent so REST threads may read single entries (e.g. admission) while blocks execute.
 */
final class LedgerWorldState implements WorldState {
    private final ConcurrentSkipListMap<StateKey, VersionedValue> entries = new ConcurrentSkipListMap<>();
    private final TreeMap<StateKey, String> dirty = new TreeMap<>();

    static LedgerWorldState load(List<StateRecord> records) {
        LedgerWorldState s = new LedgerWorldState();
        for (StateRecord r : records) {
            s.entries.put(new StateKey(r.contract(), r.key()), new VersionedValue(r.value(), r.version()));
        }
        return s;
    }

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
            dirty.put(w.getKey(), w.getValue());
        }
    }

    @Override
    public SortedMap<StateKey, VersionedValue> entries() {
        return Collections.unmodifiableSortedMap(entries);
    }

    /** The state changes since the last call, in key order, for {@link LedgerStore#append}. */
    List<LedgerStore.StateWrite> drainWrites() {
        List<LedgerStore.StateWrite> out = new ArrayList<>(dirty.size());
        for (Map.Entry<StateKey, String> e : dirty.entrySet()) {
            out.add(new LedgerStore.StateWrite(e.getKey().contract(), e.getKey().key(), e.getValue()));
        }
        dirty.clear();
        return out;
    }
}
