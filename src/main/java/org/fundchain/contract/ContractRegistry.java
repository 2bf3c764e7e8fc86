package org.fundchain.contract;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

import org.fundchain.contract.api.Contract;

/**
 * The contracts a chain runs, by name, each in one version. Its size is the dashboard's "running contracts".
 * Every node must register the same contracts in the same versions; {@link #describe()} is what to compare.
 */
public final class ContractRegistry {
    private final SortedMap<String, Contract> byName = new TreeMap<>();

    /** A registry holding the given contracts (e.g. {@code FundChainContracts.all()}). */
    public static ContractRegistry of(Collection<? extends Contract> contracts) {
        ContractRegistry r = new ContractRegistry();
        for (Contract c : contracts) {
            r.register(c);
        }
        return r;
    }

    public ContractRegistry register(Contract contract) {
        String name = contract.name();
        if (name == null || !name.matches("[a-z][a-z0-9_-]{0,63}")) {
            throw new IllegalArgumentException("contract name must be lower-case letters, digits, '-' or '_': " + name);
        }
        if (contract.version() < 1) {
            throw new IllegalArgumentException("contract version must be >= 1: " + name);
        }
        if (byName.containsKey(name)) {
            throw new IllegalArgumentException("contract already registered: " + name + " v" + byName.get(name).version());
        }
        byName.put(name, contract);
        return this;
    }

    public Contract get(String name) {
        return byName.get(name);
    }

    public int count() {
        return byName.size();
    }

    /** Contracts in name order: the order genesis initialises them. */
    public List<Contract> contracts() {
        return Collections.unmodifiableList(new ArrayList<>(byName.values()));
    }

    /** name → version, for the dashboard and for checking that nodes agree. */
    public SortedMap<String, Integer> describe() {
        SortedMap<String, Integer> out = new TreeMap<>();
        for (Map.Entry<String, Contract> e : byName.entrySet()) {
            out.put(e.getKey(), e.getValue().version());
        }
        return out;
    }
}
