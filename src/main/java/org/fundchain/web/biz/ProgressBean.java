package org.fundchain.web.biz;

import java.io.IOException;
import java.io.InputStream;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.logging.Level;
import java.util.logging.Logger;

import jakarta.faces.model.SelectItem;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import jakarta.servlet.http.Part;

import org.fundchain.fund.DraftView;
import org.fundchain.fund.FundQueries;
import org.fundchain.fund.Milestone;
import org.fundchain.fund.ProjectFilter;
import org.fundchain.fund.ProjectView;
import org.fundchain.fund.Release;
import org.fundchain.fund.Viewer;

/**
 * /progress/update.xhtml (IMPLEMENTATION_UNIT): honour the draft once everything arrived (draft.accept), draw
 * funds against milestones (draft.release) and report progress with an evidence file (project.reportProgress): the
 * file is kept by this node, its SHA-256 goes on chain.
 */
@Named
@ViewScoped
public class ProgressBean implements Serializable {
    private static final long serialVersionUID = 1L;
    private static final Logger LOG = Logger.getLogger(ProgressBean.class.getName());
    static final int MAX_NOTE = 1000;

    @Inject
    FundQueries queries;

    @Inject
    BizActions actions;

    /** One of my projects with its draft (null before approval) and the choices its forms offer. */
    public record Work(ProjectView project, DraftView draft, List<SelectItem> milestoneItems,
            List<SelectItem> releasableItems) {
    }

    private transient List<Work> projects;
    private Integer releaseMilestone;
    private Integer milestone;
    private String note;
    private transient Part file;
    private boolean completed;

    public List<Work> getProjects() {
        if (projects == null) {
            projects = new ArrayList<>();
            String org = actions.organisation();
            Viewer v = actions.viewer().orElse(null);
            if (org == null || v == null) {
                return projects;
            }
            for (ProjectView p : queries.projects(BizActions.CHAIN, v, ProjectFilter.ANY, 0, FundQueries.MAX_PAGE_SIZE)
                    .items()) {
                if (!org.equals(p.implementationUnit())) {
                    continue;
                }
                DraftView d = p.draftId() == null ? null : queries.draft(BizActions.CHAIN, p.draftId()).orElse(null);
                projects.add(new Work(p, d, milestoneItems(p), releasable(p, d)));
            }
        }
        return projects;
    }

    private static List<SelectItem> milestoneItems(ProjectView p) {
        List<SelectItem> out = new ArrayList<>();
        for (Milestone m : p.milestones()) {
            out.add(new SelectItem(m.index(), m.index() + " · " + m.name() + (m.completed() ? " ✓" : "")));
        }
        return out;
    }

    /** Milestone 0 once accepted, k once k−1 is reported complete; each once (DraftContract.release). */
    private List<SelectItem> releasable(ProjectView p, DraftView d) {
        List<SelectItem> out = new ArrayList<>();
        if (d == null || !"ACCEPTED".equals(d.status())) {
            return out;
        }
        for (Milestone m : p.milestones()) {
            boolean released = d.releases().stream().map(Release::milestone).anyMatch(i -> i == m.index());
            boolean ready = m.index() == 0 || p.milestones().get(m.index() - 1).completed();
            if (!released && ready) {
                out.add(new SelectItem(m.index(), m.index() + " · " + m.name() + " · " + new BizFormat().money(m.amount())));
            }
        }
        return out;
    }

    public String accept(String draftId) {
        actions.submit("draft", "accept", Map.of("draftId", draftId)).ifPresent(r -> {
            actions.info("progress.accepted", draftId);
            projects = null;
        });
        return null;
    }

    public String release(String draftId) {
        if (releaseMilestone == null) {
            actions.error(null, "apply.required");
            return null;
        }
        int m = releaseMilestone;
        actions.submit("draft", "release", Map.of("draftId", draftId, "milestone", (long) m)).ifPresent(r -> {
            Object amount = null;
            for (Work w : getProjects()) {
                if (w.draft() != null && w.draft().draftId().equals(draftId) && m < w.project().milestones().size()) {
                    amount = w.project().milestones().get(m).amount();
                }
            }
            actions.info("progress.released", m, new BizFormat().money(amount));
            projects = null;
            releaseMilestone = null;
        });
        return null;
    }

    /** Keeps the uploaded file on this node and puts its SHA-256 on chain with the report. */
    public String report(String projectId) {
        if (milestone == null) {
            actions.error(null, "apply.required");
            return null;
        }
        String n = note == null ? "" : note.trim();
        if (n.length() > MAX_NOTE) {
            actions.error(null, "apply.tooLong", MAX_NOTE);
            return null;
        }
        if (file == null || file.getSize() == 0) {
            actions.error(null, "progress.fileRequired");
            return null;
        }
        if (file.getSize() > EvidenceStore.MAX_BYTES) {
            actions.error(null, "progress.fileTooLarge");
            return null;
        }
        String hash;
        try (InputStream in = file.getInputStream()) {
            hash = EvidenceStore.ofServer().put(in);
        } catch (EvidenceStore.RefusedFile e) {
            actions.error(null, "progress.fileTooLarge");
            return null;
        } catch (IOException e) {
            LOG.log(Level.WARNING, "could not keep an evidence file", e);
            actions.error(null, "refusal.detail", actions.text("refusal.generic"), e.getMessage());
            return null;
        }
        Map<String, Object> args = new LinkedHashMap<>();
        args.put("projectId", projectId);
        args.put("milestone", (long) milestone);
        args.put("evidence", List.of(hash));
        args.put("note", n);
        args.put("completed", completed);
        actions.submit("project", "reportProgress", args).ifPresent(r -> {
            actions.info("progress.reported", hash);
            projects = null;
            note = null;
            completed = false;
        });
        return null;
    }

    public Integer getReleaseMilestone() {
        return releaseMilestone;
    }

    public void setReleaseMilestone(Integer releaseMilestone) {
        this.releaseMilestone = releaseMilestone;
    }

    public Integer getMilestone() {
        return milestone;
    }

    public void setMilestone(Integer milestone) {
        this.milestone = milestone;
    }

    public String getNote() {
        return note;
    }

    public void setNote(String note) {
        this.note = note;
    }

    public Part getFile() {
        return file;
    }

    public void setFile(Part file) {
        this.file = file;
    }

    public boolean isCompleted() {
        return completed;
    }

    public void setCompleted(boolean completed) {
        this.completed = completed;
    }
}
