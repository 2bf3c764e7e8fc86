package org.fundchain.contracts;

import static org.fundchain.contracts.ChainFixture.DAY;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

import org.fundchain.codec.Json;
import org.fundchain.contract.ContractLimits;
import org.fundchain.contract.Receipt;
import org.fundchain.contract.api.Args;
import org.junit.jupiter.api.Test;

class ReconciliationContractTest {
    static final String PURPOSE = "rural planting industry project";
    final ChainFixture chain = new ChainFixture(new TreeMap<>(Map.of("reconciliation",
            Args.of("unmatchedThresholdMs", 3_600_000L))));

    private SortedMap<String, Object> register(String serial, String draft, long hop, String amount) {
        return chain.ok(hop == 0 ? "lp" : "cfc", "reconciliation", "registerTransfer", "serialNumber", serial,
                "draftId", draft, "hop", hop, "amount", amount);
    }

    private SortedMap<String, Object> flow(String serial, String amount, String payer, String payee, long remit, String memo) {
        return chain.ok("bank", "reconciliation", "pushFlow", "serialNumber", serial, "amount", amount,
                "payerAccount", payer, "payeeAccount", payee, "remitTime", remit, "memo", memo);
    }

    private List<String> codes() {
        return chain.alerts().stream().map(a -> (String) a.get("code")).toList();
    }

    @Test
    void matchesInEitherOrderAndMovesTheDraft() {
        String d = chain.fundedDraft();
        assertEquals("PENDING_FLOW", register("S1", d, 0, "1000000.00").get("status"));
        assertEquals("MATCHED", flow("S1", "1000000.00", "ACC-LP", "ACC-CFC", chain.time, PURPOSE).get("status"));
        assertEquals("PENDING_REGISTRATION", flow("S2", "1000000.00", "ACC-CFC", "ACC-UNIT", chain.time, PURPOSE).get("status"));
        SortedMap<String, Object> rec = register("S2", d, 1, "1000000.00");
        assertEquals("MATCHED", rec.get("status"));
        assertTrue(rec.containsKey("registration") && rec.containsKey("flow"));
        assertEquals("ARRIVED", chain.draft(d).get("status"));
        assertEquals(List.of(), codes());
        assertEquals("ACC-UNIT", rec.get("account"));
        assertEquals("1000000.00", rec.get("actualAmount"));
        assertEquals("MATCHED", chain.ok("lgo", "reconciliation", "checking", "serialNumber", "S2").get("status"));
    }

    @Test
    void eachMismatchRaisesAnAlertNamingWhatDiffers() {
        String d = chain.fundedDraft();
        long deadline = ((Number) ((Map<?, ?>) ((List<?>) chain.draft(d).get("planPath")).get(0)).get("deadline")).longValue();
        register("A", d, 0, "100.00");
        assertEquals("MISMATCHED", flow("A", "90.00", "ACC-LP", "ACC-CFC", chain.time, PURPOSE).get("status"));
        SortedMap<String, Object> alert = chain.alerts().get(0);
        assertEquals("AMOUNT_MISMATCH", alert.get("code"));
        assertEquals("100.00", alert.get("expected"));
        assertEquals("90.00", alert.get("actual"));
        assertEquals(d, alert.get("draftId"));
        assertEquals("A", alert.get("serialNumber"));

        register("B", d, 0, "100.00");
        flow("B", "100.00", "ACC-OTHER", "ACC-CFC", chain.time, PURPOSE);
        register("C", d, 0, "100.00");
        flow("C", "100.00", "ACC-LP", "ACC-THIEF", chain.time, PURPOSE);
        register("D", d, 0, "100.00");
        flow("D", "100.00", "ACC-LP", "ACC-CFC", deadline + 1, PURPOSE);
        register("E", d, 0, "100.00");
        flow("E", "100.00", "ACC-LP", "ACC-CFC", chain.time, "holiday trip");
        assertEquals(List.of("AMOUNT_MISMATCH", "PAYER_MISMATCH", "PAYEE_MISMATCH", "LATE_TRANSFER", "PURPOSE_MISMATCH"),
                codes());
        assertEquals("ACC-THIEF", chain.alerts().get(2).get("actual"));

        register("F", d, 0, "100.00");
        flow("F", "99.00", "ACC-LP", "ACC-X", chain.time, PURPOSE);
        assertEquals(List.of("AMOUNT_MISMATCH", "PAYEE_MISMATCH"), codes().subList(5, 7), "one alert per difference");
        assertEquals(List.of(), chain.draft(d).get("actualPath"), "no mismatched transfer moves the draft");
        assertEquals("ISSUED", chain.draft(d).get("status"));
    }

