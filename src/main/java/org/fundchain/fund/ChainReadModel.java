package org.fundchain.fund;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.TreeSet;

import org.fundchain.codec.Json;
import org.fundchain.contract.StateKey;
import org.fundchain.contract.api.Money;
import org.fundchain.contracts.Townships;

/**
 * The read model of one chain, fed block by block with the committed state writes: it mirrors the fund
 * contracts' entries (JSON) and re-derives only the views whose entries a block touched. Not thread-safe: one
 * caller applies blocks in height order; readers only ever get the immutable {@link FundSnapshot}s it returns.
 */
final class ChainReadModel {
    /** The contracts whose state the read model follows; everything else (e.g. the pressure test) is ignored. */
    static final Set<String> CONTRACTS = Set.of("registry", "project", "fundraising", "draft", "reconciliation");

    private final String chain;
    private final long genesisTime;
    private final int runningContracts;
    private final TreeMap<StateKey, String> mirror = new TreeMap<>();

    private final TreeMap<String, ProjectView> projects = new TreeMap<>();
    private final TreeMap<String, DraftView> drafts = new TreeMap<>();
    private final TreeMap<String, FlowView> flows = new TreeMap<>();
    private final TreeMap<Long, AlertView> alerts = new TreeMap<>();
    private final TreeMap<String, OrganisationView> organisations = new TreeMap<>();
    private final TreeMap<String, SignerView> signers = new TreeMap<>();
    private final TreeMap<String, RegistrationRequestView> requests = new TreeMap<>();

    private long height;
    private long blockTime;
    private FundSnapshot snapshot;

    ChainReadModel(String chain, long genesisTime, int runningContracts) {
        this.chain = chain;
        this.genesisTime = genesisTime;
        this.runningContracts = runningContracts;
    }

    /** What one {@link #apply} changed: ids of changed records and the alerts it added. */
    record Change(FundSnapshot snapshot, Set<String> changedIds, List<AlertView> newAlerts) {
    }

    /** Loads the whole committed state (node start); every view is derived afresh. */
    Change load(long atHeight, long atBlockTime, Map<StateKey, String> state) {
        mirror.clear();
        projects.clear();
        drafts.clear();
        flows.clear();
        alerts.clear();
        organisations.clear();
        signers.clear();
        requests.clear();
        Map<StateKey, String> relevant = new TreeMap<>();
        for (Map.Entry<StateKey, String> e : state.entrySet()) {
            if (CONTRACTS.contains(e.getKey().contract())) {
                relevant.put(e.getKey(), e.getValue());
            }
        }
        Change c = apply(atHeight, atBlockTime, relevant);
        return new Change(c.snapshot(), c.changedIds(), List.of()); // alerts at start are not "new"
    }

