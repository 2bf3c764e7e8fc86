package org.fundchain.fund;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;

import org.fundchain.contract.ContractRegistry;
import org.fundchain.contract.ContractRuntime;
import org.fundchain.contract.InMemoryWorldState;
import org.fundchain.contract.Receipt;
import org.fundchain.contract.StateKey;
import org.fundchain.contract.TransactionCall;
import org.fundchain.contract.VersionedValue;
import org.fundchain.contract.WorldState;
import org.fundchain.contract.api.Args;
import org.fundchain.contracts.ChainFixture;
import org.fundchain.contracts.FundChainContracts;
import org.fundchain.contracts.scenario.ExpectedAlert;
import org.fundchain.contracts.scenario.InMemoryScenarioRunner;
import org.fundchain.contracts.scenario.Scenario;
import org.fundchain.contracts.scenario.ScenarioGenerator;
import org.fundchain.contracts.scenario.TxSpec;
import org.fundchain.crypto.HashAlgorithm;
import org.junit.jupiter.api.Test;

/**
 * The read model fed block by block with the contracts' real state writes: its views follow the business, and
 * the incremental model always equals one rebuilt from the whole state (what a node does at start).
 */
class ChainReadModelTest {
    static final long BASE = 1_767_225_600_000L;

    /** World state that hands each block's writes to the read model, as the node's commit hook does. */
    static final class Chain implements WorldState {
        final InMemoryWorldState state = new InMemoryWorldState();
        final ChainReadModel model = new ChainReadModel("main", BASE, 6);
        final ContractRuntime runtime;
        ChainReadModel.Change last;
        long height;
        long time = BASE;
        int tx;

        Chain(SortedMap<String, Object> genesis) {
            runtime = new ContractRuntime("main", ContractRegistry.of(FundChainContracts.all()), this, HashAlgorithm.SHA256);
            runtime.genesis(genesis, BASE);
            last = model.load(0, BASE, json(state.entries()));
        }

        @Override
        public VersionedValue get(String contract, String key) {
            return state.get(contract, key);
        }

        @Override
        public SortedMap<String, VersionedValue> scan(String contract, String prefix) {
            return state.scan(contract, prefix);
        }

        @Override
        public void apply(SortedMap<StateKey, String> writes, long h) {
            state.apply(writes, h);
            if (h > 0) {
                last = model.apply(h, time, writes);
            }
        }

        @Override
        public SortedMap<StateKey, VersionedValue> entries() {
            return state.entries();
        }

        Receipt run(String actor, String contract, String method, SortedMap<String, Object> args, long at) {
            time = at;
            Receipt r = runtime.execute(new TransactionCall(String.format("%064x", ++tx), InMemoryScenarioRunner.signerOf(actor),
                    contract, method, args), ++height, at);
            if (!r.committed()) {
                last = model.apply(height, at, Map.of()); // an empty block still moves the height
            }
            return r;
        }

        FundSnapshot rebuilt() {
            ChainReadModel fresh = new ChainReadModel("main", BASE, 6);
            return fresh.load(height, time, json(state.entries())).snapshot();
        }
    }

    static SortedMap<StateKey, String> json(Map<StateKey, VersionedValue> entries) {
        SortedMap<StateKey, String> m = new TreeMap<>();
        entries.forEach((k, v) -> m.put(k, v.json()));
        return m;
    }