    @Test
    void moneyCannotRunAheadOfWhatArrived() {
        String d = chain.approvedDraft();
        register("EARLY", d, 0, "1000.00");
        flow("EARLY", "1000.00", "ACC-LP", "ACC-CFC", chain.time, PURPOSE);
        assertEquals(List.of("INSUFFICIENT_FUNDS"), codes(), "nothing raised yet");
        chain.ok("provfin", "fundraising", "contribute", "projectId", "P000001", "tranche", "PROVINCE", "amount", "40000.00");
        chain.ok("cfin", "fundraising", "contribute", "projectId", "P000001", "tranche", "CITY", "amount", "60000.00");
        chain.pay(d, 0, "lp", "ACC-LP", "ACC-CFC", "100000.00", "FISCAL-PART");
        chain.pay(d, 1, "cfc", "ACC-CFC", "ACC-UNIT", "100000.01", "TOO-MUCH");
        assertEquals("INSUFFICIENT_FUNDS", codes().get(1));
        chain.pay(d, 1, "cfc", "ACC-CFC", "ACC-UNIT", "100000.00", "OK");
        chain.ok("bank", "fundraising", "contribute", "projectId", "P000001", "tranche", "FINANCIAL", "amount", "900000.00");
        chain.pay(d, 0, "lp", "ACC-LP", "ACC-CFC", "900000.01", "OVER");
        assertEquals(List.of("OVER_HOP_AMOUNT", "INSUFFICIENT_FUNDS"), codes().subList(2, 4));
        assertEquals("IN_TRANSIT", chain.draft(d).get("status"));
    }

    @Test
    void inactiveOrExpiredDraftRaisesAlerts() {
        String d = chain.fundedDraft();
        chain.ok("lgo", "draft", "freeze", "draftId", d, "reason", "audit");
        chain.pay(d, 0, "lp", "ACC-LP", "ACC-CFC", "1000.00", "FROZEN-1");
        assertEquals(List.of("DRAFT_NOT_ACTIVE"), codes());
        chain.ok("lgo", "draft", "unfreeze", "draftId", d, "reason", "ok");
        chain.advance(366 * DAY);
        chain.ok("lp", "reconciliation", "registerTransfer", "serialNumber", "LATE-1", "draftId", d, "hop", 0L,
                "amount", "1000.00");
        flow("LATE-1", "1000.00", "ACC-LP", "ACC-CFC", chain.time - 365 * DAY, PURPOSE);
        assertEquals(List.of("DRAFT_NOT_ACTIVE", "DRAFT_EXPIRED"), codes());
    }

    @Test
    void retriesAreIdempotentAndConflictingSerialsRaiseDuplicateAlerts() {
        String d = chain.fundedDraft();
        register("S1", d, 0, "1000000.00");
        register("S1", d, 0, "1000000.00");
        flow("S1", "1000000.00", "ACC-LP", "ACC-CFC", 5L, PURPOSE);
        assertEquals("MATCHED", flow("S1", "1000000.00", "ACC-LP", "ACC-CFC", 5L, PURPOSE).get("status"));
        assertEquals(List.of(), codes());
        assertEquals(1, ((List<?>) chain.draft(d).get("actualPath")).size(), "a retried flow does not pay twice");

        SortedMap<String, Object> dup = register("S1", d, 0, "500.00");
        assertEquals("DUPLICATE", dup.get("status"));
        chain.ok("cfc", "reconciliation", "registerTransfer", "serialNumber", "S1", "draftId", d, "hop", 1L,
                "amount", "1000000.00");
        flow("S1", "1.00", "ACC-LP", "ACC-CFC", 5L, PURPOSE);
        assertEquals(List.of("DUPLICATE_SERIAL", "DUPLICATE_SERIAL", "DUPLICATE_SERIAL"), codes());
        assertEquals("IN_TRANSIT", chain.draft(d).get("status"), "a reused serial never moves money");
    }

