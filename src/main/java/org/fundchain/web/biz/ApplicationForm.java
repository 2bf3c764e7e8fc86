package org.fundchain.web.biz;

import java.io.Serializable;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import org.fundchain.contracts.Townships;

/**
 * The project application form (SPEC §1.5) and its checks, before anything is signed: the contract checks the
 * same again, but a clerk should hear about a typo from the form, not from a refused transaction.
 * {@link #problems()} lists what is wrong as (field, bundle key, arguments); {@link #args()} builds
 * {@code project.apply}'s arguments.
 */
public class ApplicationForm implements Serializable {
    private static final long serialVersionUID = 1L;
    static final Pattern MONEY = Pattern.compile("\\d{1,13}(\\.\\d{1,2})?");
    static final BigDecimal MAX = new BigDecimal("1000000000000.00");
    public static final int MAX_NAME = 100;
    public static final int MAX_DESCRIPTION = 2000;
    public static final int MAX_MILESTONES = 20;
    public static final int MAX_HOPS = 3;

    /** One milestone row. */
    public static class Milestone implements Serializable {
        private static final long serialVersionUID = 1L;
        private String name;
        private String amount;

        public Milestone() {
        }

        public Milestone(String name, String amount) {
            this.name = name;
            this.amount = amount;
        }

        public String getName() {
            return name;
        }

        public void setName(String name) {
            this.name = name;
        }

        public String getAmount() {
            return amount;
        }

        public void setAmount(String amount) {
            this.amount = amount;
        }
    }

    /** A problem: the form field (component id) it belongs to, a bundle key and its arguments. */
    public record Problem(String field, String key, Object... args) {
    }

    private String name;
    /** "county/township", from the select of the 20 townships. */
    private String township;
    private String department;
    private String budget;
    private String implementationUnit;
    private String description;
    private String fund;
    private final List<String> hops = new ArrayList<>(List.of("", "", ""));
    private final List<Milestone> milestones = new ArrayList<>(List.of(new Milestone()));

    /** The value of a township option: county and township, since two counties both have a 大塘镇. */
    public static String townshipKey(Townships.Township t) {
        return t.county() + "/" + t.name();
    }

    public List<Problem> problems() {
        List<Problem> out = new ArrayList<>();
        text(out, "name", name, MAX_NAME);
        text(out, "department", department, MAX_NAME);
        if (description != null && description.length() > MAX_DESCRIPTION) {
            out.add(new Problem("description", "apply.tooLong", MAX_DESCRIPTION));
        }
        if (selectedTownship() == null) {
            out.add(new Problem("township", "apply.required"));
        }
        BigDecimal b = money(budget);
        if (b == null) {
            out.add(new Problem("budget", "apply.budgetInvalid"));
        }
        if (blank(implementationUnit)) {
            out.add(new Problem("unit", "apply.required"));
        }
        if (blank(fund)) {
            out.add(new Problem("fund", "apply.required"));
        }
        BigDecimal sum = BigDecimal.ZERO;
        boolean rowsOk = true;
        for (int i = 0; i < milestones.size(); i++) {
            Milestone m = milestones.get(i);
            BigDecimal a = money(m.getAmount());
            if (blank(m.getName()) || m.getName().length() > MAX_NAME || a == null) {
                out.add(new Problem("milestones", "apply.milestoneInvalid", i + 1));
                rowsOk = false;
            } else {
                sum = sum.add(a);
            }
        }
        if (milestones.isEmpty()) {
            out.add(new Problem("milestones", "apply.milestoneInvalid", 1));
        } else if (rowsOk && b != null && sum.compareTo(b) != 0) {
            out.add(new Problem("milestones", "apply.milestonesSum", plain(sum), plain(b)));
        }
        return out;
    }

    /** The sum of the milestone amounts that parse, for the live hint under the table. */
    public String getMilestoneSum() {
        BigDecimal sum = BigDecimal.ZERO;
        for (Milestone m : milestones) {
            BigDecimal a = money(m.getAmount());
            if (a != null) {
                sum = sum.add(a);
            }
        }
        return plain(sum);
    }

