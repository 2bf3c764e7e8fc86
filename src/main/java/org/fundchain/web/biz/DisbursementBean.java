package org.fundchain.web.biz;

import java.io.Serializable;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;

import org.fundchain.fund.DraftView;
import org.fundchain.fund.FundQueries;
import org.fundchain.fund.OrganisationView;
import org.fundchain.fund.PlannedHop;
import org.fundchain.fund.ProjectFilter;
import org.fundchain.fund.ProjectView;
import org.fundchain.fund.Tranche;
import org.fundchain.fund.Viewer;

/**
 * /disbursement/register.xhtml (payer roles and the bank): the hops my organisation must pay, where the clerk
 * registers the bank serial number of a transfer (reconciliation.registerTransfer); and the fund-raising tranches
 * my role contributes to (fundraising.contribute) — the draft's first hop can only move money the fund raised.
 */
@Named
@ViewScoped
public class DisbursementBean implements Serializable {
    private static final long serialVersionUID = 1L;
    static final Pattern SERIAL = Pattern.compile("[A-Za-z0-9_-]{1,64}");
    private static final List<String> PAYER_ROLES = List.of("LIMITED_PARTNERSHIP", "PROVINCIAL_FINANCE",
            "COUNTY_FINANCE", "COUNTY_FUND_COMPANY");
    /** Which role pays which tranche (FundRaisingContract). */
    private static final Map<String, String> TRANCHE_ROLE = Map.of("PROVINCE", "PROVINCIAL_FINANCE",
            "CITY", "COUNTY_FINANCE", "FINANCIAL", "COMMERCIAL_BANK");

    @Inject
    FundQueries queries;

    @Inject
    BizActions actions;

    /** A hop my organisation pays; key = draftId/hop. */
    public record PayableHop(String key, String draftId, String purpose, int hop, String payee, String payeeAccount,
            BigDecimal amount, BigDecimal arrived, String remaining, long deadline) {
    }

    /** A tranche my role contributes to; key = projectId/tranche. */
    public record Contribution(String key, String projectId, String projectName, String tranche, BigDecimal due,
            BigDecimal received, String remaining) {
    }

    private transient List<PayableHop> hops;
    private transient List<Contribution> contributions;
    private final Map<String, String> serials = new HashMap<>();
    private final Map<String, String> amounts = new HashMap<>();
    private final Map<String, String> contributionAmounts = new HashMap<>();

    public boolean isPayer() {
        return PAYER_ROLES.stream().anyMatch(actions::hasRole);
    }

    public boolean isContributor() {
        return TRANCHE_ROLE.values().stream().anyMatch(actions::hasRole);
    }

    public List<PayableHop> getHops() {
        if (hops == null) {
            hops = new ArrayList<>();
            String org = actions.organisation();
            if (org != null && isPayer()) {
                for (DraftView d : queries.drafts(BizActions.CHAIN, Viewer.node())) {
                    if (!d.status().equals("ISSUED") && !d.status().equals("IN_TRANSIT")) {
                        continue;
                    }
                    for (PlannedHop h : d.planPath()) {
                        if (org.equals(h.payer()) && !h.complete()) {
                            hops.add(new PayableHop(d.draftId() + "/" + h.hop(), d.draftId(), d.purpose(), h.hop(),
                                    h.payee(), h.payeeAccount(), h.amount(), h.arrived(),
                                    h.amount().subtract(h.arrived()).toPlainString(), h.deadline()));
                        }
                    }
                }
            }
        }
        return hops;
    }

    /** Registers the serial number of a transfer the clerk made through the bank for this hop. */
    public String register(PayableHop h) {
        String serial = trim(serials.get(h.key()));
        if (serial == null || !SERIAL.matcher(serial).matches()) {
            actions.error(null, "disb.serialInvalid");
            return null;
        }
        BigDecimal amount = amountOrDefault(amounts.get(h.key()), h.remaining());
        if (amount == null) {
            actions.error(null, "disb.amountInvalid");
            return null;
        }
        Map<String, Object> args = new LinkedHashMap<>();
        args.put("serialNumber", serial);
        args.put("draftId", h.draftId());
        args.put("hop", (long) h.hop());
        args.put("amount", amount.toPlainString());
        actions.submit("reconciliation", "registerTransfer", args).ifPresent(r -> {
            Object status = r.resultObject().get("status");
            actions.info("disb.registered", serial, status == null ? "" : actions.text("status." + status));
            serials.clear();
            amounts.clear();
            hops = null;
        });
        return null;
    }

    public List<Contribution> getContributions() {
        if (contributions == null) {
            contributions = new ArrayList<>();
            String county = actions.org(actions.organisation()).map(OrganisationView::county).orElse(null);
            List<ProjectView> raising = queries.projects(BizActions.CHAIN, Viewer.node(),
                    new ProjectFilter(null, "APPROVED", null, null), 0, FundQueries.MAX_PAGE_SIZE).items();
            for (ProjectView p : raising) {
                if (p.funding() == null || !"RAISING".equals(p.funding().status())) {
                    continue;
                }
                for (Tranche t : p.funding().tranches()) {
                    String role = TRANCHE_ROLE.get(t.name());
                    boolean mine = role != null && actions.hasRole(role)
                            // a county finance bureau pays the city share of its own county's projects only
                            && (!t.name().equals("CITY") || county == null || county.equals(p.county()));
                    if (mine && t.received().compareTo(t.due()) < 0) {
                        contributions.add(new Contribution(p.id() + "/" + t.name(), p.id(), p.name(), t.name(), t.due(),
                                t.received(), t.due().subtract(t.received()).toPlainString()));
                    }
                }
            }
        }
        return contributions;
    }

    public String contribute(Contribution c) {
        BigDecimal amount = amountOrDefault(contributionAmounts.get(c.key()), c.remaining());
        if (amount == null) {
            actions.error(null, "disb.amountInvalid");
            return null;
        }
        actions.submit("fundraising", "contribute", Map.of("projectId", c.projectId(), "tranche", c.tranche(),
                "amount", amount.toPlainString())).ifPresent(r -> {
            actions.info("disb.contributeDone", c.projectId(), actions.text("tranche." + c.tranche()),
                    new BizFormat().money(amount));
            contributionAmounts.clear();
            contributions = null;
        });
        return null;
    }

    /** The typed amount, or the default when left empty; null if what was typed is not a valid amount. */
    static BigDecimal amountOrDefault(String typed, String dflt) {
        String t = trim(typed);
        return ApplicationForm.money(t == null ? dflt : t);
    }

    private static String trim(String s) {
        return s == null || s.isBlank() ? null : s.trim();
    }

    public String orgName(String orgId) {
        return actions.orgName(orgId);
    }

    public Map<String, String> getSerials() {
        return serials;
    }

    public Map<String, String> getAmounts() {
        return amounts;
    }

    public Map<String, String> getContributionAmounts() {
        return contributionAmounts;
    }
}
