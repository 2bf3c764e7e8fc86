package org.fundchain.web.biz;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;

import org.fundchain.fund.DraftView;
import org.fundchain.fund.Funding;
import org.fundchain.fund.FundQueries;
import org.fundchain.fund.ProjectView;
import org.fundchain.fund.Release;
import org.fundchain.fund.Viewer;

/** /projects/detail.xhtml?id=P000001: the record, status history, milestones, fund raising, draft and progress. */
@Named
@RequestScoped
public class ProjectDetailBean {
    @Inject
    FundQueries queries;

    @Inject
    BizActions actions;

    private String id;
    private ProjectView project;
    private DraftView draft;
    /** The id the fields were loaded for: on a postback the view parameter arrives after the first getter call. */
    private String loadedFor;

    private void load() {
        if (java.util.Objects.equals(loadedFor, id)) {
            return;
        }
        loadedFor = id;
        project = null;
        draft = null;
        if (id == null || !id.matches("P[0-9]{1,12}")) {
            return;
        }
        Viewer v = actions.viewer().orElse(null);
        // a project the user may not see is reported as not found: its existence is not theirs to learn
        project = queries.project(BizActions.CHAIN, id).filter(p -> v != null && v.maySee(p)).orElse(null);
        if (project != null && project.draftId() != null) {
            draft = queries.draft(BizActions.CHAIN, project.draftId()).orElse(null);
        }
    }

    public ProjectView getProject() {
        load();
        return project;
    }

    public DraftView getDraft() {
        load();
        return draft;
    }

    public Funding getRaising() {
        load();
        return project == null ? null : project.funding();
    }

    /** Whether milestone i has been drawn down from the draft. */
    public boolean released(int milestone) {
        load();
        if (draft == null) {
            return false;
        }
        for (Release r : draft.releases()) {
            if (r.milestone() == milestone) {
                return true;
            }
        }
        return false;
    }

    /** Whether this node keeps the evidence file (files stay on the node the unit uploaded them to). */
    public boolean hasEvidence(String hash) {
        return EvidenceStore.ofServer().find(hash).isPresent();
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
