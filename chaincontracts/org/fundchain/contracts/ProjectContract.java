package org.fundchain.contracts;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SortedMap;
import java.util.TreeSet;

import org.fundchain.contract.api.Args;
import org.fundchain.contract.api.ContractContext;
import org.fundchain.contract.api.ContractException;
import org.fundchain.contract.api.Money;
import org.fundchain.contract.api.State;

/**
 * Poverty-alleviation projects: application by a county HQ, approval (which opens fund raising and issues the
 * digital draft) or rejection by the leading-group office, progress reports with evidence hashes by the
 * implementation unit, and a status history.
 *
 * <p>Status: APPLIED → APPROVED | REJECTED; APPROVED → IMPLEMENTING (draft accepted) → COMPLETED (every
 * milestone released and reported complete). State: {@code seq} counter, {@code project/<id>},
 * {@code name/<county>/<township>/<name>} → id of the live (not rejected) application with that name.
 */
public final class ProjectContract extends BusinessContract {
    public static final String NAME = "project";
    static final long DAY_MS = 86_400_000L;

    public ProjectContract() {
        super(NAME, 2, List.of("query"), "apply", "approve", "reject", "reportProgress", "advance", "query");
    }

    public static String key(String projectId) {
        return "project/" + projectId;
    }

    private static String nameKey(String county, String township, String name) {
        return "name/" + county + "/" + township + "/" + name;
    }

    @Override
    public Object execute(ContractContext ctx, String method, SortedMap<String, Object> args) {
        switch (method) {
            case "apply":
                return apply(ctx, args);
            case "approve":
                return approve(ctx, args);
            case "reject":
                return reject(ctx, args);
            case "reportProgress":
                return reportProgress(ctx, args);
            case "advance":
                return advance(ctx, args);
            case "query":
                Access.admitted(ctx);
                return load(ctx, Args.string(args, "projectId"));
            default:
                throw new ContractException(ContractException.NO_SUCH_METHOD, method);
        }
    }

    private static SortedMap<String, Object> apply(ContractContext ctx, SortedMap<String, Object> a) {
        SortedMap<String, Object> me = Access.require(ctx, "apply for projects", Role.COUNTY_HQ);
        String county = Args.string(a, "county");
        String township = Args.string(a, "township");
        if (Townships.find(county, township) == null) {
            throw ContractException.badArgument(county + township + " is not one of the 20 townships the fund serves");
        }
        requireSameCounty(ctx, me, county, "apply for projects in");
        BigDecimal budget = Args.money(a, "budget");
        String unit = Args.string(a, "implementationUnit");
        requireOrgType(ctx, unit, Role.IMPLEMENTATION_UNIT, "implementationUnit");
        List<Object> milestones = milestones(a, budget);
        List<String> chain = disbursementChain(ctx, Args.stringList(a, "disbursementChain"), unit);

        State s = ctx.state();
        // the same project applied for twice is how money gets double-applied: one live application per name
        String nameKey = nameKey(county, township, Args.string(a, "name"));
        if (s.has(nameKey)) {
            throw new ContractException(ContractException.CONFLICT, "project '" + a.get("name") + "' in " + county
                    + township + " was already applied for as " + s.get(nameKey));
        }
        long seq = s.has("seq") ? Args.asLong(s.get("seq")) + 1 : 1;
        s.put("seq", seq);
        String id = String.format(Locale.ROOT, "P%06d", seq);
        SortedMap<String, Object> p = Args.of("id", id, "name", Args.string(a, "name"), "county", county,
                "township", township, "department", Args.string(a, "department"), "budget", Money.format(budget),
                "implementationUnit", unit, "description", Args.optString(a, "description", ""),
                "milestones", milestones, "disbursementChain", chain, "applicant", ctx.signer().id(),
                "applicantOrg", Access.org(me), "appliedAt", ctx.blockTime(), "progress", new ArrayList<>(),
                "history", new ArrayList<>());
        transition(ctx, p, "APPLIED", null);
        s.put(key(id), p);
        s.put(nameKey, id);
        ctx.emit("projectApplied", Args.of("projectId", id));
        // ids and the (bounded) name the draft's purpose and bank memos repeat; the record is read by a query
        return Args.of("id", id, "projectId", id, "name", p.get("name"), "status", p.get("status"));
    }

