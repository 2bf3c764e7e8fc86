package org.fundchain.contracts.scenario;

import java.util.SortedMap;

/**
 * One transaction to sign and submit: who (an actor name from {@link Scenario#actors()}), what, and the
 * expected outcome. {@code atOffsetMs} is the earliest moment (from the scenario's base time) it may be
 * submitted; {@code lane} groups the specs that must run in order (one lane per project, plus "final"), so a
 * cluster driver may run lanes in parallel and must run "final" last.
 *
 * @param expectCommitted whether the transaction must commit
 * @param expectedError   for an expected rejection, the accepted error codes separated by '|'
 */
public record TxSpec(int index, String lane, long atOffsetMs, String actor, String contract, String method,
                     SortedMap<String, Object> args, boolean expectCommitted, String expectedError, String note) {
}
