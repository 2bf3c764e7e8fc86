package org.fundchain.security;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;

class PageAccessTest {

    @Test
    void longestPrefixDecides() {
        assertTrue(PageAccess.allows("/projects/list.xhtml", List.of("COUNTY_HQ")));
        assertTrue(PageAccess.allows("/projects/apply.xhtml", List.of("COUNTY_HQ")));
        assertFalse(PageAccess.allows("/projects/apply.xhtml", List.of("LEADING_GROUP_OFFICE")));
        assertTrue(PageAccess.allows("/projects/approve.xhtml", List.of("LEADING_GROUP_OFFICE")));
        assertFalse(PageAccess.allows("/projects/approve.xhtml", List.of("COUNTY_HQ")));
    }

    @Test
    void administrationIsForAdminsOnly() {
        assertTrue(PageAccess.allows("/admin/users.xhtml", List.of("ADMIN")));
        for (String role : List.of("LEADING_GROUP_OFFICE", "PROVINCIAL_FINANCE", "COUNTY_HQ", "COUNTY_FINANCE",
                "COMMERCIAL_BANK", "LIMITED_PARTNERSHIP", "COUNTY_FUND_COMPANY", "IMPLEMENTATION_UNIT")) {
            assertFalse(PageAccess.allows("/admin/users.xhtml", List.of(role)), role);
        }
        assertFalse(PageAccess.allows("/admin/users.xhtml", List.of()));
    }

    @Test
    void roleSpecificAreas() {
        assertTrue(PageAccess.allows("/bank/flows.xhtml", List.of("COMMERCIAL_BANK")));
        assertFalse(PageAccess.allows("/bank/flows.xhtml", List.of("COUNTY_FINANCE")));
        assertTrue(PageAccess.allows("/disbursement/register.xhtml", List.of("COUNTY_FUND_COMPANY")));
        assertFalse(PageAccess.allows("/disbursement/register.xhtml", List.of("IMPLEMENTATION_UNIT")));
        assertTrue(PageAccess.allows("/progress/update.xhtml", List.of("IMPLEMENTATION_UNIT")));
        assertTrue(PageAccess.allows("/monitor/alerts.xhtml", List.of("ADMIN")));
        assertFalse(PageAccess.allows("/monitor/alerts.xhtml", List.of("COMMERCIAL_BANK")));
        assertTrue(PageAccess.allows("/index.xhtml", List.of("IMPLEMENTATION_UNIT")));
        assertTrue(PageAccess.allows("/customer/report.xhtml", List.of("COMMERCIAL_BANK")));
    }

    @Test
    void onlySignInPagesArePublic() {
        assertTrue(PageAccess.isPublic("/login.xhtml"));
        assertTrue(PageAccess.isPublic("/register.xhtml"));
        assertFalse(PageAccess.isPublic("/index.xhtml"));
        assertFalse(PageAccess.isPublic("/explorer/index.xhtml"));
        assertFalse(PageAccess.isPublic("/login.xhtml/../admin/users.xhtml"));
    }

    @Test
    void redirectsStayOnThisSite() {
        assertTrue(Redirects.isSafeLocal("/projects/detail.xhtml?id=P000001"));
        assertTrue(Redirects.isSafeLocal("/admin/users.xhtml"));
        assertFalse(Redirects.isSafeLocal("//evil.example/x.xhtml"));
        assertFalse(Redirects.isSafeLocal("https://evil.example/index.xhtml"));
        assertFalse(Redirects.isSafeLocal("/../index.xhtml"));
        assertFalse(Redirects.isSafeLocal("/index.xhtml?x=<script>"));
        assertFalse(Redirects.isSafeLocal("/index.html"));
        assertFalse(Redirects.isSafeLocal(null));
    }
}
