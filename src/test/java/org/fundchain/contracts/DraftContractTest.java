package org.fundchain.contracts;

import static org.fundchain.contracts.ChainFixture.DAY;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;
import java.util.SortedMap;

import org.junit.jupiter.api.Test;

class DraftContractTest {
    final ChainFixture chain = new ChainFixture();
    static final String HASH = "cd".repeat(32);

    private void payBothHops(String d) {
        chain.pay(d, 0, "lp", "ACC-LP", "ACC-CFC", "1000000.00", "S-" + d + "-0");
        chain.pay(d, 1, "cfc", "ACC-CFC", "ACC-UNIT", "1000000.00", "S-" + d + "-1");
    }

    @Test
    void issuedDraftCarriesEveryField() {
        String d = chain.approvedDraft();
        SortedMap<String, Object> draft = chain.draft(d);
        long created = ((Number) draft.get("createAt")).longValue();
        assertEquals("P000001", draft.get("projectId"));
        assertEquals("1000000.00", draft.get("amount"));
        assertEquals("ISSUED", draft.get("status"));
        List<?> plan = (List<?>) draft.get("planPath");
        assertEquals(2, plan.size());
        Map<?, ?> hop0 = (Map<?, ?>) plan.get(0);
        assertEquals("ACC-LP", hop0.get("payerAccount"));
        assertEquals("ACC-CFC", hop0.get("payeeAccount"));
        assertEquals(created + 30 * DAY, ((Number) hop0.get("deadline")).longValue());
        assertEquals(created + 60 * DAY, ((Number) ((Map<?, ?>) plan.get(1)).get("deadline")).longValue());
        Map<?, ?> rule = (Map<?, ?>) draft.get("specialRule");
        assertEquals(List.of("unit"), rule.get("finalPayees"));
        assertEquals("1000000.00", rule.get("perHopCap"));
        assertEquals(created + 365 * DAY, ((Number) rule.get("expiry")).longValue());
        assertEquals("rural planting industry project", rule.get("purpose"));
        assertEquals(List.of(), draft.get("actualPath"));
    }

    @Test
    void fullLifeTransferAcceptReleaseComplete() {
        String d = chain.fundedDraft();
        chain.pay(d, 0, "lp", "ACC-LP", "ACC-CFC", "1000000.00", "S1");
        SortedMap<String, Object> draft = chain.draft(d);
        assertEquals("IN_TRANSIT", draft.get("status"));
        assertEquals(1L, ((Number) draft.get("currentHop")).longValue());
        chain.refused("WRONG_STATE", "unit", "draft", "accept", "draftId", d);
        chain.pay(d, 1, "cfc", "ACC-CFC", "ACC-UNIT", "1000000.00", "S2");
        draft = chain.draft(d);
        assertEquals("ARRIVED", draft.get("status"));
        assertEquals(2, ((List<?>) draft.get("actualPath")).size());
        assertEquals("S2", ((Map<?, ?>) ((List<?>) draft.get("actualPath")).get(1)).get("serialNumber"));

        chain.refused("FORBIDDEN", "unit2", "draft", "accept", "draftId", d);
        chain.refused("FORBIDDEN", "bank", "draft", "accept", "draftId", d);
        chain.refused("WRONG_STATE", "unit", "draft", "release", "draftId", d, "milestone", 0L);
        assertEquals("ACCEPTED", chain.ok("unit", "draft", "accept", "draftId", d).get("status"));
        chain.refused("WRONG_STATE", "unit", "draft", "accept", "draftId", d);
        assertEquals("IMPLEMENTING", chain.ok("hq", "project", "query", "projectId", "P000001").get("status"));

        chain.refused("WRONG_STATE", "unit", "draft", "release", "draftId", d, "milestone", 1L);
        chain.refused("BAD_ARGUMENT", "unit", "draft", "release", "draftId", d, "milestone", 2L);
        chain.refused("FORBIDDEN", "unit2", "draft", "release", "draftId", d, "milestone", 0L);
        assertEquals("600000.00", chain.ok("unit", "draft", "release", "draftId", d, "milestone", 0L).get("released"));
        chain.refused("CONFLICT", "unit", "draft", "release", "draftId", d, "milestone", 0L);
        chain.ok("unit", "project", "reportProgress", "projectId", "P000001", "milestone", 0L,
                "evidence", List.of(HASH), "completed", true);
        assertEquals("1000000.00", chain.ok("unit", "draft", "release", "draftId", d, "milestone", 1L).get("released"));
        assertEquals("IMPLEMENTING", chain.ok("hq", "project", "query", "projectId", "P000001").get("status"),
                "the last milestone's work is not done yet");
        chain.ok("unit", "project", "reportProgress", "projectId", "P000001", "milestone", 1L,
                "evidence", List.of(HASH), "completed", true);
        assertEquals("COMPLETED", chain.ok("hq", "project", "query", "projectId", "P000001").get("status"));
        chain.refused("WRONG_STATE", "unit", "project", "reportProgress", "projectId", "P000001", "milestone", 1L,
                "evidence", List.of(HASH));
    }