    @Test
    void scenarioReadModelMatchesGroundTruthAndARebuild() {
        Scenario s = new ScenarioGenerator(5, 12, 0.8, 3_600_000L, BASE).generate();
        Chain c = new Chain(s.genesis(InMemoryScenarioRunner::signerOf));
        for (TxSpec t : s.transactions()) {
            Receipt r = c.run(t.actor(), t.contract(), t.method(), t.args(), BASE + t.atOffsetMs());
            assertEquals(t.expectCommitted(), r.committed(), () -> t + " → " + r);
        }
        FundSnapshot snap = c.last.snapshot();
        assertEquals(c.height, snap.height());

        SortedMap<String, Integer> want = new TreeMap<>();
        for (ExpectedAlert e : s.expectedAlerts()) {
            want.merge(e.key(), 1, Integer::sum);
        }
        SortedMap<String, Integer> got = new TreeMap<>();
        for (AlertView a : snap.alerts().values()) {
            got.merge(a.code() + " " + a.serialNumber(), 1, Integer::sum);
        }
        assertEquals(want, got);
        assertFalse(want.isEmpty());

        assertEquals(s.budgets().size(), snap.projects().size());
        BigDecimal released = BigDecimal.ZERO;
        for (ProjectView p : snap.projects().values()) {
            assertEquals("COMPLETED", p.status());
            assertEquals(0, p.budget().compareTo(new BigDecimal(s.budgets().get(p.id()))));
            assertEquals(0, p.funding().received().compareTo(p.budget()), "raised to the fen");
            DraftView d = snap.drafts().get(p.draftId());
            assertEquals("ACCEPTED", d.status());
            assertEquals(p.county(), d.county());
            for (PlannedHop h : d.planPath()) {
                assertTrue(h.complete());
                BigDecimal moved = d.actualPath().stream().filter(t -> t.hop() == h.hop())
                        .map(ActualTransfer::amount).reduce(BigDecimal.ZERO, BigDecimal::add);
                assertEquals(0, moved.compareTo(h.arrived()));
            }
            released = released.add(d.released());
        }
        Dashboard dash = ChainReadModel.dashboard(snap, BASE + 3 * 86_400_000L + 5);
        assertEquals(0, dash.released().compareTo(released));
        assertEquals(3, dash.daysSafe());
        assertEquals(20, dash.byTownship().size());
        assertTrue(dash.townshipsHelped() >= 1);
        assertEquals(0, dash.releasedOverTime().get(dash.releasedOverTime().size() - 1).cumulative().compareTo(released));
        BigDecimal byTown = snap.townships().stream().map(TownshipTotals::released).reduce(BigDecimal.ZERO, BigDecimal::add);
        assertEquals(0, byTown.compareTo(released));

        // incremental = rebuilt from the whole state, record for record
        FundSnapshot rebuilt = c.rebuilt();
        assertEquals(rebuilt.projects(), snap.projects());
        assertEquals(rebuilt.drafts(), snap.drafts());
        assertEquals(rebuilt.flows(), snap.flows());
        assertEquals(rebuilt.alerts(), snap.alerts());
        assertEquals(rebuilt.signers(), snap.signers());
        assertEquals(rebuilt.organisations(), snap.organisations());
        assertEquals(rebuilt.townships(), snap.townships());
    }

