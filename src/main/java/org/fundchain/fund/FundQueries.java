package org.fundchain.fund;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/**
 * The read side of the fund business, answered from the read model of the last committed block (never a
 * half-applied one). List methods that take a {@link Viewer} return only what that viewer may see; single-item
 * lookups return the item unscoped, so a caller can tell "not found" (404) from "not yours" (403) with
 * {@link Viewer#maySee}. Unknown chain: empty results / {@code Optional.empty()}.
 */
@ApplicationScoped
public class FundQueries {
    public static final int MAX_PAGE_SIZE = 200;

    @Inject
    FundReadModel model;

    /** Chains whose read model is available, in id order. */
    public List<String> chains() {
        return model.chains();
    }

    /** The committed height the read model of this chain reflects, or -1 for an unknown chain. */
    public long height(String chain) {
        return model.snapshot(chain).map(FundSnapshot::height).orElse(-1L);
    }

    /** The whole immutable snapshot, for callers that need several views of one height. */
    public Optional<FundSnapshot> snapshot(String chain) {
        return model.snapshot(chain);
    }

    /**
     * Reconciliation records waiting for their other side longer than the chain's unmatched threshold at
     * {@code nowMs} (what the next sweep will turn into alerts, judged by the node's clock).
     */
    public List<FlowView> overdueFlows(String chain, long nowMs) {
        long threshold = model.unmatchedThresholdMs(chain);
        if (threshold < 0) {
            return List.of();
        }
        return model.snapshot(chain).map(s -> s.flows().values().stream()
                .filter(f -> f.pending() && nowMs - f.since() > threshold).toList()).orElse(List.of());
    }

    /** The viewer for an admitted, enabled signer of an enabled organisation; empty otherwise. */
    public Optional<Viewer> viewer(String chain, String signerId) {
        return model.snapshot(chain).flatMap(s -> viewer(s, signerId));
    }

    static Optional<Viewer> viewer(FundSnapshot s, String signerId) {
        SignerView sv = s.signers().get(signerId);
        if (sv == null || !sv.enabled()) {
            return Optional.empty();
        }
        OrganisationView org = s.organisations().get(sv.org());
        if (org == null || !org.enabled()) {
            return Optional.empty();
        }
        return Optional.of(new Viewer(sv.id(), org.id(), org.type(), org.county(), new java.util.TreeSet<>(sv.roles())));
    }

    /** Projects visible to the viewer matching the filter, newest id first; {@code page} from 0, size 1..200. */
    public Page<ProjectView> projects(String chain, Viewer viewer, ProjectFilter filter, int page, int size) {
        int sz = Math.max(1, Math.min(MAX_PAGE_SIZE, size));
        int pg = Math.max(0, page);
        Optional<FundSnapshot> s = model.snapshot(chain);
        if (s.isEmpty()) {
            return new Page<>(List.of(), pg, sz, 0);
        }
        ProjectFilter f = filter == null ? ProjectFilter.ANY : filter;
        List<ProjectView> all = new ArrayList<>(s.get().projects().values());
        java.util.Collections.reverse(all);
        List<ProjectView> hits = new ArrayList<>();
        for (ProjectView p : all) {
            if (viewer.maySee(p) && matches(p, f)) {
                hits.add(p);
            }
        }
        long from = (long) pg * sz;
        List<ProjectView> items = from >= hits.size() ? List.of() : hits.subList((int) from, (int) Math.min(hits.size(), from + sz));
        return new Page<>(items, pg, sz, hits.size());
    }

    static boolean matches(ProjectView p, ProjectFilter f) {
        if (!blank(f.status()) && !f.status().equals(p.status())) {
            return false;
        }
        if (!blank(f.county()) && !f.county().equals(p.county())) {
            return false;
        }
        if (!blank(f.township()) && !f.township().equals(p.township())) {
            return false;
        }
        if (blank(f.text())) {
            return true;
        }
        String t = f.text().trim().toLowerCase(Locale.ROOT);
        for (String field : new String[] {p.id(), p.name(), p.department(), p.description()}) {
            if (field != null && field.toLowerCase(Locale.ROOT).contains(t)) {
                return true;
            }
        }
        return false;
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }

    public Optional<ProjectView> project(String chain, String projectId) {
        return model.snapshot(chain).map(s -> s.projects().get(projectId));
    }

    /** Drafts visible to the viewer, in id order. */
    public List<DraftView> drafts(String chain, Viewer viewer) {
        return model.snapshot(chain).map(s -> s.drafts().values().stream().filter(viewer::maySee).toList()).orElse(List.of());
    }

    public Optional<DraftView> draft(String chain, String draftId) {
        return model.snapshot(chain).map(s -> s.drafts().get(draftId));
    }

