package org.fundchain.contracts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;

import org.fundchain.codec.Json;
import org.fundchain.contract.ContractLimits;
import org.fundchain.contract.Receipt;
import org.junit.jupiter.api.Test;

class ProjectContractTest {
    final ChainFixture chain = new ChainFixture();

    private Object[] with(Object... overrides) {
        List<Object> kv = new ArrayList<>(Arrays.asList(ChainFixture.projectArgs("1000000.00", "600000.00", "400000.00")));
        for (int i = 0; i < overrides.length; i += 2) {
            int at = kv.indexOf(overrides[i]);
            kv.set(at + 1, overrides[i + 1]);
        }
        return kv.toArray();
    }

    @Test
    void applyRecordsEveryFieldWithSequentialIds() {
        SortedMap<String, Object> applied = chain.ok("hq", "project", "apply", with());
        assertEquals(Map.of("id", "P000001", "projectId", "P000001", "name", "rural planting industry project",
                "status", "APPLIED"), applied, "apply answers with the id (and the name bank memos repeat)");
        SortedMap<String, Object> p = chain.ok("hq", "project", "query", "projectId", "P000001");
        assertEquals("P000001", p.get("id"));
        assertEquals("APPLIED", p.get("status"));
        assertEquals("1000000.00", p.get("budget"));
        assertEquals("石门乡", p.get("township"));
        assertEquals("county agriculture bureau", p.get("department"));
        assertEquals(List.of("lp", "cfc", "unit"), p.get("disbursementChain"));
        assertEquals("hq", p.get("applicantOrg"));
        assertEquals(1, ((List<?>) p.get("history")).size());
        assertEquals("P000002", chain.ok("hq", "project", "apply", with("name", "second project")).get("id"));
        assertEquals("APPLIED", chain.ok("lp", "project", "query", "projectId", "P000001").get("status"));
    }

    @Test
    void applyRefusals() {
        chain.refused("FORBIDDEN", "lgo", "project", "apply", with());
        chain.refused("NOT_ADMITTED", "stranger", "project", "apply", with());
        chain.refused("BAD_ARGUMENT", "hq", "project", "apply", with("township", "上海市"));
        chain.refused("BAD_ARGUMENT", "hq", "project", "apply", with("county", "雷山县")); // 石门乡 is in 威宁县
        chain.refused("BAD_ARGUMENT", "hq", "project", "apply", with("budget", "-5.00"));
        chain.refused("BAD_ARGUMENT", "hq", "project", "apply", with("budget", "1000000.001"));
        chain.refused("BAD_ARGUMENT", "hq", "project", "apply", with("budget", "999999.99"));   // milestones differ
        chain.refused("BAD_ARGUMENT", "hq", "project", "apply", with("milestones", List.of()));
        chain.refused("BAD_ARGUMENT", "hq", "project", "apply", with("implementationUnit", "bank"));
        chain.refused("NOT_FOUND", "hq", "project", "apply", with("implementationUnit", "ghost"));
        chain.refused("BAD_ARGUMENT", "hq", "project", "apply", with("disbursementChain", List.of("cfc", "unit")));
        chain.refused("BAD_ARGUMENT", "hq", "project", "apply", with("disbursementChain", List.of("lp", "bank", "unit")));
        chain.refused("BAD_ARGUMENT", "hq", "project", "apply", with("disbursementChain", List.of("lp", "cfc", "unit2")));
        chain.refused("BAD_ARGUMENT", "hq", "project", "apply", with("disbursementChain", List.of("lp", "cfc", "lp", "unit")));
        chain.refused("BAD_ARGUMENT", "hq", "project", "apply", with("name", ""));
        chain.ok("hq", "project", "apply", with());
        chain.refused("CONFLICT", "hq", "project", "apply", with());
        chain.ok("hq", "project", "apply", with("name", "another project"));
    }

    @Test
    void everyTownshipIsAcceptedWithItsCounty() {
        assertEquals(20, Townships.ALL.size());
        int i = 0;
        for (Townships.Township t : Townships.ALL) {
            String hq = "hq-" + i++;
            chain.ok("platform", "registry", "registerOrganisation", "id", hq, "name", t.county() + " HQ",
                    "type", "COUNTY_HQ", "account", "ACC-" + hq, "county", t.county());
            chain.ok("platform", "registry", "admit", "signer", ChainFixture.signer(hq).id(), "org", hq, "name", "clerk",
                    "roles", List.of("COUNTY_HQ"));
            chain.ok(hq, "project", "apply", with("county", t.county(), "township", t.name()));
            chain.refused("CONFLICT", hq, "project", "apply", with("county", t.county(), "township", t.name()));
        }
        chain.refused("FORBIDDEN", "hq", "project", "apply", with("county", "晴隆县", "township", "三宝彝族乡"));
    }

