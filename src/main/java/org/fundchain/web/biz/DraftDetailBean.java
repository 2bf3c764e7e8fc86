package org.fundchain.web.biz;

import java.util.ArrayList;
import java.util.List;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;

import org.fundchain.fund.ActualTransfer;
import org.fundchain.fund.DraftView;
import org.fundchain.fund.FundQueries;
import org.fundchain.fund.PlannedHop;
import org.fundchain.fund.Viewer;

/** /drafts/detail.xhtml?id=D000001: every SPEC §1.3 field and the PlanPath drawn against the ActualPath. */
@Named
@RequestScoped
public class DraftDetailBean {
    @Inject
    FundQueries queries;

    @Inject
    BizActions actions;

    private String id;
    private DraftView draft;
    private List<DraftPath.Hop> path;
    /** The id the fields were loaded for: on a postback the view parameter arrives after the first getter call. */
    private String loadedFor;

    private void load() {
        if (java.util.Objects.equals(loadedFor, id)) {
            return;
        }
        loadedFor = id;
        draft = null;
        path = null;
        if (id == null || !id.matches("D[0-9]{1,12}")) {
            return;
        }
        Viewer v = actions.viewer().orElse(null);
        // banks move money for every draft and see them all; others see what the read model's scoping allows
        draft = queries.draft(BizActions.CHAIN, id)
                .filter(d -> v != null && (v.maySee(d) || v.hasRole("COMMERCIAL_BANK"))).orElse(null);
        if (draft != null) {
            List<DraftPath.PlannedHop> plan = new ArrayList<>();
            for (PlannedHop h : draft.planPath()) {
                plan.add(new DraftPath.PlannedHop(h.hop(), h.payer(), h.payerAccount(), h.payee(), h.payeeAccount(),
                        h.amount().toPlainString(), h.arrived().toPlainString(), h.deadline()));
            }
            path = DraftPath.of(plan, getTransfers(), System.currentTimeMillis());
        }
    }

    public DraftView getDraft() {
        load();
        return draft;
    }

    public List<DraftPath.Hop> getPath() {
        load();
        return path == null ? List.of() : path;
    }

    public List<DraftPath.Transfer> getTransfers() {
        List<DraftPath.Transfer> out = new ArrayList<>();
        if (draft != null) {
            for (ActualTransfer t : draft.actualPath()) {
                out.add(new DraftPath.Transfer(t.hop(), t.serialNumber(), t.amount().toPlainString(), t.remitTime(), t.at()));
            }
        }
        return out;
    }

    public String hopStateLabel(DraftPath.Hop h) {
        switch (h.state()) {
            case DONE:
                return actions.text("draft.hopDone");
            case PARTIAL:
                return actions.text("draft.hopPartial");
            case LATE:
                return actions.text("draft.hopLate");
            default:
                return actions.text("draft.hopPending");
        }
    }

    public String orgName(String orgId) {
        return actions.orgName(orgId);
    }

    public String signerName(String signerId) {
        return actions.signerName(signerId);
    }

    public String getId() {
        return id;
    }

    public void setId(String id) {
        this.id = id;
    }
}