    /**
     * Reconciliation records (registrations and bank flows) visible to the viewer, in serial order; optional
     * filters: {@code status} (PENDING_FLOW, PENDING_REGISTRATION, MATCHED, MISMATCHED, UNMATCHED, or "PENDING" for
     * both pending kinds) and {@code draftId}.
     */
    public List<FlowView> flows(String chain, Viewer viewer, String status, String draftId) {
        return model.snapshot(chain).map(s -> s.flows().values().stream()
                .filter(viewer::maySee)
                .filter(f -> blank(status) || status.equals(f.status()) || "PENDING".equals(status) && f.pending())
                .filter(f -> blank(draftId) || draftId.equals(f.draftId()))
                .toList()).orElse(List.of());
    }

    public Optional<FlowView> flow(String chain, String serialNumber) {
        return model.snapshot(chain).map(s -> s.flows().get(serialNumber));
    }

    /** Alerts visible to the viewer with seq ≥ fromSeq, oldest first, at most {@code limit} (1..1000). */
    public List<AlertView> alerts(String chain, Viewer viewer, long fromSeq, int limit) {
        int max = Math.max(1, Math.min(1000, limit));
        Optional<FundSnapshot> s = model.snapshot(chain);
        if (s.isEmpty()) {
            return List.of();
        }
        List<AlertView> out = new ArrayList<>();
        for (AlertView a : s.get().alerts().tailMap(Math.max(0, fromSeq), true).values()) {
            if (out.size() >= max) {
                break;
            }
            if (maySee(s.get(), viewer, a)) {
                out.add(a);
            }
        }
        return out;
    }

    /** An alert is visible with its draft; an unregistered bank flow's alert with its flow. */
    public static boolean maySee(FundSnapshot s, Viewer viewer, AlertView a) {
        if (viewer.seesAll()) {
            return true;
        }
        DraftView d = a.draftId() == null ? null : s.drafts().get(a.draftId());
        if (d != null && viewer.maySee(d)) {
            return true;
        }
        FlowView f = a.serialNumber() == null ? null : s.flows().get(a.serialNumber());
        return f != null && viewer.maySee(f);
    }

    /**
     * Whether the viewer may download the evidence file with this hash: some project that reported it in a progress
     * report is visible to the viewer ({@link Viewer#maySee(ProjectView)}, the rule of the project pages). A file no
     * project reported on chain is nobody's; no viewer (signed out, disabled) sees nothing.
     */
    public boolean mayDownloadEvidence(String chain, Viewer viewer, String hash) {
        return model.snapshot(chain).map(s -> mayDownloadEvidence(s, viewer, hash)).orElse(false);
    }

    public static boolean mayDownloadEvidence(FundSnapshot s, Viewer viewer, String hash) {
        if (viewer == null || hash == null) {
            return false;
        }
        for (ProjectView p : s.projects().values()) {
            if (reported(p, hash) && viewer.maySee(p)) {
                return true;
            }
        }
        return false;
    }

    private static boolean reported(ProjectView p, String hash) {
        for (ProgressReport r : p.progress()) {
            if (r.evidence() != null && r.evidence().contains(hash)) {
                return true;
            }
        }
        return false;
    }

    /** All 20 townships of SPEC §1.6 with their money, in the SPEC's order. */
    public List<TownshipTotals> townships(String chain) {
        return model.snapshot(chain).map(FundSnapshot::townships).orElse(List.of());
    }

    public Optional<Dashboard> dashboard(String chain) {
        return model.snapshot(chain).map(FundReadModel::dashboard);
    }

    public List<OrganisationView> organisations(String chain) {
        return model.snapshot(chain).map(s -> List.copyOf(s.organisations().values())).orElse(List.of());
    }

    public Optional<OrganisationView> organisation(String chain, String orgId) {
        return model.snapshot(chain).map(s -> s.organisations().get(orgId));
    }

    public List<SignerView> signers(String chain) {
        return model.snapshot(chain).map(s -> List.copyOf(s.signers().values())).orElse(List.of());
    }

    public Optional<SignerView> signer(String chain, String signerId) {
        return model.snapshot(chain).map(s -> s.signers().get(signerId));
    }

    /** Registration requests waiting for an administrator, oldest first. */
    public List<RegistrationRequestView> pendingRequests(String chain) {
        return model.snapshot(chain).map(s -> s.requests().values().stream()
                .filter(r -> "PENDING".equals(r.status()))
                .sorted(java.util.Comparator.comparingLong(RegistrationRequestView::requestedAt))
                .toList()).orElse(List.of());
    }

    /** The registration request of a key (PENDING or REJECTED), e.g. for "where is my request". */
    public Optional<RegistrationRequestView> request(String chain, String signerId) {
        return model.snapshot(chain).map(s -> s.requests().get(signerId));
    }
}