    @Test
    void sweepTurnsStaleRecordsIntoAlertsByBlockTime() {
        String d = chain.fundedDraft();
        register("NOFLOW", d, 0, "1000.00");
        flow("NOREG", "1000.00", "ACC-LP", "ACC-CFC", chain.time, PURPOSE);
        assertEquals(0L, ((Number) chain.ok("lgo", "reconciliation", "sweep").get("alertsRaised")).longValue());
        chain.advance(3_600_000L);
        assertEquals(2L, ((Number) chain.ok("bank", "reconciliation", "sweep").get("alertsRaised")).longValue());
        assertEquals(List.of("UNMATCHED_REGISTRATION", "UNMATCHED_FLOW"), codes(), "serial-number order");
        assertEquals(0L, ((Number) chain.ok("lgo", "reconciliation", "sweep").get("alertsRaised")).longValue());
        assertEquals("UNMATCHED", chain.ok("lgo", "reconciliation", "record", "serialNumber", "NOFLOW").get("status"));
        // the late other side is still checked: the discrepancy stays on record, the money moves
        assertEquals("MATCHED", flow("NOFLOW", "1000.00", "ACC-LP", "ACC-CFC", chain.time, PURPOSE).get("status"));
        assertEquals(1, ((List<?>) chain.draft(d).get("actualPath")).size());
        chain.refused("NOT_ADMITTED", "stranger", "reconciliation", "sweep");
    }

    @Test
    void administratorSetsTheSweepThreshold() {
        String d = chain.fundedDraft();
        register("SOON", d, 0, "1000.00");
        chain.advance(120_000L);
        assertEquals(0L, ((Number) chain.ok("lgo", "reconciliation", "sweep").get("alertsRaised")).longValue());
        chain.refused("FORBIDDEN", "lgo", "reconciliation", "setThreshold", "unmatchedThresholdMs", 60_000L);
        chain.refused("BAD_ARGUMENT", "platform", "reconciliation", "setThreshold", "unmatchedThresholdMs", 999L);
        chain.refused("BAD_ARGUMENT", "platform", "reconciliation", "setThreshold", "unmatchedThresholdMs", 366L * 86_400_000L);
        chain.ok("platform", "reconciliation", "setThreshold", "unmatchedThresholdMs", 60_000L);
        assertEquals(1L, ((Number) chain.ok("lgo", "reconciliation", "sweep").get("alertsRaised")).longValue());
        assertEquals(List.of("UNMATCHED_REGISTRATION"), codes());
    }

    @Test
    void refusals() {
        String d = chain.fundedDraft();
        chain.refused("FORBIDDEN", "bank", "reconciliation", "registerTransfer", "serialNumber", "X", "draftId", d,
                "hop", 0L, "amount", "1.00");
        chain.refused("FORBIDDEN", "cfc", "reconciliation", "registerTransfer", "serialNumber", "X", "draftId", d,
                "hop", 0L, "amount", "1.00");
        chain.refused("NOT_ADMITTED", "stranger", "reconciliation", "registerTransfer", "serialNumber", "X",
                "draftId", d, "hop", 0L, "amount", "1.00");
        chain.refused("NOT_FOUND", "lp", "reconciliation", "registerTransfer", "serialNumber", "X", "draftId", "D999",
                "hop", 0L, "amount", "1.00");
        chain.refused("BAD_ARGUMENT", "lp", "reconciliation", "registerTransfer", "serialNumber", "X", "draftId", d,
                "hop", 5L, "amount", "1.00");
        chain.refused("BAD_ARGUMENT", "lp", "reconciliation", "registerTransfer", "serialNumber", "X", "draftId", d,
                "hop", 0L, "amount", "1.001");
        chain.refused("BAD_ARGUMENT", "lp", "reconciliation", "registerTransfer", "serialNumber", "X/../Y", "draftId", d,
                "hop", 0L, "amount", "1.00");
        chain.refused("FORBIDDEN", "lp", "reconciliation", "pushFlow", "serialNumber", "X", "amount", "1.00",
                "payerAccount", "a", "payeeAccount", "b", "remitTime", 1L);
        chain.refused("BAD_ARGUMENT", "bank", "reconciliation", "pushFlow", "serialNumber", "X", "amount", "1.00",
                "payerAccount", "a", "payeeAccount", "b", "remitTime", -1L);
        chain.refused("BAD_ARGUMENT", "bank", "reconciliation", "pushFlow", "serialNumber", "X", "amount", "-1.00",
                "payerAccount", "a", "payeeAccount", "b", "remitTime", 1L);
        chain.refused("NOT_FOUND", "lgo", "reconciliation", "checking", "serialNumber", "X");
        chain.refused("NOT_FOUND", "lgo", "reconciliation", "record", "serialNumber", "X");
        register("Q", d, 0, "1.00");
        assertEquals("PENDING_FLOW", chain.ok("lgo", "reconciliation", "checking", "serialNumber", "Q").get("status"));
    }

