package org.fundchain.contract.api;

import java.util.SortedMap;
import java.util.SortedSet;

/**
 * A named, versioned piece of deterministic business logic. Every node runs the same contracts on the same
 * transactions in the same order and must reach the same state: an implementation may only look at its
 * {@link ContractContext} and arguments (no clock, random, I/O, static mutable state, unordered iteration
 * or floating point).
 */
public interface Contract {

    /** Stable name used in transactions ({@code "contract"} field) and as the state namespace. */
    String name();

    /** Version of the logic; a changed behaviour needs a new version. */
    int version();

    /** The methods a transaction may call, in sorted order. */
    SortedSet<String> methods();

    /**
     * The methods among {@link #methods()} that read: each answers with a record of the world state (anyone's,
     * as far as the contract's own check goes), not with the outcome of the signer's own action — also when the
     * method settles that record first (reconciliation.checking). The node shows such
     * an outcome only to readers who may see everything (fund.ChainAccess) — one list, kept with the method.
     */
    default SortedSet<String> readMethods() {
        return java.util.Collections.emptySortedSet();
    }

    /**
     * Called once at genesis with this contract's section of the genesis document (an empty map when the
     * document has none), so that every node starts from identical state. Refusing aborts genesis. There is
     * no signer at genesis ({@code ctx.signer()} is null) and the height is 0.
     */
    default void init(ContractContext ctx, SortedMap<String, Object> genesis) {
    }

    /**
     * Runs one method. Returns a canonical JSON value (map, list, string, BigDecimal, Long, Boolean or null)
     * that becomes the receipt's result. Throwing {@link ContractException} rejects the transaction and
     * discards every write it made, including writes of contracts it called.
     */
    Object execute(ContractContext ctx, String method, SortedMap<String, Object> args);
}