    @Test
    void approvalOpensFundRaisingAndIssuesTheDraftSignedByTheIssuer() {
        String p = chain.applyProject();
        SortedMap<String, Object> r = chain.ok("lgo", "project", "approve", "projectId", p, "opinion", "good");
        assertEquals("D000001", r.get("draftId"));
        SortedMap<String, Object> project = chain.ok("hq", "project", "query", "projectId", p);
        assertEquals("APPROVED", project.get("status"));
        assertEquals("good", ((Map<?, ?>) ((List<?>) project.get("history")).get(1)).get("reason"));
        SortedMap<String, Object> draft = chain.draft("D000001");
        assertEquals("ISSUED", draft.get("status"));
        assertEquals("lgo", draft.get("instructionId"));
        assertEquals(ChainFixture.signer("lgo").id(), ((Map<?, ?>) draft.get("instructionSign")).get("signer"));
        assertEquals("RAISING", chain.ok("hq", "fundraising", "query", "projectId", p).get("status"));
    }

    @Test
    void approveAndRejectRefusals() {
        String p = chain.applyProject();
        chain.refused("FORBIDDEN", "hq", "project", "approve", "projectId", p);
        chain.refused("NOT_FOUND", "lgo", "project", "approve", "projectId", "P999999");
        chain.refused("FORBIDDEN", "bank", "project", "reject", "projectId", p, "reason", "no");
        chain.refused("BAD_ARGUMENT", "lgo", "project", "reject", "projectId", p);
        chain.refused("BAD_ARGUMENT", "lgo", "project", "approve", "projectId", p, "hopDays", 0L);
        chain.refused("BAD_ARGUMENT", "lgo", "project", "approve", "projectId", p, "hopDays", 200L, "validDays", 100L);
        chain.refused("BAD_ARGUMENT", "lgo", "project", "approve", "projectId", p, "finalPayees", List.of("unit2"));
        chain.refused("BAD_ARGUMENT", "lgo", "project", "approve", "projectId", p, "perHopCap", "0.001");
        SortedMap<String, Object> rejected = chain.ok("lgo", "project", "reject", "projectId", p, "reason", "incomplete plan");
        assertEquals("REJECTED", rejected.get("status"));
        chain.refused("WRONG_STATE", "lgo", "project", "approve", "projectId", p);
        chain.refused("WRONG_STATE", "lgo", "project", "reject", "projectId", p, "reason", "again");
        assertEquals("P000002", chain.ok("hq", "project", "apply", with()).get("id"), "a rejected name may be reused");
        chain.refused("NOT_FOUND", "lgo", "draft", "query", "draftId", "D000001");

        String p2 = chain.applyProject();
        chain.ok("lgo", "project", "approve", "projectId", p2);
        chain.ok("lgo", "project", "approve", "projectId", "P000002");
        chain.refused("WRONG_STATE", "lgo", "project", "approve", "projectId", p2);
    }

    @Test
    void progressReportsWithEvidenceByTheImplementationUnitOnly() {
        String d = chain.approvedDraft();
        String p = "P" + d.substring(1);
        String hash = "ab".repeat(32);
        SortedMap<String, Object> reported = chain.ok("unit", "project", "reportProgress", "projectId", p,
                "milestone", 0L, "note", "foundations laid", "evidence", List.of(hash), "completed", true);
        assertEquals(0L, ((Number) reported.get("report")).longValue());
        assertEquals(Boolean.TRUE, reported.get("completed"));
        SortedMap<String, Object> project = chain.ok("unit", "project", "query", "projectId", p);
        Map<?, ?> report = (Map<?, ?>) ((List<?>) project.get("progress")).get(0);
        assertEquals(List.of(hash), report.get("evidence"));
        assertEquals(Boolean.TRUE, ((Map<?, ?>) ((List<?>) project.get("milestones")).get(0)).get("completed"));
        chain.refused("FORBIDDEN", "unit2", "project", "reportProgress", "projectId", p, "milestone", 0L,
                "evidence", List.of(hash));
        chain.refused("FORBIDDEN", "hq", "project", "reportProgress", "projectId", p, "milestone", 0L,
                "evidence", List.of(hash));
        chain.refused("BAD_ARGUMENT", "unit", "project", "reportProgress", "projectId", p, "milestone", 2L,
                "evidence", List.of(hash));
        chain.refused("BAD_ARGUMENT", "unit", "project", "reportProgress", "projectId", p, "milestone", 1L,
                "evidence", List.of("not-a-hash"));
        chain.refused("BAD_ARGUMENT", "unit", "project", "reportProgress", "projectId", p, "milestone", 1L,
                "evidence", List.of());
        String applied = chain.applyProject();
        chain.refused("WRONG_STATE", "unit", "project", "reportProgress", "projectId", applied, "milestone", 0L,
                "evidence", List.of(hash));
    }

