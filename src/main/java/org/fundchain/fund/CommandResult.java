package org.fundchain.fund;

import java.util.Map;

/**
 * Outcome of {@link FundCommands#submit}. COMMITTED: the contract accepted it, {@code result} is its return value
 * (JSON: Map / List / String / BigDecimal / Long / Boolean). REJECTED: in a block but the contract refused it,
 * {@code code} is the contract's refusal code (FORBIDDEN, BAD_ARGUMENT, …) and {@code message} why. REFUSED: the
 * node did not accept it for ordering ({@code code} = a {@code SubmitResult.Outcome}: INVALID, BAD_SIGNATURE,
 * NOT_ADMITTED, UNKNOWN, TOO_LARGE, REPLAY, MEMPOOL_FULL, BUSY), or it is finally refused ({@code code} REFUSED: it lost
 * its (signer, nonce) to another transaction, or expired). PENDING:
 * accepted but not committed within the wait (or no wait was asked for).
 */
public record CommandResult(Status status, String txHash, Object result, String code, String message) {
    public enum Status { COMMITTED, REJECTED, REFUSED, PENDING }

    public boolean ok() {
        return status == Status.COMMITTED;
    }

    /** The result as a JSON object, or an empty map. */
    @SuppressWarnings("unchecked")
    public Map<String, Object> resultObject() {
        return result instanceof Map<?, ?> m ? (Map<String, Object>) m : Map.of();
    }
}
