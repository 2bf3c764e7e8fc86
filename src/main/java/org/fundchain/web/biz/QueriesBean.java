package org.fundchain.web.biz;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;

import org.fundchain.contracts.Townships;
import org.fundchain.fund.DraftView;
import org.fundchain.fund.FundQueries;
import org.fundchain.fund.Milestone;
import org.fundchain.fund.PlannedHop;
import org.fundchain.fund.ProjectFilter;
import org.fundchain.fund.ProjectView;
import org.fundchain.fund.TownshipTotals;
import org.fundchain.fund.Viewer;

/** /queries/funds.xhtml (money per township) and /queries/projects.xhtml (each project's progress). */
@Named
@RequestScoped
public class QueriesBean {
    @Inject
    FundQueries queries;

    @Inject
    BizActions actions;

    private String township;
    private List<ProgressRow> rows;

    /** How far one project has come: raised by the fund, arrived at the unit, released against milestones. */
    public record ProgressRow(String projectId, String name, String county, String township, String status,
            BigDecimal budget, BigDecimal raised, BigDecimal arrived, BigDecimal released, int milestones,
            int milestonesDone) {
    }

    public List<TownshipTotals> getTownships() {
        return queries.townships(BizActions.CHAIN);
    }

    public List<ProgressRow> getProjectProgress() {
        if (rows == null) {
            rows = new ArrayList<>();
            Viewer v = actions.viewer().orElse(null);
            if (v == null) {
                return rows;
            }
            String t = township == null || township.isBlank() ? null : township;
            for (ProjectView p : queries.projects(BizActions.CHAIN, v, new ProjectFilter(null, null, null, t), 0,
                    FundQueries.MAX_PAGE_SIZE).items()) {
                DraftView d = p.draftId() == null ? null : queries.draft(BizActions.CHAIN, p.draftId()).orElse(null);
                BigDecimal arrived = BigDecimal.ZERO;
                if (d != null && !d.planPath().isEmpty()) {
                    PlannedHop last = d.planPath().get(d.planPath().size() - 1);
                    arrived = last.arrived();
                }
                int done = (int) p.milestones().stream().filter(Milestone::completed).count();
                rows.add(new ProgressRow(p.id(), p.name(), p.county(), p.township(), p.status(), p.budget(),
                        p.funding() == null ? BigDecimal.ZERO : p.funding().received(), arrived,
                        d == null ? BigDecimal.ZERO : d.released(), p.milestones().size(), done));
            }
        }
        return rows;
    }

    public List<String> getTownshipNames() {
        List<String> out = new ArrayList<>();
        for (Townships.Township t : Townships.ALL) {
            if (!out.contains(t.name())) {
                out.add(t.name());
            }
        }
        return out;
    }

    public String getTownship() {
        return township;
    }

    public void setTownship(String township) {
        this.township = township;
        rows = null;
    }
}