    /**
     * Applies the writes of the blocks up to {@code newHeight} (value null = deleted) and returns the new snapshot.
     * Several blocks may be applied at once; the snapshot is only taken at the end, at a block boundary.
     */
    Change apply(long newHeight, long newBlockTime, Map<StateKey, String> writes) {
        Set<String> projectIds = new TreeSet<>();
        Set<String> draftIds = new TreeSet<>();
        Set<String> serials = new TreeSet<>();
        Set<String> registry = new TreeSet<>();
        List<AlertView> newAlerts = new ArrayList<>();
        List<Long> alertSeqs = new ArrayList<>();
        for (Map.Entry<StateKey, String> w : writes.entrySet()) {
            String contract = w.getKey().contract();
            if (!CONTRACTS.contains(contract)) {
                continue;
            }
            if (w.getValue() == null) {
                mirror.remove(w.getKey());
            } else {
                mirror.put(w.getKey(), w.getValue());
            }
            String key = w.getKey().key();
            switch (contract) {
                case "project" -> after(key, "project/", projectIds);
                case "fundraising" -> after(key, "raise/", projectIds);
                case "draft" -> after(key, "draft/", draftIds);
                case "registry" -> {
                    if (key.startsWith("org/") || key.startsWith("signer/") || key.startsWith("request/")) {
                        registry.add(key);
                    }
                }
                case "reconciliation" -> {
                    if (key.startsWith("alert/")) {
                        alertSeqs.add(Long.parseLong(key.substring("alert/".length())));
                    } else {
                        after(key, "rec/", serials);
                        after(key, "reg/", serials);
                        after(key, "flow/", serials);
                    }
                }
                default -> { }
            }
        }
        for (String key : registry) {
            rebuildRegistry(key);
        }
        for (String id : projectIds) {
            rebuildProject(id);
        }
        // a project's name/county only appear on its draft once the draft exists, both are immutable after that
        for (String id : draftIds) {
            rebuildDraft(id);
        }
        for (String serial : serials) {
            rebuildFlow(serial);
        }
        for (Long seq : alertSeqs) {
            AlertView a = alert(seq);
            if (a != null) {
                alerts.put(seq, a);
                newAlerts.add(a);
            } else {
                alerts.remove(seq);
            }
        }
        this.height = newHeight;
        this.blockTime = newBlockTime;
        Set<String> changed = new TreeSet<>();
        changed.addAll(projectIds);
        changed.addAll(draftIds);
        changed.addAll(serials);
        for (String k : registry) {
            changed.add(k.substring(k.indexOf('/') + 1));
        }
        boolean anything = !changed.isEmpty() || !newAlerts.isEmpty() || snapshot == null;
        snapshot = anything ? takeSnapshot() : withHeight(snapshot);
        return new Change(snapshot, changed, newAlerts);
    }

    FundSnapshot snapshot() {
        return snapshot;
    }

    private static void after(String key, String prefix, Set<String> ids) {
        if (key.startsWith(prefix)) {
            ids.add(key.substring(prefix.length()));
        }
    }

    private FundSnapshot withHeight(FundSnapshot s) {
        return new FundSnapshot(s.chain(), height, blockTime, s.genesisTime(), s.runningContracts(), s.projects(),
                s.drafts(), s.flows(), s.alerts(), s.organisations(), s.signers(), s.requests(), s.townships(),
                s.releasedOverTime());
    }

    private FundSnapshot takeSnapshot() {
        return new FundSnapshot(chain, height, blockTime, genesisTime, runningContracts, frozen(projects), frozen(drafts),
                frozen(flows), Collections.unmodifiableNavigableMap(new TreeMap<>(alerts)), frozen(organisations),
                frozen(signers), frozen(requests), townships(), releasedOverTime());
    }

    private static <V> SortedMap<String, V> frozen(TreeMap<String, V> m) {
        return Collections.unmodifiableSortedMap(new TreeMap<>(m));
    }

    // ------------------------------------------------------------------ derived views

    private SortedMap<String, Object> object(String contract, String key) {
        String json = mirror.get(new StateKey(contract, key));
        if (json == null) {
            return null;
        }
        Object v = Json.parse(json);
        return v instanceof SortedMap<?, ?> ? cast(v) : null;
    }

    private void rebuildRegistry(String key) {
        SortedMap<String, Object> m = object("registry", key);
        String id = key.substring(key.indexOf('/') + 1);
        if (key.startsWith("org/")) {
            put(organisations, id, m == null ? null : new OrganisationView(str(m, "id"), str(m, "name"), str(m, "type"),
                    str(m, "account"), str(m, "county"), bool(m, "enabled")));
        } else if (key.startsWith("signer/")) {
            put(signers, id, m == null ? null : new SignerView(str(m, "id"), str(m, "org"), str(m, "name"),
                    strings(m.get("roles")), bool(m, "enabled"), num(m, "admittedAt"), str(m, "admittedBy")));
        } else {
            put(requests, id, m == null ? null : new RegistrationRequestView(str(m, "id"), str(m, "org"), str(m, "name"),
                    strings(m.get("roles")), str(m, "status"), num(m, "requestedAt"), str(m, "reason")));
        }
    }