    @Test
    void alertsArePagedBySequence() {
        String d = chain.fundedDraft();
        for (int i = 0; i < 3; i++) {
            register("M" + i, d, 0, "1.00");
            flow("M" + i, "2.00", "ACC-LP", "ACC-CFC", chain.time, PURPOSE);
        }
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> page = (List<Map<String, Object>>) chain.tx("lgo", "reconciliation", "alerts",
                "fromSeq", 2L, "limit", 1L).result();
        assertEquals(1, page.size());
        assertEquals("M1", page.get(0).get("serialNumber"));
    }

    private SortedMap<String, Object> goodFlow() {
        return Args.of("serialNumber", "BK-0001", "amount", "1250.50", "payerAccount", "ACC-LP",
                "payeeAccount", "ACC-CFC", "remitTime", chain.time, "memo", "project P1");
    }

    private static SortedMap<String, Object> with(SortedMap<String, Object> m, String k, Object v) {
        SortedMap<String, Object> c = new TreeMap<>(m);
        c.put(k, v);
        return c;
    }

    private void refusedFlow(String expected, SortedMap<String, Object> args) {
        String root = chain.runtime.stateRoot();
        Receipt r = chain.tx(ChainFixture.signer("bank"), "reconciliation", "pushFlow", args);
        assertEquals(Receipt.Status.REJECTED, r.status(), () -> args + " committed: " + r);
        assertEquals("BAD_ARGUMENT", r.errorCode(), r::toString);
        assertTrue(r.errorMessage().contains(expected), () -> "expected a message about " + expected + ", got " + r.errorMessage());
        assertEquals(root, chain.runtime.stateRoot());
        String problem = BankFlowRules.problem(args);
        assertTrue(problem != null && problem.contains(expected), () -> "BankFlowRules.problem gave " + problem);
    }