    public boolean isMilestonesMatchBudget() {
        BigDecimal b = money(budget);
        return b != null && new BigDecimal(getMilestoneSum()).compareTo(b) == 0;
    }

    /** project.apply's arguments; call only when {@link #problems()} is empty. */
    public Map<String, Object> args() {
        Townships.Township t = selectedTownship();
        List<Object> ms = new ArrayList<>();
        for (Milestone m : milestones) {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("name", m.getName().trim());
            row.put("amount", plain(money(m.getAmount())));
            ms.add(row);
        }
        List<Object> chain = new ArrayList<>();
        chain.add(fund);
        for (String h : hops) {
            if (!blank(h) && !chain.contains(h)) {
                chain.add(h);
            }
        }
        chain.add(implementationUnit);
        Map<String, Object> a = new LinkedHashMap<>();
        a.put("name", name.trim());
        a.put("county", t.county());
        a.put("township", t.name());
        a.put("department", department.trim());
        a.put("budget", plain(money(budget)));
        a.put("implementationUnit", implementationUnit);
        a.put("description", description == null ? "" : description.trim());
        a.put("milestones", ms);
        a.put("disbursementChain", chain);
        return a;
    }

    Townships.Township selectedTownship() {
        if (township == null) {
            return null;
        }
        for (Townships.Township t : Townships.ALL) {
            if (townshipKey(t).equals(township)) {
                return t;
            }
        }
        return null;
    }

    /** A positive amount with at most two decimals, up to the contracts' maximum; null otherwise. */
    static BigDecimal money(String s) {
        if (s == null) {
            return null;
        }
        String v = s.trim().replace(",", "");
        if (!MONEY.matcher(v).matches()) {
            return null;
        }
        BigDecimal d = new BigDecimal(v).setScale(2);
        return d.signum() > 0 && d.compareTo(MAX) <= 0 ? d : null;
    }

    static String plain(BigDecimal d) {
        return d.setScale(2).toPlainString();
    }

    private static void text(List<Problem> out, String field, String value, int max) {
        if (blank(value)) {
            out.add(new Problem(field, "apply.required"));
        } else if (value.trim().length() > max) {
            out.add(new Problem(field, "apply.tooLong", max));
        }
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }

    public void addMilestone() {
        if (milestones.size() < MAX_MILESTONES) {
            milestones.add(new Milestone());
        }
    }

    public void removeMilestone(int index) {
        if (milestones.size() > 1 && index >= 0 && index < milestones.size()) {
            milestones.remove(index);
        }
    }

    public String getName() {
        return name;
    }

    public void setName(String name) {
        this.name = name;
    }

    public String getTownship() {
        return township;
    }

    public void setTownship(String township) {
        this.township = township;
    }

    public String getDepartment() {
        return department;
    }

    public void setDepartment(String department) {
        this.department = department;
    }

    public String getBudget() {
        return budget;
    }

    public void setBudget(String budget) {
        this.budget = budget;
    }

    public String getImplementationUnit() {
        return implementationUnit;
    }

    public void setImplementationUnit(String implementationUnit) {
        this.implementationUnit = implementationUnit;
    }

    public String getDescription() {
        return description;
    }

    public void setDescription(String description) {
        this.description = description;
    }

    public String getFund() {
        return fund;
    }

    public void setFund(String fund) {
        this.fund = fund;
    }

    public String getHop1() {
        return hops.get(0);
    }

    public void setHop1(String v) {
        hops.set(0, v == null ? "" : v);
    }

    public String getHop2() {
        return hops.get(1);
    }

    public void setHop2(String v) {
        hops.set(1, v == null ? "" : v);
    }

    public String getHop3() {
        return hops.get(2);
    }

    public void setHop3(String v) {
        hops.set(2, v == null ? "" : v);
    }

    public List<Milestone> getMilestones() {
        return milestones;
    }
}
