package org.fundchain.contract;

import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

import org.fundchain.contract.api.Signer;

/**
 * What the runtime needs from a verified transaction: its hash, its signer and the call it asks for.
 * The ledger's transaction envelope (signature checks, nonce, payload) maps onto this, through
 * {@link #fromPayload}: a payload whose {@code args} is not a JSON object becomes a call the runtime rejects
 * ({@link ContractLimits#BAD_ARGS}), never a call with no arguments.
 *
 * @param argsProblem why the payload's args cannot be run (null when they are an object)
 */
public record TransactionCall(String txHash, Signer signer, String contract, String method,
                              SortedMap<String, Object> args, String argsProblem) {

    public TransactionCall {
        if (txHash == null || txHash.isEmpty() || signer == null || contract == null || method == null) {
            throw new IllegalArgumentException("txHash, signer, contract and method are required");
        }
        args = args == null ? new TreeMap<>() : args;
    }

    public TransactionCall(String txHash, Signer signer, String contract, String method, SortedMap<String, Object> args) {
        this(txHash, signer, contract, method, args, null);
    }

    /**
     * The call a transaction payload asks for, with its {@code args} exactly as parsed: an object becomes the
     * arguments; anything else (a list, text, number, boolean or null) makes a call that is rejected on execution.
     */
    @SuppressWarnings("unchecked")
    public static TransactionCall fromPayload(String txHash, Signer signer, String contract, String method, Object args) {
        String problem = argsProblem(args);
        SortedMap<String, Object> a = problem != null ? new TreeMap<>()
                : args instanceof SortedMap ? (SortedMap<String, Object>) args : new TreeMap<>((Map<String, Object>) args);
        return new TransactionCall(txHash, signer, contract, method, a, problem);
    }

    /**
     * Why a payload's {@code args} value cannot be run, or null when it is a JSON object: the one rule for the
     * submit gate (refuse before consensus) and for execution (reject a block's transaction deterministically).
     */
    public static String argsProblem(Object args) {
        if (args instanceof Map<?, ?> m) {
            for (Object k : m.keySet()) {
                if (!(k instanceof String)) {
                    return "args must be a JSON object with text keys";
                }
            }
            return null;
        }
        return "args must be a JSON object, not " + kind(args);
    }

    private static String kind(Object v) {
        if (v == null) {
            return "null";
        }
        if (v instanceof java.util.List) {
            return "a list";
        }
        if (v instanceof String) {
            return "text";
        }
        if (v instanceof Boolean) {
            return "a boolean";
        }
        if (v instanceof Number) {
            return "a number";
        }
        return "a " + v.getClass().getSimpleName();
    }
}