    /**
     * Issue 11 item 8: the bank-flow field rules lived only at the /bank-flows resource, so the same pushFlow sent
     * to /transactions committed a 2,000-character memo and markup in an account. The contract is the one place.
     */
    @Test
    void bankFlowFieldRulesHoldOnEveryPath() {
        SortedMap<String, Object> good = goodFlow();
        assertNull(BankFlowRules.problem(good));
        refusedFlow("memo", with(good, "memo", "m".repeat(2000)));
        refusedFlow("memo", with(good, "memo", "m".repeat(BankFlowRules.MAX_MEMO_CHARS + 1)));
        refusedFlow("memo", with(good, "memo", 12L));
        refusedFlow("payerAccount", with(good, "payerAccount", "<script>alert(1)</script>"));
        refusedFlow("payeeAccount", with(good, "payeeAccount", "ACC CFC"));
        refusedFlow("payeeAccount", with(good, "payeeAccount", ""));
        refusedFlow("payerAccount", with(good, "payerAccount", "A".repeat(BankFlowRules.MAX_ACCOUNT_CHARS + 1)));
        refusedFlow("serialNumber", with(good, "serialNumber", "BK 1"));
        refusedFlow("serialNumber", with(good, "serialNumber", "x".repeat(65)));
        refusedFlow("amount", with(good, "amount", "12.345"));
        refusedFlow("amount", with(good, "amount", "0.00"));
        refusedFlow("amount", with(good, "amount", 12L));
        refusedFlow("amount", with(good, "amount", "99999999999999.00"));
        refusedFlow("remitTime", with(good, "remitTime", "yesterday"));
        refusedFlow("remitTime", with(good, "remitTime", -5L));
        refusedFlow("remitTime", with(good, "remitTime", new java.math.BigDecimal("1.5")));
        refusedFlow("unknown field", with(good, "note", "x"));
        assertTrue(BankFlowRules.problem("not an object").contains("args"));
        assertTrue(BankFlowRules.problem(List.of()).contains("args"));
        // the longest valid flow still commits, and its answer fits any receipt
        SortedMap<String, Object> longest = with(with(with(with(good, "memo", "m".repeat(BankFlowRules.MAX_MEMO_CHARS)),
                "payerAccount", "A".repeat(64)), "payeeAccount", "B".repeat(64)), "serialNumber", "S".repeat(64));
        assertNull(BankFlowRules.problem(longest));
        Receipt ok = chain.tx(ChainFixture.signer("bank"), "reconciliation", "pushFlow", longest);
        assertTrue(ok.committed(), ok::toString);
        assertEquals("PENDING_REGISTRATION", ((Map<?, ?>) ok.result()).get("status"));
        SortedMap<String, Object> noMemo = with(good, "serialNumber", "BK-0002");
        noMemo.remove("memo");
        assertNull(BankFlowRules.problem(noMemo));
        assertTrue(chain.tx(ChainFixture.signer("bank"), "reconciliation", "pushFlow", noMemo).committed());
    }

    /** A conflicting second flow of a serial raises an alert quoting both: with bounded fields it always fits. */
    @Test
    void aDuplicateOfTheLongestFlowStillFitsItsReceipt() {
        SortedMap<String, Object> longest = with(with(with(goodFlow(), "memo", "m".repeat(BankFlowRules.MAX_MEMO_CHARS)),
                "payerAccount", "A".repeat(64)), "payeeAccount", "B".repeat(64));
        assertTrue(chain.tx(ChainFixture.signer("bank"), "reconciliation", "pushFlow", longest).committed());
        Receipt dup = chain.tx(ChainFixture.signer("bank"), "reconciliation", "pushFlow",
                with(longest, "memo", "n".repeat(BankFlowRules.MAX_MEMO_CHARS)));
        assertTrue(dup.committed(), dup::toString);
        assertEquals("DUPLICATE", ((Map<?, ?>) dup.result()).get("status"));
        assertTrue(Json.write(dup.toJson()).length() <= ContractLimits.MAX_RECEIPT_CHARS);
    }

    /**
     * One sweep over many overdue records raised every alert (and announced each in its receipt) in one
     * transaction: a receipt too large to store. A sweep now handles a bounded batch and says whether more wait.
     */
    @Test
    void aSweepOverManyOverdueRecordsWorksInBoundedBatches() {
        int n = 3 * ReconciliationContract.MAX_SWEEP_ALERTS + 7;
        for (int i = 0; i < n; i++) {
            flow("U" + i, "1.00", "ACC-LP", "ACC-CFC", chain.time, PURPOSE);
        }
        chain.advance(2 * 3_600_000L);
        long raised = 0;
        int sweeps = 0;
        while (true) {
            Receipt r = chain.tx(ChainFixture.signer("lgo"), "reconciliation", "sweep", Args.of());
            assertTrue(r.committed(), r::toString);
            assertTrue(Json.write(r.toJson()).length() <= ContractLimits.MAX_RECEIPT_CHARS);
            long now = ((Number) ((Map<?, ?>) r.result()).get("alertsRaised")).longValue();
            assertTrue(now <= ReconciliationContract.MAX_SWEEP_ALERTS);
            raised += now;
            sweeps++;
            if (!Boolean.TRUE.equals(((Map<?, ?>) r.result()).get("more"))) {
                break;
            }
        }
        assertEquals(n, raised);
        assertEquals(4, sweeps);
        assertEquals(n, codes().stream().filter("UNMATCHED_FLOW"::equals).count());
    }
}
