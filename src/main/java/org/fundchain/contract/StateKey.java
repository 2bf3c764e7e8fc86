package org.fundchain.contract;

/** A state address: contract name and key. Ordered by contract, then key (UTF-16 code units, like the codec). */
public record StateKey(String contract, String key) implements Comparable<StateKey> {

    @Override
    public int compareTo(StateKey o) {
        int c = contract.compareTo(o.contract);
        return c != 0 ? c : key.compareTo(o.key);
    }
}
