package org.fundchain.fund;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.util.List;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;

import org.junit.jupiter.api.Test;

/**
 * Evidence downloads follow the visibility of the project that reported the file: a signed-in user of another
 * county or another implementation unit who knows (or guesses, or reads from a block) a hash gets nothing.
 */
class EvidenceVisibilityTest {
    static final String H1 = "9f2c4e7a1b3d5f60718293a4b5c6d7e8f90a1b2c3d4e5f60718293a4b5c6d7e8";
    static final String H2 = "a".repeat(64);
    static final String SHARED = "b".repeat(64);
    static final String UNREPORTED = "c".repeat(64);

    static ProjectView project(String id, String county, String unit, List<String> chain, List<String> evidence) {
        return new ProjectView(id, "project " + id, county, "乡", "dept", new BigDecimal("100.00"), unit, "d", "IMPLEMENTING",
                "signer-hq", "hq-" + county, 1L, 2L, "D" + id.substring(1),
                List.of(new Milestone(0, "m", new BigDecimal("100.00"), false)), chain,
                List.of(new ProgressReport(0, "note", evidence, false, 3L, "signer-" + unit)), List.of(), null);
    }

    static FundSnapshot snapshot(ProjectView... ps) {
        SortedMap<String, ProjectView> projects = new TreeMap<>();
        for (ProjectView p : ps) {
            projects.put(p.id(), p);
        }
        return new FundSnapshot("main", 10, 3L, 0L, 5, projects, new TreeMap<>(), new TreeMap<>(), new TreeMap<>(),
                new TreeMap<>(), new TreeMap<>(), new TreeMap<>(), List.of(), List.of());
    }

    static Viewer viewer(String org, String role, String county) {
        return new Viewer("signer-" + org, org, role, county, Set.of(role));
    }

    final FundSnapshot s = snapshot(
            project("P000001", "威宁县", "shimen-coop", List.of("gz-fund-lp", "weining-fund", "shimen-coop"), List.of(H1, SHARED)),
            project("P000002", "晴隆县", "sanbao-coop", List.of("gz-fund-lp", "qinglong-fund", "sanbao-coop"), List.of(H2, SHARED)));

    @Test
    void onlyViewersOfTheReportingProjectDownload() {
        assertTrue(FundQueries.mayDownloadEvidence(s, viewer("shimen-coop", "IMPLEMENTATION_UNIT", "威宁县"), H1), "the unit that reported it");
        assertTrue(FundQueries.mayDownloadEvidence(s, viewer("weining-hq", "COUNTY_HQ", "威宁县"), H1), "its county HQ");
        assertTrue(FundQueries.mayDownloadEvidence(s, viewer("weining-fund", "COUNTY_FUND_COMPANY", "威宁县"), H1), "a hop of its path");
        assertTrue(FundQueries.mayDownloadEvidence(s, viewer("gz-lgo", "LEADING_GROUP_OFFICE", null), H2), "the province sees all");

        assertFalse(FundQueries.mayDownloadEvidence(s, viewer("shimen-coop", "IMPLEMENTATION_UNIT", "威宁县"), H2), "another unit's file");
        assertFalse(FundQueries.mayDownloadEvidence(s, viewer("weining-hq", "COUNTY_HQ", "威宁县"), H2), "another county's file");
        assertFalse(FundQueries.mayDownloadEvidence(s, viewer("demo-bank", "COMMERCIAL_BANK", null), H1), "a bank not party to it");
        assertFalse(FundQueries.mayDownloadEvidence(s, viewer("other-coop", "IMPLEMENTATION_UNIT", "威宁县"), H1), "a unit of the same county");
    }

    @Test
    void aFileReportedByTwoProjectsIsSeenByViewersOfEither() {
        // content-addressed: the same bytes reported for two projects are one file
        assertTrue(FundQueries.mayDownloadEvidence(s, viewer("shimen-coop", "IMPLEMENTATION_UNIT", "威宁县"), SHARED));
        assertTrue(FundQueries.mayDownloadEvidence(s, viewer("sanbao-coop", "IMPLEMENTATION_UNIT", "晴隆县"), SHARED));
        assertFalse(FundQueries.mayDownloadEvidence(s, viewer("third-coop", "IMPLEMENTATION_UNIT", "从江县"), SHARED));
    }

    @Test
    void aFileNoProjectReportedIsNobodysAndOddInputsAreRefused() {
        assertFalse(FundQueries.mayDownloadEvidence(s, Viewer.node(), UNREPORTED), "an upload never reported on chain");
        assertFalse(FundQueries.mayDownloadEvidence(s, viewer("gz-lgo", "LEADING_GROUP_OFFICE", null), UNREPORTED));
        assertFalse(FundQueries.mayDownloadEvidence(s, viewer("gz-lgo", "LEADING_GROUP_OFFICE", null), null));
        assertFalse(FundQueries.mayDownloadEvidence(s, viewer("gz-lgo", "LEADING_GROUP_OFFICE", null), H1.toUpperCase()));
        assertFalse(FundQueries.mayDownloadEvidence(s, null, H1), "no viewer (signed out or disabled)");
    }
}
