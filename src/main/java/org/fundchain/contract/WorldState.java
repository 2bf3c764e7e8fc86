package org.fundchain.contract;

import java.util.SortedMap;

/**
 * Committed contract state: (contract, key) → canonical JSON value with a version (height of last write).
 * The in-memory implementation serves tests and the simulator; the node backs it with JPA so that state
 * changes commit in the same database transaction as their block.
 */
public interface WorldState {

    VersionedValue get(String contract, String key);

    /** Entries of one contract whose key starts with {@code prefix}, in key order. */
    SortedMap<String, VersionedValue> scan(String contract, String prefix);

    /** Applies a transaction's writes ({@code null} json = delete) at the given height. */
    void apply(SortedMap<StateKey, String> writes, long height);

    /** Every entry in (contract, key) order: the input of the state root. */
    SortedMap<StateKey, VersionedValue> entries();
}