    /**
     * Approval opens fund raising and issues the draft in the same transaction: either all three happen or
     * none. Optional args: hopDays (days allowed per hop, default 30), validDays (draft expiry, default 365),
     * perHopCap (largest single transfer, default the budget), finalPayees (organisations allowed to honour the
     * draft; must include the implementation unit; default just that unit), opinion.
     */
    private static SortedMap<String, Object> approve(ContractContext ctx, SortedMap<String, Object> a) {
        Access.require(ctx, "approve projects", Role.LEADING_GROUP_OFFICE);
        SortedMap<String, Object> p = load(ctx, Args.string(a, "projectId"));
        requireStatus(p, "APPLIED");
        String id = (String) p.get("id");
        Object contributions = ctx.call(FundRaisingContract.NAME, "open", Args.of("projectId", id,
                "budget", p.get("budget"), "county", p.get("county"),
                "fund", ((List<?>) p.get("disbursementChain")).get(0)));
        SortedMap<String, Object> draftArgs = Args.of("projectId", id, "amount", p.get("budget"),
                "path", p.get("disbursementChain"), "purpose", p.get("name"),
                "hopDays", a.getOrDefault("hopDays", 30L), "validDays", a.getOrDefault("validDays", 365L),
                "perHopCap", a.getOrDefault("perHopCap", p.get("budget")), "finalPayees", a.get("finalPayees"));
        String draftId = (String) ctx.call(DraftContract.NAME, "create", draftArgs);
        p.put("draftId", draftId);
        p.put("approvedAt", ctx.blockTime());
        transition(ctx, p, "APPROVED", Args.optString(a, "opinion", null));
        ctx.state().put(key(id), p);
        ctx.emit("projectApproved", Args.of("projectId", id, "draftId", draftId));
        return Args.of("projectId", id, "draftId", draftId, "status", p.get("status"), "contributions", contributions);
    }

    private static SortedMap<String, Object> reject(ContractContext ctx, SortedMap<String, Object> a) {
        Access.require(ctx, "reject projects", Role.LEADING_GROUP_OFFICE);
        SortedMap<String, Object> p = load(ctx, Args.string(a, "projectId"));
        requireStatus(p, "APPLIED");
        transition(ctx, p, "REJECTED", Args.string(a, "reason"));
        ctx.state().put(key((String) p.get("id")), p);
        // a rejected application may be reworked and submitted again
        ctx.state().delete(nameKey((String) p.get("county"), (String) p.get("township"), (String) p.get("name")));
        return Args.of("projectId", p.get("id"), "status", p.get("status"));
    }

    /**
     * evidence: hex hashes of files kept by the node; completed marks the milestone done (it stays done). Answers
     * with the report's index in the project's progress list.
     */
    private static SortedMap<String, Object> reportProgress(ContractContext ctx, SortedMap<String, Object> a) {
        SortedMap<String, Object> me = Access.require(ctx, "report progress", Role.IMPLEMENTATION_UNIT);
        SortedMap<String, Object> p = load(ctx, Args.string(a, "projectId"));
        if (!Access.org(me).equals(p.get("implementationUnit"))) {
            throw ContractException.forbidden("only " + p.get("implementationUnit") + " reports progress of " + p.get("id"));
        }
        requireStatus(p, "APPROVED", "IMPLEMENTING");
        List<?> milestones = (List<?>) p.get("milestones");
        long m = Args.longValue(a, "milestone");
        if (m < 0 || m >= milestones.size()) {
            throw ContractException.badArgument("milestone must be 0.." + (milestones.size() - 1));
        }
        List<String> evidence = Args.stringList(a, "evidence");
        if (evidence.isEmpty()) {
            throw ContractException.badArgument("at least one evidence file hash is required");
        }
        for (String h : evidence) {
            if (!h.matches("[0-9a-f]{64}")) {
                throw ContractException.badArgument("evidence must be lower-case hex SHA-256/SM3 hashes, got " + h);
            }
        }
        boolean completed = Args.bool(a, "completed", false);
        @SuppressWarnings("unchecked")
        SortedMap<String, Object> ms = (SortedMap<String, Object>) milestones.get((int) m);
        if (completed) {
            ms.put("completed", Boolean.TRUE);
            ms.put("completedAt", ctx.blockTime());
        }
        @SuppressWarnings("unchecked")
        List<Object> progress = (List<Object>) p.get("progress");
        progress.add(Args.of("milestone", m, "note", Args.optString(a, "note", ""), "evidence", evidence,
                "completed", completed, "at", ctx.blockTime(), "by", ctx.signer().id(), "txHash", ctx.txHash()));
        if (completed && "IMPLEMENTING".equals(p.get("status")) && allCompleted(p) && fullyReleased(ctx, p)) {
            transition(ctx, p, "COMPLETED", null);
        }
        ctx.state().put(key((String) p.get("id")), p);
        ctx.emit("projectProgress", Args.of("projectId", p.get("id"), "milestone", m, "completed", completed));
        // the report's position, not the project: the project grows with every report (a receipt must fit the ledger)
        return Args.of("projectId", p.get("id"), "report", (long) (progress.size() - 1), "milestone", m,
                "completed", completed, "status", p.get("status"));
    }

    /**
     * Internal: the draft contract moves the project to IMPLEMENTING on acceptance, and to COMPLETED when the
     * last release comes after every milestone was reported complete (otherwise the last report completes it).
     */
    private static SortedMap<String, Object> advance(ContractContext ctx, SortedMap<String, Object> a) {
        Access.requireCaller(ctx, DraftContract.NAME, "advance");
        SortedMap<String, Object> p = load(ctx, Args.string(a, "projectId"));
        String status = Args.string(a, "status");
        if (status.equals("IMPLEMENTING")) {
            requireStatus(p, "APPROVED");
        } else if (status.equals("COMPLETED")) {
            requireStatus(p, "IMPLEMENTING");
            if (!allCompleted(p)) {
                throw ContractException.wrongState("project " + p.get("id") + " has milestones not reported complete");
            }
        } else {
            throw ContractException.badArgument("advance only to IMPLEMENTING or COMPLETED");
        }
        transition(ctx, p, status, null);
        ctx.state().put(key((String) p.get("id")), p);
        return Args.of("projectId", p.get("id"), "status", status);
    }

