package org.fundchain.contract;

import java.util.SortedMap;
import java.util.TreeMap;

import org.fundchain.contract.api.Signer;

/**
 * What the runtime needs from a verified transaction: its hash, its signer and the call it asks for.
 * The ledger's transaction envelope (signature checks, nonce, payload) maps onto this.
 */
public record TransactionCall(String txHash, Signer signer, String contract, String method,
                              SortedMap<String, Object> args) {

    public TransactionCall {
        if (txHash == null || txHash.isEmpty() || signer == null || contract == null || method == null) {
            throw new IllegalArgumentException("txHash, signer, contract and method are required");
        }
        args = args == null ? new TreeMap<>() : args;
    }
}
