package org.fundchain.contracts;

import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.SortedSet;
import java.util.TreeSet;

import org.fundchain.contract.api.Contract;

/** Name, version and method list held as data; subclasses only write {@code execute}. */
abstract class BusinessContract implements Contract {
    private final String name;
    private final int version;
    private final SortedSet<String> methods;
    private final SortedSet<String> reads;

    /** @param reads the read methods ({@link Contract#readMethods()}), each also one of {@code methods} */
    BusinessContract(String name, int version, List<String> reads, String... methods) {
        this.name = name;
        this.version = version;
        this.methods = Collections.unmodifiableSortedSet(new TreeSet<>(Arrays.asList(methods)));
        this.reads = Collections.unmodifiableSortedSet(new TreeSet<>(reads));
        if (!this.methods.containsAll(this.reads)) {
            throw new IllegalArgumentException(name + ": read methods " + reads + " are not all methods");
        }
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

    @Override
    public final SortedSet<String> readMethods() {
        return reads;
    }
}