    private void rebuildProject(String id) {
        SortedMap<String, Object> p = object("project", "project/" + id);
        if (p == null) {
            projects.remove(id);
            return;
        }
        List<Milestone> milestones = new ArrayList<>();
        int i = 0;
        for (Object o : list(p.get("milestones"))) {
            SortedMap<String, Object> m = cast(o);
            milestones.add(new Milestone(i++, str(m, "name"), money(m, "amount"), bool(m, "completed")));
        }
        List<ProgressReport> progress = new ArrayList<>();
        for (Object o : list(p.get("progress"))) {
            SortedMap<String, Object> m = cast(o);
            progress.add(new ProgressReport((int) num(m, "milestone"), str(m, "note"), strings(m.get("evidence")),
                    bool(m, "completed"), num(m, "at"), str(m, "by")));
        }
        Funding funding = null;
        SortedMap<String, Object> r = object("fundraising", "raise/" + id);
        if (r != null) {
            List<Tranche> tranches = new ArrayList<>();
            SortedMap<String, Object> ts = cast(r.get("tranches"));
            for (String name : List.of("PROVINCE", "CITY", "FINANCIAL")) {
                SortedMap<String, Object> t = ts == null ? null : cast(ts.get(name));
                if (t != null) {
                    tranches.add(new Tranche(name, str(t, "role"), money(t, "due"), money(t, "received")));
                }
            }
            funding = new Funding(str(r, "status"), money(r, "budget"), money(r, "received"), tranches);
        }
        Object approvedAt = p.get("approvedAt");
        projects.put(id, new ProjectView(id, str(p, "name"), str(p, "county"), str(p, "township"), str(p, "department"),
                money(p, "budget"), str(p, "implementationUnit"), str(p, "description"), str(p, "status"),
                str(p, "applicant"), str(p, "applicantOrg"), num(p, "appliedAt"),
                approvedAt == null ? null : num(p, "approvedAt"), str(p, "draftId"), milestones,
                strings(p.get("disbursementChain")), progress, history(p), funding));
    }

    private void rebuildDraft(String id) {
        SortedMap<String, Object> d = object("draft", "draft/" + id);
        if (d == null) {
            drafts.remove(id);
            return;
        }
        ProjectView p = projects.get(str(d, "projectId"));
        List<PlannedHop> plan = new ArrayList<>();
        for (Object o : list(d.get("planPath"))) {
            SortedMap<String, Object> h = cast(o);
            plan.add(new PlannedHop((int) num(h, "hop"), str(h, "payer"), str(h, "payerAccount"), str(h, "payee"),
                    str(h, "payeeAccount"), money(h, "amount"), money(h, "arrived"), num(h, "deadline")));
        }
        List<ActualTransfer> actual = new ArrayList<>();
        for (Object o : list(d.get("actualPath"))) {
            SortedMap<String, Object> t = cast(o);
            actual.add(new ActualTransfer((int) num(t, "hop"), str(t, "serialNumber"), money(t, "amount"),
                    num(t, "remitTime"), num(t, "at"), str(t, "payerAccount"), str(t, "payeeAccount")));
        }
        List<Release> releases = new ArrayList<>();
        for (Object o : list(d.get("releases"))) {
            SortedMap<String, Object> r = cast(o);
            releases.add(new Release((int) num(r, "milestone"), money(r, "amount"), str(r, "payee"), num(r, "at")));
        }
        SortedMap<String, Object> rule = cast(d.get("specialRule"));
        SortedMap<String, Object> sign = cast(d.get("instructionSign"));
        BigDecimal arrived = plan.isEmpty() ? Money.ZERO : plan.get(plan.size() - 1).arrived();
        drafts.put(id, new DraftView(id, str(d, "projectId"), p == null ? null : p.name(), p == null ? null : p.county(),
                p == null ? null : p.township(), str(d, "status"), money(d, "amount"), arrived, money(d, "released"),
                str(d, "instructionId"), sign == null ? null : str(sign, "signer"), sign == null ? null : str(sign, "txHash"),
                num(d, "createAt"), rule == null ? 0 : num(rule, "expiry"), rule == null ? null : str(rule, "purpose"),
                rule == null ? null : money(rule, "perHopCap"), rule == null ? List.of() : strings(rule.get("finalPayees")),
                (int) num(d, "currentHop"), plan, actual, releases, history(d)));
    }