    @Test
    void walkThroughViewsAndChangesAndRoleScoping() {
        SortedMap<String, Object> sections = new TreeMap<>();
        sections.put("registry", ChainFixture.registryGenesis(InMemoryScenarioRunner::signerOf));
        Chain c = new Chain(Args.of("contracts", sections));
        Object[] app = ChainFixture.projectArgs("1000000.00", "600000.00", "400000.00");
        assertTrue(c.run("hq", "project", "apply", Args.of(app), BASE + 1000).committed());
        assertEquals(Set.of("P000001"), c.last.changedIds());
        ProjectView p = c.last.snapshot().projects().get("P000001");
        assertEquals("APPLIED", p.status());
        assertEquals(null, p.funding());

        assertTrue(c.run("lgo", "project", "approve", Args.of("projectId", "P000001"), BASE + 2000).committed());
        assertTrue(c.last.changedIds().containsAll(Set.of("P000001", "D000001")));
        DraftView d = c.last.snapshot().drafts().get("D000001");
        assertEquals("ISSUED", d.status());
        assertEquals(List.of("lp", "cfc"), d.planPath().stream().map(PlannedHop::payer).toList());
        assertEquals("石门乡", d.township());

        c.run("provfin", "fundraising", "contribute", Args.of("projectId", "P000001", "tranche", "PROVINCE", "amount", "40000.00"), BASE + 3000);
        c.run("cfin", "fundraising", "contribute", Args.of("projectId", "P000001", "tranche", "CITY", "amount", "60000.00"), BASE + 4000);
        c.run("bank", "fundraising", "contribute", Args.of("projectId", "P000001", "tranche", "FINANCIAL", "amount", "900000.00"), BASE + 5000);
        assertEquals("RAISED", c.last.snapshot().projects().get("P000001").funding().status());

        c.run("lp", "reconciliation", "registerTransfer", Args.of("serialNumber", "S1", "draftId", "D000001", "hop", 0L,
                "amount", "1000000.00"), BASE + 6000);
        FlowView f = c.last.snapshot().flows().get("S1");
        assertEquals("PENDING_FLOW", f.status());
        assertEquals("lp", f.payerOrg());
        c.run("bank", "reconciliation", "pushFlow", Args.of("serialNumber", "S1", "amount", "999999.00", "payerAccount", "ACC-LP",
                "payeeAccount", "ACC-CFC", "remitTime", BASE + 6500, "memo", "rural planting industry project"), BASE + 7000);
        assertEquals("MISMATCHED", c.last.snapshot().flows().get("S1").status());
        assertEquals(List.of("AMOUNT_MISMATCH"), c.last.newAlerts().stream().map(AlertView::code).toList());
        AlertView alert = c.last.newAlerts().get(0);
        assertEquals("P000001", alert.projectId());
        assertEquals("威宁县", alert.county());

        c.run("lp", "reconciliation", "registerTransfer", Args.of("serialNumber", "S2", "draftId", "D000001", "hop", 0L,
                "amount", "1000000.00"), BASE + 8000);
        c.run("bank", "reconciliation", "pushFlow", Args.of("serialNumber", "S2", "amount", "1000000.00", "payerAccount", "ACC-LP",
                "payeeAccount", "ACC-CFC", "remitTime", BASE + 8500, "memo", "rural planting industry project"), BASE + 9000);
        FundSnapshot snap = c.last.snapshot();
        assertEquals("IN_TRANSIT", snap.drafts().get("D000001").status());
        assertEquals(1, snap.drafts().get("D000001").actualPath().size());
        assertEquals(List.of(), c.last.newAlerts());
        TownshipTotals shimen = snap.townships().stream().filter(t -> t.township().equals("石门乡")).findFirst().orElseThrow();
        assertEquals(new BigDecimal("1000000.00"), shimen.raised());
        assertEquals(new BigDecimal("1000000.00"), shimen.issued());
        assertEquals(new BigDecimal("0.00"), shimen.arrived(), "arrived counts the implementation unit's hop");

        // role scoping
        Viewer lgo = FundQueries.viewer(snap, InMemoryScenarioRunner.signerOf("lgo").id()).orElseThrow();
        Viewer hq = FundQueries.viewer(snap, InMemoryScenarioRunner.signerOf("hq").id()).orElseThrow();
        Viewer bank = FundQueries.viewer(snap, InMemoryScenarioRunner.signerOf("bank").id()).orElseThrow();
        Viewer unit = FundQueries.viewer(snap, InMemoryScenarioRunner.signerOf("unit").id()).orElseThrow();
        Viewer unit2 = FundQueries.viewer(snap, InMemoryScenarioRunner.signerOf("unit2").id()).orElseThrow();
        DraftView draft = snap.drafts().get("D000001");
        assertTrue(lgo.maySee(draft));
        assertTrue(hq.maySee(draft), "county HQ of 威宁县");
        assertTrue(unit.maySee(draft), "the final payee");
        assertFalse(unit2.maySee(draft), "another implementation unit");
        assertFalse(bank.maySee(draft), "a bank not on the path");
        assertTrue(bank.maySee(snap.flows().get("S2")), "the bank that pushed the flow");
        assertFalse(unit2.maySee(snap.flows().get("S2")));
        assertTrue(FundQueries.maySee(snap, bank, snap.alerts().firstEntry().getValue()), "alert on the bank's flow");
        assertFalse(FundQueries.maySee(snap, unit2, snap.alerts().firstEntry().getValue()));
        assertTrue(FundQueries.viewer(snap, InMemoryScenarioRunner.signerOf("nobody").id()).isEmpty());

        // disabling an organisation removes its signers' viewers
        assertTrue(c.run("platform", "registry", "disableOrganisation", Args.of("id", "unit2"), BASE + 10_000).committed());
        assertTrue(FundQueries.viewer(c.last.snapshot(), InMemoryScenarioRunner.signerOf("unit2").id()).isEmpty());
        assertTrue(c.last.changedIds().contains("unit2"));
    }

    @Test
    void projectFilterMatchesFields() {
        ProjectView p = new ProjectView("P000007", "Greenhouse Planting", "威宁县", "石门乡", "agriculture", BigDecimal.TEN,
                "unit", "seedlings", "APPLIED", "x", "hq", 1, null, null, List.of(), List.of("lp", "unit"), List.of(),
                List.of(), null);
        assertTrue(FundQueries.matches(p, ProjectFilter.ANY));
        assertTrue(FundQueries.matches(p, new ProjectFilter("greenhouse", "APPLIED", "威宁县", "石门乡")));
        assertTrue(FundQueries.matches(p, new ProjectFilter("P000007", null, "", null)));
        assertFalse(FundQueries.matches(p, new ProjectFilter(null, "APPROVED", null, null)));
        assertFalse(FundQueries.matches(p, new ProjectFilter("bridge", null, null, null)));
        assertFalse(FundQueries.matches(p, new ProjectFilter(null, null, "晴隆县", null)));
    }
}
