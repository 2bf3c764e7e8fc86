package org.fundchain.contracts.scenario;

import java.util.List;
import java.util.SortedMap;
import java.util.function.Function;

import org.fundchain.contract.api.Signer;

/**
 * A generated run: the consortium (actors = organisations, one signer each, plus an unadmitted intruder),
 * its genesis, the transactions in order, and the ground truth — the alerts that must be raised and nothing
 * else, the budgets that must be raised to the fen.
 */
public record Scenario(long seed, long unmatchedThresholdMs, List<String> actors, String intruder,
                       SortedMap<String, String[]> organisations, List<TxSpec> transactions,
                       List<ExpectedAlert> expectedAlerts, SortedMap<String, String> budgets,
                       SortedMap<Anomaly, Integer> injected) {

    /**
     * The genesis document {"contracts": {...}} with the given actor → signer mapping (the caller owns the keys).
     * The intruder is deliberately not admitted.
     */
    public SortedMap<String, Object> genesis(Function<String, Signer> signerOf) {
        return ScenarioGenerator.genesis(this, signerOf);
    }
}