    private void rebuildFlow(String serial) {
        SortedMap<String, Object> rec = object("reconciliation", "rec/" + serial);
        if (rec == null) {
            flows.remove(serial);
            return;
        }
        SortedMap<String, Object> reg = object("reconciliation", "reg/" + serial);
        SortedMap<String, Object> flow = object("reconciliation", "flow/" + serial);
        SortedMap<String, Object> rc = reg == null ? null : cast(reg.get("core"));
        SortedMap<String, Object> fc = flow == null ? null : cast(flow.get("core"));
        String draftId = rc == null ? null : str(rc, "draftId");
        Integer hop = rc == null ? null : (int) num(rc, "hop");
        DraftView d = draftId == null ? null : drafts.get(draftId);
        String payerOrg = null;
        String payeeOrg = null;
        if (d != null && hop != null && hop >= 0 && hop < d.planPath().size()) {
            payerOrg = d.planPath().get(hop).payer();
            payeeOrg = d.planPath().get(hop).payee();
        }
        Object checkedAt = rec.get("checkedAt");
        flows.put(serial, new FlowView(serial, str(rec, "status"), num(rec, "since"),
                checkedAt == null ? null : num(rec, "checkedAt"), draftId, hop,
                rc == null ? null : money(rc, "amount"), rc == null ? null : str(rc, "org"),
                reg == null ? null : num(reg, "at"),
                fc == null ? null : money(fc, "amount"), fc == null ? null : str(fc, "payerAccount"),
                fc == null ? null : str(fc, "payeeAccount"), fc == null ? null : num(fc, "remitTime"),
                fc == null ? null : str(fc, "memo"), fc == null ? null : str(fc, "bank"), flow == null ? null : num(flow, "at"),
                d == null ? null : d.county(), d == null ? null : d.township(), payerOrg, payeeOrg));
    }

    private AlertView alert(long seq) {
        SortedMap<String, Object> a = object("reconciliation", String.format(java.util.Locale.ROOT, "alert/%012d", seq));
        if (a == null) {
            return null;
        }
        String draftId = str(a, "draftId");
        DraftView d = draftId == null ? null : drafts.get(draftId);
        Object hop = a.get("hop");
        return new AlertView(seq, str(a, "code"), str(a, "serialNumber"), draftId, hop == null ? null : (int) num(a, "hop"),
                str(a, "expected"), str(a, "actual"), str(a, "message"), num(a, "at"), num(a, "height"), str(a, "txHash"),
                d == null ? null : d.projectId(), d == null ? null : d.county(), d == null ? null : d.township());
    }

    private static List<StatusChange> history(SortedMap<String, Object> m) {
        List<StatusChange> out = new ArrayList<>();
        for (Object o : list(m.get("history"))) {
            SortedMap<String, Object> h = cast(o);
            out.add(new StatusChange(str(h, "status"), num(h, "at"), str(h, "by"), str(h, "reason")));
        }
        return out;
    }

    /** Money per township over all projects; the 20 townships of SPEC §1.6 in order, then any other (none today). */
    private List<TownshipTotals> townships() {
        Map<String, BigDecimal[]> sums = new LinkedHashMap<>();
        Map<String, Integer> counts = new LinkedHashMap<>();
        for (Townships.Township t : Townships.ALL) {
            sums.put(t.county() + "/" + t.name(), zeros());
            counts.put(t.county() + "/" + t.name(), 0);
        }
        for (ProjectView p : projects.values()) {
            String k = p.county() + "/" + p.township();
            BigDecimal[] s = sums.computeIfAbsent(k, x -> zeros());
            counts.merge(k, 1, Integer::sum);
            if (p.funding() != null) {
                s[0] = s[0].add(p.funding().received());
            }
            DraftView d = p.draftId() == null ? null : drafts.get(p.draftId());
            if (d != null) {
                s[1] = s[1].add(d.amount());
                s[2] = s[2].add(d.arrived());
                s[3] = s[3].add(d.released());
            }
        }
        List<TownshipTotals> out = new ArrayList<>();
        for (Map.Entry<String, BigDecimal[]> e : sums.entrySet()) {
            String[] ct = e.getKey().split("/", 2);
            BigDecimal[] s = e.getValue();
            out.add(new TownshipTotals(ct[0], ct[1], counts.get(e.getKey()), s[0], s[1], s[2], s[3]));
        }
        return List.copyOf(out);
    }

