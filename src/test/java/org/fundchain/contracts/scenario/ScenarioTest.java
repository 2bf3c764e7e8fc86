package org.fundchain.contracts.scenario;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TimeZone;

import org.fundchain.contract.api.Args;
import org.junit.jupiter.api.Test;

class ScenarioTest {
    static final long BASE = 1_767_225_600_000L; // 2026-01-01T00:00Z
    static final long THRESHOLD = 3_600_000L;

    @Test
    void manySeedsEveryAnomalyRaisesItsAlertAndMoneyIsConserved() {
        Set<Anomaly> seen = EnumSet.noneOf(Anomaly.class);
        int alerts = 0;
        for (long seed = 1; seed <= 8; seed++) {
            Scenario s = new ScenarioGenerator(seed, 25, 0.7, THRESHOLD, BASE).generate();
            InMemoryScenarioRunner runner = new InMemoryScenarioRunner(s, BASE);
            List<String> problems = new ArrayList<>(runner.run());
            problems.addAll(ScenarioVerifier.verify(s, runner.query()));
            assertEquals(List.of(), problems, "seed " + seed);
            seen.addAll(s.injected().keySet());
            alerts += s.expectedAlerts().size();
        }
        assertEquals(EnumSet.allOf(Anomaly.class), seen, "every anomaly kind was exercised");
        assertTrue(alerts > 50, "enough anomalies to mean something: " + alerts);
    }

    @Test
    void cleanScenarioRaisesNoAlert() {
        Scenario s = new ScenarioGenerator(99, 10, 0.0, THRESHOLD, BASE).generate();
        assertTrue(s.expectedAlerts().isEmpty());
        InMemoryScenarioRunner runner = new InMemoryScenarioRunner(s, BASE);
        assertEquals(List.of(), runner.run());
        assertEquals(List.of(), ScenarioVerifier.verify(s, runner.query()));
        assertEquals(List.of(), runner.query().query("reconciliation", "alerts", Args.of()));
    }

    @Test
    void sameSeedSameScenarioSameStateRoot() {
        Scenario a = new ScenarioGenerator(7, 10, 0.7, THRESHOLD, BASE).generate();
        Scenario b = new ScenarioGenerator(7, 10, 0.7, THRESHOLD, BASE).generate();
        assertEquals(a.transactions(), b.transactions());
        InMemoryScenarioRunner ra = new InMemoryScenarioRunner(a, BASE);
        InMemoryScenarioRunner rb = new InMemoryScenarioRunner(b, BASE);
        ra.run();
        rb.run();
        assertEquals(ra.runtime().stateRoot(), rb.runtime().stateRoot());
        Scenario c = new ScenarioGenerator(8, 10, 0.7, THRESHOLD, BASE).generate();
        assertNotEquals(a.transactions(), c.transactions());
    }

    /** Rule 3: identical state on every JVM whatever its locale and time zone. */
    @Test
    void stateRootDoesNotDependOnLocaleOrTimeZone() {
        Scenario s = new ScenarioGenerator(11, 8, 0.7, THRESHOLD, BASE).generate();
        Locale locale = Locale.getDefault();
        TimeZone zone = TimeZone.getDefault();
        List<String> roots = new ArrayList<>();
        try {
            for (String tag : List.of("tr-TR", "ar-SA", "th-TH-u-nu-thai", "zh-CN")) {
                Locale.setDefault(Locale.forLanguageTag(tag));
                TimeZone.setDefault(TimeZone.getTimeZone(tag.startsWith("zh") ? "Asia/Shanghai" : "Pacific/Chatham"));
                InMemoryScenarioRunner runner = new InMemoryScenarioRunner(s, BASE);
                assertEquals(List.of(), runner.run(), tag);
                roots.add(runner.runtime().stateRoot());
            }
        } finally {
            Locale.setDefault(locale);
            TimeZone.setDefault(zone);
        }
        assertEquals(1, roots.stream().distinct().count(), roots.toString());
    }

    /** The verifier is a real check: a missing alert and an unexpected alert are both reported. */
    @Test
    void verifierNoticesMissingAndUnexpectedAlerts() {
        Scenario s = new ScenarioGenerator(3, 10, 1.0, THRESHOLD, BASE).generate();
        InMemoryScenarioRunner runner = new InMemoryScenarioRunner(s, BASE);
        List<TxSpec> withoutSweep = s.transactions().subList(0, s.transactions().size() - 1);
        Scenario truncated = new Scenario(s.seed(), s.unmatchedThresholdMs(), s.actors(), s.intruder(), s.organisations(),
                withoutSweep, s.expectedAlerts(), s.budgets(), s.injected());
        InMemoryScenarioRunner partial = new InMemoryScenarioRunner(truncated, BASE);
        partial.run();
        boolean hasMissingFlow = s.expectedAlerts().stream().anyMatch(e -> e.cause() == Anomaly.MISSING_BANK_FLOW);
        if (hasMissingFlow) {
            assertFalse(ScenarioVerifier.verify(s, partial.query()).isEmpty(), "sweep alerts are missing");
        }
        runner.run();
        Scenario claimsNothing = new Scenario(s.seed(), s.unmatchedThresholdMs(), s.actors(), s.intruder(),
                s.organisations(), s.transactions(), List.of(), s.budgets(), s.injected());
        assertFalse(s.expectedAlerts().isEmpty());
        assertFalse(ScenarioVerifier.verify(claimsNothing, runner.query()).isEmpty(), "unexpected alerts are reported");
    }
}
