package org.fundchain.web.biz;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

class ApplicationFormTest {

    static ApplicationForm valid() {
        ApplicationForm f = new ApplicationForm();
        f.setName("农村种植产业项目");
        f.setTownship("威宁县/石门乡");
        f.setDepartment("县农业农村局");
        f.setBudget("1,000,000");
        f.setImplementationUnit("shimen-coop");
        f.setFund("gz-fund-lp");
        f.setHop1("weining-fund");
        f.getMilestones().get(0).setName("大棚建设");
        f.getMilestones().get(0).setAmount("600000.00");
        f.addMilestone();
        f.getMilestones().get(1).setName("种苗采购");
        f.getMilestones().get(1).setAmount("400000");
        return f;
    }

    private static List<String> keys(ApplicationForm f) {
        return f.problems().stream().map(ApplicationForm.Problem::key).toList();
    }

    @Test
    void aValidFormBuildsTheContractArguments() {
        ApplicationForm f = valid();
        assertEquals(List.of(), keys(f));
        Map<String, Object> a = f.args();
        assertEquals("威宁县", a.get("county"));
        assertEquals("石门乡", a.get("township"));
        assertEquals("1000000.00", a.get("budget"));
        assertEquals(List.of("gz-fund-lp", "weining-fund", "shimen-coop"), a.get("disbursementChain"));
        assertEquals(List.of(Map.of("name", "大棚建设", "amount", "600000.00"),
                Map.of("name", "种苗采购", "amount", "400000.00")), a.get("milestones"));
        assertTrue(f.isMilestonesMatchBudget());
    }

    @Test
    void milestonesMustAddUpToTheBudgetToTheFen() {
        ApplicationForm f = valid();
        f.getMilestones().get(1).setAmount("399999.99");
        assertEquals(List.of("apply.milestonesSum"), keys(f));
        assertEquals("999999.99", f.getMilestoneSum());
    }

    @Test
    void missingAndMalformedFieldsAreEachReported() {
        ApplicationForm f = new ApplicationForm();
        f.setBudget("-5");
        f.setTownship("北京/朝阳");
        assertEquals(List.of("apply.required", "apply.required", "apply.required", "apply.budgetInvalid",
                "apply.required", "apply.required", "apply.milestoneInvalid"), keys(f));
        assertEquals(List.of("name", "department", "township", "budget", "unit", "fund", "milestones"),
                f.problems().stream().map(ApplicationForm.Problem::field).toList());
    }

    @Test
    void amountsNeedAtMostTwoDecimalsAndStayUnderTheMaximum() {
        assertEquals(null, ApplicationForm.money("1.005"));
        assertEquals(null, ApplicationForm.money("1e5"));
        assertEquals(null, ApplicationForm.money("0"));
        assertEquals(null, ApplicationForm.money("10000000000000"));
        assertEquals("12.50", ApplicationForm.plain(ApplicationForm.money(" 12.5 ")));
    }

    @Test
    void tooLongTextIsRefused() {
        ApplicationForm f = valid();
        f.setName("x".repeat(ApplicationForm.MAX_NAME + 1));
        assertEquals(List.of("apply.tooLong"), keys(f));
    }
}
