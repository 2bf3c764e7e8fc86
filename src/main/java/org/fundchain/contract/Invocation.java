package org.fundchain.contract;

import java.util.List;
import java.util.SortedMap;
import java.util.TreeMap;

import org.fundchain.codec.Json;
import org.fundchain.contract.api.Contract;
import org.fundchain.contract.api.ContractContext;
import org.fundchain.contract.api.ContractException;
import org.fundchain.contract.api.Signer;
import org.fundchain.contract.api.State;

/** One transaction's call tree: shared write set and events, one {@link ContractContext} per call frame. */
final class Invocation {
    static final int MAX_DEPTH = 8;

    private final ContractRuntime runtime;
    private final String txHash;
    private final Signer signer;
    private final long height;
    private final long time;
    private final SortedMap<StateKey, String> writes;
    private final List<SortedMap<String, Object>> events;
    private int depth;

    Invocation(ContractRuntime runtime, String txHash, Signer signer, long height, long time,
               SortedMap<StateKey, String> writes, List<SortedMap<String, Object>> events) {
        this.runtime = runtime;
        this.txHash = txHash;
        this.signer = signer;
        this.height = height;
        this.time = time;
        this.writes = writes;
        this.events = events;
    }

    Object invoke(String contractName, String method, SortedMap<String, Object> args, String caller) {
        Contract c = runtime.registry().get(contractName);
        if (c == null) {
            throw new ContractException(ContractRuntime.NO_SUCH_CONTRACT, "no contract named '" + contractName + "'");
        }
        if (!c.methods().contains(method)) {
            throw new ContractException(ContractException.NO_SUCH_METHOD,
                    "contract '" + contractName + "' has no method '" + method + "' (has " + c.methods() + ")");
        }
        if (depth >= MAX_DEPTH) {
            throw new ContractException(ContractRuntime.CONTRACT_ERROR, "contract call depth exceeds " + MAX_DEPTH);
        }
        depth++;
        try {
            // a defensive copy: the callee must not see later changes the caller makes to its map
            SortedMap<String, Object> copy = args == null ? new TreeMap<>() : deepCopy(args);
            return c.execute(contextFor(contractName, caller), method, copy);
        } finally {
            depth--;
        }
    }

    ContractContext contextFor(String contractName, String caller) {
        return new Frame(contractName, caller);
    }

    @SuppressWarnings("unchecked")
    private static SortedMap<String, Object> deepCopy(SortedMap<String, Object> args) {
        return (SortedMap<String, Object>) TxStateView.mutable(Json.parse(Json.write(args)));
    }

    private final class Frame implements ContractContext {
        private final String contract;
        private final String caller;

        Frame(String contract, String caller) {
            this.contract = contract;
            this.caller = caller;
        }

        @Override
        public String chainId() {
            return runtime.chainId();
        }

        @Override
        public String txHash() {
            return txHash;
        }

        @Override
        public Signer signer() {
            return signer;
        }

        @Override
        public long blockHeight() {
            return height;
        }

        @Override
        public long blockTime() {
            return time;
        }

        @Override
        public State state() {
            return new TxStateView(runtime.world(), writes, contract, true);
        }

        @Override
        public State stateOf(String other) {
            return new TxStateView(runtime.world(), writes, other, false);
        }

        @Override
        public Object call(String other, String method, SortedMap<String, Object> args) {
            return invoke(other, method, args, contract);
        }

        @Override
        public String caller() {
            return caller;
        }

        @Override
        public void emit(String type, SortedMap<String, Object> data) {
            SortedMap<String, Object> e = new TreeMap<>();
            e.put("contract", contract);
            e.put("type", type);
            e.put("data", Json.parse(Json.write(data)));
            events.add(e);
        }
    }
}