    @Test
    void internalMethodsRefuseDirectCalls() {
        String d = chain.approvedDraft();
        chain.refused("FORBIDDEN", "lgo", "project", "advance", "projectId", "P" + d.substring(1), "status", "COMPLETED");
        chain.refused("FORBIDDEN", "lgo", "fundraising", "open", "projectId", "P000009", "budget", "1.00", "fund", "lp");
        chain.refused("FORBIDDEN", "lgo", "draft", "create", "projectId", "P000009", "amount", "1.00");
        chain.refused("FORBIDDEN", "bank", "draft", "transfer", "draftId", d, "hop", 0L, "serialNumber", "S",
                "amount", "1.00", "remitTime", 1L);
        assertNotNull(chain.draft(d));
    }

    private static int stored(Receipt r) {
        return Json.write(r.toJson()).length();
    }

    /**
     * Issue 11 item 3: reportProgress returned the whole, growing project, so the 12th report with a 1,000-character
     * note (the portal's limit) made a receipt the ledger cannot store, and the chain loop stopped on every node.
     */
    @Test
    void manyProgressReportsWithLongNotesAllCommitWithSmallReceipts() {
        String d = chain.approvedDraft();
        String p = "P" + d.substring(1);
        String note = "n".repeat(1000);
        int first = -1;
        for (int i = 0; i < 40; i++) {
            Receipt r = chain.tx("unit", "project", "reportProgress", "projectId", p, "milestone", (long) (i % 2),
                    "note", note, "evidence", List.of(String.format(java.util.Locale.ROOT, "%064x", i)));
            assertTrue(r.committed(), r::toString);
            assertTrue(stored(r) <= ContractLimits.MAX_RECEIPT_CHARS, "report " + (i + 1) + ": " + stored(r) + " characters");
            if (first < 0) {
                first = stored(r);
            }
            assertTrue(stored(r) < first + 100, "the receipt of report " + (i + 1) + " grew to " + stored(r) + " characters");
            SortedMap<?, ?> result = (SortedMap<?, ?>) r.result();
            assertEquals(p, result.get("projectId"));
            assertEquals((long) i, ((Number) result.get("report")).longValue());
        }
        // the whole project is read by a query (REST, read models), not answered in a stored receipt
        Map<?, ?> project = (Map<?, ?>) chain.query("hq", "project", "query", "projectId", p).result();
        assertEquals(40, ((List<?>) project.get("progress")).size(), "every report is on the record");
        assertEquals(note, ((Map<?, ?>) ((List<?>) project.get("progress")).get(39)).get("note"));
    }

    /** Every business method answers with ids and what changed, never a whole record that grows with its history. */
    @Test
    void businessResultsDoNotGrowWithHistory() {
        String p = chain.applyProject();
        Receipt applied = chain.tx("hq", "project", "apply", with("name", "big one", "description", "d".repeat(2000)));
        assertTrue(applied.committed(), applied::toString);
        assertTrue(stored(applied) < 1000, "apply answers with the id, not the application: " + stored(applied));
        assertEquals("P000002", ((Map<?, ?>) applied.result()).get("id"));
        Receipt approved = chain.tx("lgo", "project", "approve", "projectId", p);
        assertTrue(stored(approved) < 1000, () -> "approve: " + stored(approved));
        String d = (String) ((Map<?, ?>) approved.result()).get("draftId");
        int firstContribution = -1;
        for (int i = 0; i < 30; i++) {
            Receipt c = chain.tx("provfin", "fundraising", "contribute", "projectId", p, "tranche", "PROVINCE", "amount", "1.00");
            assertTrue(c.committed(), c::toString);
            firstContribution = firstContribution < 0 ? stored(c) : firstContribution;
            assertTrue(stored(c) < firstContribution + 50, "contribution " + i + ": " + stored(c));
        }
        int firstFreeze = -1;
        for (int i = 0; i < 30; i++) {
            Receipt f = chain.tx("lgo", "draft", "freeze", "draftId", d, "reason", "audit " + i);
            assertTrue(f.committed(), f::toString);
            assertEquals("FROZEN", ((Map<?, ?>) f.result()).get("status"));
            Receipt u = chain.tx("lgo", "draft", "unfreeze", "draftId", d, "reason", "cleared " + i);
            assertEquals("ISSUED", ((Map<?, ?>) u.result()).get("status"));
            firstFreeze = firstFreeze < 0 ? stored(u) : firstFreeze;
            assertTrue(stored(u) < firstFreeze + 50, "unfreeze " + i + ": " + stored(u));
        }
        Receipt rejected = chain.tx("lgo", "project", "reject", "projectId", "P000002", "reason", "r".repeat(2000));
        assertTrue(rejected.committed(), rejected::toString);
        assertTrue(stored(rejected) < 1000, () -> "reject: " + stored(rejected));
        assertEquals("REJECTED", ((Map<?, ?>) rejected.result()).get("status"));
    }
}
