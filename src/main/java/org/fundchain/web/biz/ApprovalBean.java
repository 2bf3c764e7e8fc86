package org.fundchain.web.biz;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;

import org.fundchain.fund.FundQueries;
import org.fundchain.fund.Page;
import org.fundchain.fund.ProjectFilter;
import org.fundchain.fund.ProjectView;
import org.fundchain.fund.Viewer;

/** /projects/approve.xhtml (LEADING_GROUP_OFFICE): applications waiting; approve (issues the draft) or reject. */
@Named
@ViewScoped
public class ApprovalBean implements Serializable {
    private static final long serialVersionUID = 1L;
    static final int MAX_OPINION = 500;

    @Inject
    FundQueries queries;

    @Inject
    BizActions actions;

    /** Loaded once per view so a row's buttons act on the project shown in it, even if others arrive meanwhile. */
    private transient List<ProjectView> applied;
    private final Map<String, String> opinions = new HashMap<>();

    public List<ProjectView> getApplied() {
        if (applied == null) {
            applied = new ArrayList<>();
            Viewer v = actions.viewer().orElse(null);
            if (v != null) {
                Page<ProjectView> p = queries.projects(BizActions.CHAIN, v,
                        new ProjectFilter(null, "APPLIED", null, null), 0, FundQueries.MAX_PAGE_SIZE);
                applied.addAll(p.items());
            }
        }
        return applied;
    }

    /** Approves: the contract opens fund raising and issues the digital draft in the same transaction. */
    public String approve(String projectId) {
        Map<String, Object> args = new LinkedHashMap<>();
        args.put("projectId", projectId);
        String opinion = opinion(projectId);
        if (opinion == null) {
            return null;
        }
        if (!opinion.isEmpty()) {
            args.put("opinion", opinion);
        }
        actions.submit("project", "approve", args).ifPresent(r -> {
            actions.info("approve.approved", projectId, r.resultObject().get("draftId"));
            reload();
        });
        return null;
    }

    public String reject(String projectId) {
        String reason = opinion(projectId);
        if (reason == null) {
            return null;
        }
        if (reason.isEmpty()) {
            actions.error(null, "approve.reasonRequired");
            return null;
        }
        actions.submit("project", "reject", Map.of("projectId", projectId, "reason", reason)).ifPresent(r -> {
            actions.info("approve.rejected", projectId);
            reload();
        });
        return null;
    }

    /** The trimmed opinion typed for this project; null (with a message) if too long. */
    private String opinion(String projectId) {
        String o = opinions.getOrDefault(projectId, "");
        o = o == null ? "" : o.trim();
        if (o.length() > MAX_OPINION) {
            actions.error(null, "apply.tooLong", MAX_OPINION);
            return null;
        }
        return o;
    }

    private void reload() {
        applied = null;
        opinions.clear();
    }

    public String orgName(String orgId) {
        return actions.orgName(orgId);
    }

    public Map<String, String> getOpinions() {
        return opinions;
    }
}
