package org.fundchain.node;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

import org.fundchain.contract.InMemoryWorldState;
import org.fundchain.contract.StateKey;
import org.fundchain.contract.VersionedValue;
import org.fundchain.contract.WorldState;
import org.fundchain.ledger.jpa.LedgerStore;
import org.fundchain.ledger.jpa.StateRecord;

/**
 * The world state of one chain as the contract runtime sees it: all of it in memory (loaded from the
 * ledger at start), with the keys written since the last block remembered so that the block's state
 * changes are stored in the same database transaction as the block. Written only by the chain's event
 * loop; REST threads may read single entries (e.g. admission) meanwhile.
 */
final class LedgerWorldState implements WorldState {
    private final InMemoryWorldState state = new InMemoryWorldState();
    private final TreeMap<StateKey, String> dirty = new TreeMap<>();

    static LedgerWorldState load(List<StateRecord> records) {
        LedgerWorldState s = new LedgerWorldState();
        TreeMap<Long, TreeMap<StateKey, String>> byVersion = new TreeMap<>();
        for (StateRecord r : records) {
            byVersion.computeIfAbsent(r.version(), v -> new TreeMap<>()).put(new StateKey(r.contract(), r.key()), r.value());
        }
        for (Map.Entry<Long, TreeMap<StateKey, String>> e : byVersion.entrySet()) {
            s.state.apply(e.getValue(), e.getKey());
        }
        return s;
    }

    @Override
    public VersionedValue get(String contract, String key) {
        return state.get(contract, key);
    }

    @Override
    public SortedMap<String, VersionedValue> scan(String contract, String prefix) {
        return state.scan(contract, prefix);
    }

    @Override
    public void apply(SortedMap<StateKey, String> writes, long height) {
        state.apply(writes, height);
        dirty.putAll(writes);
    }

    @Override
    public SortedMap<StateKey, VersionedValue> entries() {
        return state.entries();
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
