package org.fundchain.contracts.scenario;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

import org.fundchain.contract.api.Args;
import org.fundchain.contract.api.Money;

/**
 * Checks a finished run against the scenario's ground truth through read-only contract queries only, so the
 * same checks work in memory and against a cluster over REST: every expected alert raised, no other alert,
 * money conserved per draft, contributions equal to the budget to the fen, every project completed.
 */
public final class ScenarioVerifier {

    /** A read-only contract call on the chain under test; returns the result value (canonical JSON). */
    @FunctionalInterface
    public interface ChainQuery {
        Object query(String contract, String method, SortedMap<String, Object> args);
    }

    private ScenarioVerifier() {
    }

    /** Problems found, empty when the run matches the ground truth. */
    public static List<String> verify(Scenario scenario, ChainQuery chain) {
        List<String> problems = new ArrayList<>();
        checkAlerts(scenario, chain, problems);
        for (Map.Entry<String, String> b : scenario.budgets().entrySet()) {
            checkMoney(b.getKey(), Money.parse(b.getValue(), "budget"), chain, problems);
        }
        return problems;
    }

    @SuppressWarnings("unchecked")
    static void checkAlerts(Scenario scenario, ChainQuery chain, List<String> problems) {
        SortedMap<String, Integer> want = new TreeMap<>();
        for (ExpectedAlert e : scenario.expectedAlerts()) {
            want.merge(e.key(), 1, Integer::sum);
        }
        SortedMap<String, Integer> got = new TreeMap<>();
        long from = 1;
        while (true) {
            List<Object> page = (List<Object>) chain.query("reconciliation", "alerts", Args.of("fromSeq", from, "limit", 500L));
            for (Object o : page) {
                Map<String, Object> a = (Map<String, Object>) o;
                got.merge(a.get("code") + " " + a.get("serialNumber"), 1, Integer::sum);
                from = Args.asLong(a.get("seq")) + 1;
            }
            if (page.size() < 500) {
                break;
            }
        }
        for (Map.Entry<String, Integer> e : want.entrySet()) {
            if (!e.getValue().equals(got.get(e.getKey()))) {
                problems.add("expected alert " + e.getKey() + " x" + e.getValue() + ", raised x" + got.getOrDefault(e.getKey(), 0));
            }
        }
        for (Map.Entry<String, Integer> e : got.entrySet()) {
            if (!want.containsKey(e.getKey())) {
                problems.add("alert without an injected anomaly: " + e.getKey() + " x" + e.getValue());
            }
        }
    }

    @SuppressWarnings("unchecked")
    static void checkMoney(String projectId, BigDecimal budget, ChainQuery chain, List<String> problems) {
        Map<String, Object> raise = (Map<String, Object>) chain.query("fundraising", "query", Args.of("projectId", projectId));
        BigDecimal tranches = Money.ZERO;
        for (Object t : ((Map<String, Object>) raise.get("tranches")).values()) {
            Map<String, Object> tr = (Map<String, Object>) t;
            BigDecimal received = Money.parse(tr.get("received"), "received");
            tranches = tranches.add(received);
            BigDecimal contributions = Money.ZERO;
            for (Object c : (List<Object>) tr.get("contributions")) {
                contributions = contributions.add(Money.parse(((Map<String, Object>) c).get("amount"), "amount"));
            }
            if (contributions.compareTo(received) != 0 || received.compareTo(Money.parse(tr.get("due"), "due")) != 0) {
                problems.add(projectId + " tranche " + tr.get("role") + " received " + received + " of due " + tr.get("due"));
            }
        }
        if (tranches.compareTo(budget) != 0 || Money.parse(raise.get("received"), "received").compareTo(budget) != 0) {
            problems.add(projectId + " contributions " + tranches + " differ from budget " + budget);
        }

        String draftId = "D" + projectId.substring(1);
        Map<String, Object> draft = (Map<String, Object>) chain.query("draft", "query", Args.of("draftId", draftId));
        BigDecimal issued = Money.parse(draft.get("amount"), "amount");
        if (issued.compareTo(budget) != 0) {
            problems.add(draftId + " issued " + issued + " for budget " + budget);
        }
        List<Object> plan = (List<Object>) draft.get("planPath");
        BigDecimal[] moved = new BigDecimal[plan.size()];
        java.util.Arrays.fill(moved, Money.ZERO);
        for (Object o : (List<Object>) draft.get("actualPath")) {
            Map<String, Object> t = (Map<String, Object>) o;
            int hop = (int) Args.asLong(t.get("hop"));
            moved[hop] = moved[hop].add(Money.parse(t.get("amount"), "amount"));
        }
        for (int h = 0; h < plan.size(); h++) {
            Map<String, Object> hop = (Map<String, Object>) plan.get(h);
            BigDecimal arrived = Money.parse(hop.get("arrived"), "arrived");
            if (moved[h].compareTo(arrived) != 0 || arrived.compareTo(issued) > 0) {
                problems.add(draftId + " hop " + h + " arrived " + arrived + ", transfers " + moved[h] + ", issued " + issued);
            }
            if (h > 0 && arrived.compareTo(Money.parse(((Map<String, Object>) plan.get(h - 1)).get("arrived"), "a")) > 0) {
                problems.add(draftId + " hop " + h + " passed on more than it received");
            }
            if (arrived.compareTo(issued) != 0) {
                problems.add(draftId + " hop " + h + " incomplete: " + arrived + " of " + issued);
            }
        }
        if (!"ACCEPTED".equals(draft.get("status")) || Money.parse(draft.get("released"), "released").compareTo(issued) != 0) {
            problems.add(draftId + " ended " + draft.get("status") + " with " + draft.get("released") + " released");
        }
        Map<String, Object> project = (Map<String, Object>) chain.query("project", "query", Args.of("projectId", projectId));
        if (!"COMPLETED".equals(project.get("status"))) {
            problems.add(projectId + " ended " + project.get("status"));
        }
    }
}