    @Test
    void lastReleaseCompletesAProjectWhoseMilestonesWereAllReportedDone() {
        String d = chain.fundedDraft();
        payBothHops(d);
        chain.ok("unit", "draft", "accept", "draftId", d);
        chain.ok("unit", "draft", "release", "draftId", d, "milestone", 0L);
        for (long m = 0; m < 2; m++) {
            chain.ok("unit", "project", "reportProgress", "projectId", "P000001", "milestone", m,
                    "evidence", List.of(HASH), "completed", true);
        }
        assertEquals("IMPLEMENTING", chain.ok("hq", "project", "query", "projectId", "P000001").get("status"));
        chain.ok("unit", "draft", "release", "draftId", d, "milestone", 1L);
        SortedMap<String, Object> p = chain.ok("hq", "project", "query", "projectId", "P000001");
        assertEquals("COMPLETED", p.get("status"));
        assertEquals(List.of("APPLIED", "APPROVED", "IMPLEMENTING", "COMPLETED"), ((List<?>) p.get("history")).stream()
                .map(h -> ((Map<?, ?>) h).get("status")).toList());
    }

    @Test
    void releaseOnlyToAllowedFinalPayees() {
        String p = chain.applyProject();
        String d = (String) chain.ok("lgo", "project", "approve", "projectId", p,
                "finalPayees", List.of("unit", "unit2")).get("draftId");
        assertEquals(List.of("unit", "unit2"), ((Map<?, ?>) chain.draft(d).get("specialRule")).get("finalPayees"));
        chain.ok("provfin", "fundraising", "contribute", "projectId", p, "tranche", "PROVINCE", "amount", "40000.00");
        chain.ok("cfin", "fundraising", "contribute", "projectId", p, "tranche", "CITY", "amount", "60000.00");
        chain.ok("bank", "fundraising", "contribute", "projectId", p, "tranche", "FINANCIAL", "amount", "900000.00");
        payBothHops(d);
        chain.refused("FORBIDDEN", "unit2", "draft", "accept", "draftId", d);
        chain.ok("unit", "draft", "accept", "draftId", d);
        chain.refused("BAD_ARGUMENT", "unit", "draft", "release", "draftId", d, "milestone", 0L, "payee", "cfc");
        SortedMap<String, Object> released = chain.ok("unit", "draft", "release", "draftId", d, "milestone", 0L,
                "payee", "unit2");
        Map<?, ?> release = (Map<?, ?>) released.get("release");
        assertEquals("ACC-UNIT2", release.get("payeeAccount"));
        assertEquals(release, ((List<?>) chain.draft(d).get("releases")).get(0));
    }

    @Test
    void acceptAfterExpiryIsRefused() {
        String p = chain.applyProject();
        String d = (String) chain.ok("lgo", "project", "approve", "projectId", p, "hopDays", 30L, "validDays", 61L)
                .get("draftId");
        chain.ok("provfin", "fundraising", "contribute", "projectId", p, "tranche", "PROVINCE", "amount", "40000.00");
        chain.ok("cfin", "fundraising", "contribute", "projectId", p, "tranche", "CITY", "amount", "60000.00");
        chain.ok("bank", "fundraising", "contribute", "projectId", p, "tranche", "FINANCIAL", "amount", "900000.00");
        payBothHops(d);
        chain.advance(62 * DAY);
        chain.refused("EXPIRED", "unit", "draft", "accept", "draftId", d);
        assertEquals("EXPIRED", chain.ok("bank", "draft", "expire", "draftId", d).get("status"));
        chain.refused("WRONG_STATE", "bank", "draft", "expire", "draftId", d);
        chain.refused("WRONG_STATE", "unit", "draft", "accept", "draftId", d);
    }

