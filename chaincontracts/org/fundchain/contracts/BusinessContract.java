package org.fundchain.contracts;

import java.util.Arrays;
import java.util.Collections;
import java.util.SortedSet;
import java.util.TreeSet;

import org.fundchain.contract.api.Contract;

/** Name, version and method list held as data; subclasses only write {@code execute}. */
abstract class BusinessContract implements Contract {
    private final String name;
    private final int version;
    private final SortedSet<String> methods;

    BusinessContract(String name, int version, String... methods) {
        this.name = name;
        this.version = version;
        this.methods = Collections.unmodifiableSortedSet(new TreeSet<>(Arrays.asList(methods)));
    }

    @Override
    public final String name() {
        return name;
    }

    @Override
    public final int version() {
        return version;
    }

    @Override
    public final SortedSet<String> methods() {
        return methods;
    }
}
