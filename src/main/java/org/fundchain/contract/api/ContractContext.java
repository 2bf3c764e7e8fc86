package org.fundchain.contract.api;

import java.util.SortedMap;

/**
 * Everything a contract may know about the world while it runs one transaction. Times are the block's
 * timestamp (epoch milliseconds, agreed by consensus), never a local clock.
 */
public interface ContractContext {

    String chainId();

    /** Hex hash of the transaction's payload; unique per transaction, usable as a deterministic id. */
    String txHash();

    /** Who signed the transaction (unchanged through nested calls). */
    Signer signer();

    long blockHeight();

    /** Block timestamp in epoch milliseconds. */
    long blockTime();

    /** This contract's own state (read/write, part of the transaction's write set). */
    State state();

    /** Another contract's state, read-only: writes throw. Sees this transaction's earlier writes. */
    State stateOf(String contract);

    /**
     * Calls another contract's method inside the same transaction (same signer, same all-or-nothing write
     * set). The callee sees this contract's name as {@link #caller()}.
     */
    Object call(String contract, String method, SortedMap<String, Object> args);

    /** Name of the contract that called this one, or {@code null} when called directly by the transaction. */
    String caller();

    /** Records an event in the transaction's receipt (e.g. for live push); discarded if the transaction fails. */
    void emit(String type, SortedMap<String, Object> data);
}