    @Test
    void expireOnlyAfterExpiry() {
        String d = chain.approvedDraft();
        chain.refused("WRONG_STATE", "bank", "draft", "expire", "draftId", d);
        chain.refused("NOT_ADMITTED", "stranger", "draft", "expire", "draftId", d);
        chain.advance(366 * DAY);
        chain.ok("bank", "draft", "expire", "draftId", d);
    }

    @Test
    void freezeUnfreezeCancel() {
        String d = chain.approvedDraft();
        chain.refused("FORBIDDEN", "hq", "draft", "freeze", "draftId", d, "reason", "audit");
        chain.refused("BAD_ARGUMENT", "lgo", "draft", "freeze", "draftId", d);
        chain.refused("WRONG_STATE", "lgo", "draft", "unfreeze", "draftId", d, "reason", "not frozen");
        assertEquals("FROZEN", chain.ok("lgo", "draft", "freeze", "draftId", d, "reason", "audit").get("status"));
        chain.refused("WRONG_STATE", "lgo", "draft", "freeze", "draftId", d, "reason", "again");
        assertEquals("ISSUED", chain.ok("lgo", "draft", "unfreeze", "draftId", d, "reason", "cleared").get("status"));
        chain.refused("FORBIDDEN", "unit", "draft", "cancel", "draftId", d, "reason", "x");
        assertEquals("CANCELLED", chain.ok("lgo", "draft", "cancel", "draftId", d, "reason", "project withdrawn").get("status"));
        chain.refused("WRONG_STATE", "lgo", "draft", "cancel", "draftId", d, "reason", "again");
        chain.refused("NOT_FOUND", "lgo", "draft", "cancel", "draftId", "D404404", "reason", "x");
    }

    @Test
    void frozenAfterMoneyMovedUnfreezesToInTransitAndCannotBeCancelled() {
        String d = chain.fundedDraft();
        chain.pay(d, 0, "lp", "ACC-LP", "ACC-CFC", "1000000.00", "S1");
        chain.ok("lgo", "draft", "freeze", "draftId", d, "reason", "audit");
        chain.refused("WRONG_STATE", "lgo", "draft", "cancel", "draftId", d, "reason", "x");
        assertEquals("IN_TRANSIT", chain.ok("lgo", "draft", "unfreeze", "draftId", d, "reason", "ok").get("status"));
    }

    @Test
    void perHopCapAllowsStagedTransfers() {
        String p = chain.applyProject();
        String d = (String) chain.ok("lgo", "project", "approve", "projectId", p, "perHopCap", "500000.00").get("draftId");
        chain.ok("provfin", "fundraising", "contribute", "projectId", p, "tranche", "PROVINCE", "amount", "40000.00");
        chain.ok("cfin", "fundraising", "contribute", "projectId", p, "tranche", "CITY", "amount", "60000.00");
        chain.ok("bank", "fundraising", "contribute", "projectId", p, "tranche", "FINANCIAL", "amount", "900000.00");
        assertEquals("MISMATCHED", chain.pay(d, 0, "lp", "ACC-LP", "ACC-CFC", "1000000.00", "BIG").get("status"));
        assertEquals("CAP_EXCEEDED", chain.alerts().get(0).get("code"));
        chain.pay(d, 0, "lp", "ACC-LP", "ACC-CFC", "500000.00", "A1");
        chain.pay(d, 1, "cfc", "ACC-CFC", "ACC-UNIT", "500000.00", "B1");
        assertEquals("IN_TRANSIT", chain.draft(d).get("status"));
        chain.pay(d, 0, "lp", "ACC-LP", "ACC-CFC", "500000.00", "A2");
        chain.pay(d, 1, "cfc", "ACC-CFC", "ACC-UNIT", "500000.00", "B2");
        assertEquals("ARRIVED", chain.draft(d).get("status"));
        assertEquals(1, chain.alerts().size());
    }
}
