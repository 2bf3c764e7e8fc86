package org.fundchain.web.biz;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;

import org.fundchain.fund.DraftView;
import org.fundchain.fund.FlowView;
import org.fundchain.fund.FundQueries;
import org.fundchain.fund.ProjectView;
import org.fundchain.fund.Viewer;

/**
 * /drafts/mine.xhtml: drafts that concern my organisation — it pays or receives on the path, is an allowed final
 * payee, issued the draft, applied for its project, or (a bank) moved money for it.
 */
@Named
@RequestScoped
public class DraftsBean {
    @Inject
    FundQueries queries;

    @Inject
    BizActions actions;

    private List<Row> mine;

    /** A draft row: hops = number of hops in its PlanPath. */
    public record Row(String draftId, String projectId, String purpose, java.math.BigDecimal amount, String status,
            int currentHop, int hops, long createAt) {
    }

    public List<Row> getMine() {
        if (mine == null) {
            mine = new ArrayList<>();
            Viewer v = actions.viewer().orElse(null);
            String org = actions.organisation();
            if (v == null || org == null) {
                return mine;
            }
            Set<String> banked = new TreeSet<>();
            if (v.hasRole("COMMERCIAL_BANK")) {
                for (FlowView f : queries.flows(BizActions.CHAIN, Viewer.node(), null, null)) {
                    if (org.equals(f.bank()) && f.draftId() != null) {
                        banked.add(f.draftId());
                    }
                }
            }
            for (DraftView d : queries.drafts(BizActions.CHAIN, Viewer.node())) {
                if (concerns(d, org, banked)) {
                    mine.add(new Row(d.draftId(), d.projectId(), d.purpose(), d.amount(), d.status(),
                            d.currentHop(), d.planPath().size(), d.createdAt()));
                }
            }
        }
        return mine;
    }

    private boolean concerns(DraftView d, String org, Set<String> banked) {
        if (d.parties().contains(org) || org.equals(d.issuerOrg()) || banked.contains(d.draftId())) {
            return true;
        }
        return queries.project(BizActions.CHAIN, d.projectId()).map(ProjectView::applicantOrg).filter(org::equals)
                .isPresent();
    }
}
