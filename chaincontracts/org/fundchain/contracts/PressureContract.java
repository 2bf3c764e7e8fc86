package org.fundchain.contracts;

import java.util.List;
import java.util.Map;
import java.util.SortedMap;

import org.fundchain.contract.api.Args;
import org.fundchain.contract.api.ContractContext;
import org.fundchain.contract.api.ContractException;

/**
 * The thesis' load contract (SPEC §4): account A starts at 100 and {@code add} adds 1. Used to measure TPS
 * with the thesis' formula; any admitted signer with a business role may call it, and the load client (LOAD). State {@code account/<name>} → whole number.
 */
public final class PressureContract extends BusinessContract {
    public static final String NAME = "pressure";

    public PressureContract() {
        super(NAME, 1, List.of(), "add", "get");
    }

    /** Genesis: {@code {"accounts": {"A": 100}}}; without a section, account A starts at 100. */
    @Override
    public void init(ContractContext ctx, SortedMap<String, Object> genesis) {
        SortedMap<String, Object> accounts = genesis.get("accounts") == null ? Args.of("A", 100L)
                : Args.object(genesis.get("accounts"), "accounts");
        for (Map.Entry<String, Object> e : accounts.entrySet()) {
            ctx.state().put("account/" + e.getKey(), Args.longValue(accounts, e.getKey()));
        }
    }

    @Override
    public Object execute(ContractContext ctx, String method, SortedMap<String, Object> args) {
        Access.admitted(ctx, Role.LOAD);
        String key = "account/" + Args.optString(args, "account", "A");
        Object value = ctx.state().get(key);
        if (value == null) {
            throw ContractException.notFound("no pressure account " + key.substring("account/".length()));
        }
        switch (method) {
            case "add":
                long next = Math.addExact(Args.asLong(value), 1);
                ctx.state().put(key, next);
                return next;
            case "get":
                return Args.asLong(value);
            default:
                throw new ContractException(ContractException.NO_SUCH_METHOD, method);
        }
    }
}