    /** Whether every milestone has been reported complete. */
    @SuppressWarnings("unchecked")
    static boolean allCompleted(SortedMap<String, Object> p) {
        for (Object m : (List<Object>) p.get("milestones")) {
            if (!Boolean.TRUE.equals(((SortedMap<String, Object>) m).get("completed"))) {
                return false;
            }
        }
        return true;
    }

    private static boolean fullyReleased(ContractContext ctx, SortedMap<String, Object> p) {
        SortedMap<String, Object> d = DraftContract.load(ctx, (String) p.get("draftId"));
        return Money.parse(d.get("released"), "released").compareTo(Money.parse(d.get("amount"), "amount")) == 0;
    }

    static SortedMap<String, Object> load(ContractContext ctx, String projectId) {
        SortedMap<String, Object> p = ctx.stateOf(NAME).getObject(key(projectId));
        if (p == null) {
            throw ContractException.notFound("no project " + projectId);
        }
        return p;
    }

    private static void requireStatus(SortedMap<String, Object> p, String... allowed) {
        for (String s : allowed) {
            if (s.equals(p.get("status"))) {
                return;
            }
        }
        throw ContractException.wrongState("project " + p.get("id") + " is " + p.get("status")
                + ", expected " + String.join(" or ", allowed));
    }

    @SuppressWarnings("unchecked")
    private static void transition(ContractContext ctx, SortedMap<String, Object> p, String status, String reason) {
        p.put("status", status);
        ((List<Object>) p.get("history")).add(Args.of("status", status, "at", ctx.blockTime(),
                "by", ctx.signer().id(), "reason", reason, "txHash", ctx.txHash()));
    }

    /** Milestones [{name, amount}] must be non-empty and add up to the budget exactly. */
    private static List<Object> milestones(SortedMap<String, Object> a, BigDecimal budget) {
        List<Object> out = new ArrayList<>();
        BigDecimal sum = Money.ZERO;
        for (Object o : Args.list(a, "milestones")) {
            SortedMap<String, Object> m = Args.object(o, "milestone");
            BigDecimal amount = Args.money(m, "amount");
            sum = sum.add(amount);
            out.add(Args.of("name", Args.string(m, "name"), "amount", Money.format(amount), "completed", Boolean.FALSE));
        }
        if (out.isEmpty() || out.size() > 100) {
            throw ContractException.badArgument("1 to 100 milestones are required");
        }
        if (sum.compareTo(budget) != 0) {
            throw ContractException.badArgument("milestones add up to " + Money.format(sum) + " but the budget is "
                    + Money.format(budget));
        }
        return out;
    }

    /**
     * The organisations money passes through, from the fund (a LIMITED_PARTNERSHIP that raises it) to the
     * implementation unit; intermediate holders must be finance bureaus or fund companies; no repeats.
     */
    private static List<String> disbursementChain(ContractContext ctx, List<String> chain, String unit) {
        if (chain.size() < 2 || chain.size() > 10) {
            throw ContractException.badArgument("disbursementChain needs 2 to 10 organisations");
        }
        if (new TreeSet<>(chain).size() != chain.size()) {
            throw ContractException.badArgument("disbursementChain visits an organisation twice");
        }
        requireOrgType(ctx, chain.get(0), Role.LIMITED_PARTNERSHIP, "disbursementChain[0] (the fund)");
        for (int i = 1; i < chain.size() - 1; i++) {
            Role type = Role.parse(Access.organisation(ctx, chain.get(i)).get("type"));
            if (!type.canBeIntermediateHop()) {
                throw ContractException.badArgument("disbursementChain[" + i + "] " + chain.get(i) + " is a " + type
                        + ", which cannot pass money on");
            }
        }
        if (!chain.get(chain.size() - 1).equals(unit)) {
            throw ContractException.badArgument("disbursementChain must end at the implementation unit " + unit);
        }
        return chain;
    }

    /** A county-level organisation acts for its own county only; provincial ones (no county) for all. */
    static void requireSameCounty(ContractContext ctx, SortedMap<String, Object> signer, String county, String what) {
        Object orgCounty = Access.organisation(ctx, Access.org(signer)).get("county");
        if (orgCounty != null && !orgCounty.equals(county)) {
            throw ContractException.forbidden(Access.org(signer) + " of " + orgCounty + " may not " + what + " " + county);
        }
    }

    private static void requireOrgType(ContractContext ctx, String orgId, Role type, String what) {
        if (!type.name().equals(Access.organisation(ctx, orgId).get("type"))) {
            throw ContractException.badArgument(what + " " + orgId + " is not a " + type);
        }
    }
}