    private static BigDecimal[] zeros() {
        return new BigDecimal[] {Money.ZERO, Money.ZERO, Money.ZERO, Money.ZERO};
    }

    /** Cumulative releases per UTC day, from the draft release records (block times). */
    private List<ReleasePoint> releasedOverTime() {
        TreeMap<String, BigDecimal> perDay = new TreeMap<>();
        for (DraftView d : drafts.values()) {
            for (Release r : d.releases()) {
                String day = Instant.ofEpochMilli(r.at()).atZone(ZoneOffset.UTC).toLocalDate().toString();
                perDay.merge(day, r.amount(), BigDecimal::add);
            }
        }
        List<ReleasePoint> out = new ArrayList<>();
        BigDecimal total = Money.ZERO;
        for (Map.Entry<String, BigDecimal> e : perDay.entrySet()) {
            total = total.add(e.getValue());
            out.add(new ReleasePoint(e.getKey(), total));
        }
        return List.copyOf(out);
    }

    /** The dashboard figures of a snapshot; {@code nowMs} only for "days of safe operation". */
    static Dashboard dashboard(FundSnapshot s, long nowMs) {
        BigDecimal released = Money.ZERO;
        BigDecimal raised = Money.ZERO;
        int helped = 0;
        for (TownshipTotals t : s.townships()) {
            released = released.add(t.released());
            raised = raised.add(t.raised());
            if (t.released().signum() > 0) {
                helped++;
            }
        }
        int pending = 0;
        for (FlowView f : s.flows().values()) {
            if (f.pending()) {
                pending++;
            }
        }
        long days = Math.max(0, (nowMs - s.genesisTime()) / 86_400_000L);
        return new Dashboard(s.chain(), s.height(), s.blockTime(), s.runningContracts(), released, raised, helped, days,
                s.genesisTime(), s.projects().size(), s.drafts().size(), s.alerts().size(), pending, s.townships(),
                s.releasedOverTime());
    }

    // ------------------------------------------------------------------ JSON helpers

    private static <V> void put(TreeMap<String, V> m, String id, V v) {
        if (v == null) {
            m.remove(id);
        } else {
            m.put(id, v);
        }
    }

    @SuppressWarnings("unchecked")
    private static SortedMap<String, Object> cast(Object o) {
        return o instanceof SortedMap<?, ?> ? (SortedMap<String, Object>) o : null;
    }

    private static List<?> list(Object o) {
        return o instanceof List<?> l ? l : List.of();
    }

    private static List<String> strings(Object o) {
        List<String> out = new ArrayList<>();
        for (Object x : list(o)) {
            out.add(String.valueOf(x));
        }
        return List.copyOf(out);
    }

    private static String str(SortedMap<String, Object> m, String k) {
        Object v = m.get(k);
        return v == null ? null : v.toString();
    }

    private static boolean bool(SortedMap<String, Object> m, String k) {
        return Boolean.TRUE.equals(m.get(k));
    }

    private static long num(SortedMap<String, Object> m, String k) {
        Object v = m.get(k);
        if (v instanceof Number n) {
            return n.longValue();
        }
        if (v instanceof String s && !s.isEmpty()) {
            try {
                return Long.parseLong(s);
            } catch (NumberFormatException e) {
                return 0;
            }
        }
        return 0;
    }

    private static BigDecimal money(SortedMap<String, Object> m, String k) {
        Object v = m.get(k);
        return v == null ? Money.ZERO : Money.parse(v, k);
    }

    static NavigableMap<Long, AlertView> none() {
        return Collections.emptyNavigableMap();
    }
}
