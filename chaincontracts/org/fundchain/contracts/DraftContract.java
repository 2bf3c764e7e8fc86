package org.fundchain.contracts;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.SortedMap;

import org.fundchain.contract.api.Args;
import org.fundchain.contract.api.ContractContext;
import org.fundchain.contract.api.ContractException;
import org.fundchain.contract.api.Money;

/**
 * The digital draft (SPEC §1.3), one per approved project: it fixes amount, path, deadlines, final payees and
 * purpose in advance; money moves only through reconciled transfers; the implementation unit honours it when
 * everything has arrived and then draws it down milestone by milestone.
 *
 * <p>Status: ISSUED → IN_TRANSIT → ARRIVED → ACCEPTED; FROZEN (and back), CANCELLED, EXPIRED.
 * InstructionSign is the issuer's signature on the approving transaction, referenced by signer and tx hash
 * (the node keeps the signed transaction; a contract cannot sign). State {@code draft/<draftId>}.
 */
public final class DraftContract extends BusinessContract {
    public static final String NAME = "draft";

    public DraftContract() {
        super(NAME, 2, List.of("query"), "create", "transfer", "accept", "release", "freeze", "unfreeze", "cancel", "expire", "query");
    }

    public static String key(String draftId) {
        return "draft/" + draftId;
    }

    /** D000001 for project P000001: one draft per project, found without an index. */
    public static String draftIdOf(String projectId) {
        return "D" + projectId.substring(1);
    }

    @Override
    public Object execute(ContractContext ctx, String method, SortedMap<String, Object> args) {
        switch (method) {
            case "create":
                return create(ctx, args);
            case "transfer":
                return transfer(ctx, args);
            case "accept":
                return accept(ctx, args);
            case "release":
                return release(ctx, args);
            case "freeze":
                return setStatus(ctx, args, "freeze", List.of("ISSUED", "IN_TRANSIT", "ARRIVED"), "FROZEN");
            case "unfreeze":
                return unfreeze(ctx, args);
            case "cancel":
                return cancel(ctx, args);
            case "expire":
                return expire(ctx, args);
            case "query":
                Access.admitted(ctx);
                return load(ctx, Args.string(args, "draftId"));
            default:
                throw new ContractException(ContractException.NO_SUCH_METHOD, method);
        }
    }

    /**
     * Internal, on approval. args: projectId, amount, path (org ids from the fund to the implementation unit),
     * purpose, hopDays, validDays, perHopCap, optional finalPayees (default: the end of the path).
     * Returns the draft id.
     */
    private static String create(ContractContext ctx, SortedMap<String, Object> a) {
        Access.requireCaller(ctx, ProjectContract.NAME, "create");
        SortedMap<String, Object> issuer = Access.require(ctx, "issue drafts", Role.LEADING_GROUP_OFFICE);
        String projectId = Args.string(a, "projectId");
        String draftId = draftIdOf(projectId);
        if (ctx.state().has(key(draftId))) {
            throw new ContractException(ContractException.CONFLICT, "draft " + draftId + " already exists");
        }
        BigDecimal amount = Args.money(a, "amount");
        List<String> path = Args.stringList(a, "path");
        long hopDays = Args.longValue(a, "hopDays");
        long validDays = Args.longValue(a, "validDays");
        if (hopDays < 1 || hopDays > 3650 || validDays < 1 || validDays > 3650) {
            throw ContractException.badArgument("hopDays and validDays must be 1..3650");
        }
        BigDecimal cap = Args.money(a, "perHopCap");
        List<String> finalPayees = a.get("finalPayees") == null ? List.of(path.get(path.size() - 1))
                : Args.stringList(a, "finalPayees");
        if (!finalPayees.contains(path.get(path.size() - 1))) {
            throw ContractException.badArgument("the path ends at " + path.get(path.size() - 1)
                    + ", which is not an allowed final payee " + finalPayees);
        }
        long hops = path.size() - 1;
        long expiry = ctx.blockTime() + validDays * ProjectContract.DAY_MS;
        if (expiry < ctx.blockTime() + hops * hopDays * ProjectContract.DAY_MS) {
            throw ContractException.badArgument("the draft would expire before its last hop's deadline");
        }
        List<Object> plan = new ArrayList<>();
        for (int i = 0; i < hops; i++) {
            SortedMap<String, Object> payer = Access.organisation(ctx, path.get(i));
            SortedMap<String, Object> payee = Access.organisation(ctx, path.get(i + 1));
            plan.add(Args.of("hop", (long) i, "payer", payer.get("id"), "payerAccount", payer.get("account"),
                    "payee", payee.get("id"), "payeeAccount", payee.get("account"), "amount", Money.format(amount),
                    "arrived", Money.format(Money.ZERO),
                    "deadline", ctx.blockTime() + (i + 1) * hopDays * ProjectContract.DAY_MS));
        }
        SortedMap<String, Object> d = Args.of("draftId", draftId, "projectId", projectId,
                "instructionId", Access.org(issuer),
                "instructionSign", Args.of("signer", ctx.signer().id(), "txHash", ctx.txHash()),
                "status", "ISSUED", "createAt", ctx.blockTime(), "amount", Money.format(amount),
                "planPath", plan, "actualPath", new ArrayList<>(), "currentHop", 0L,
                "specialRule", Args.of("finalPayees", finalPayees, "perHopCap", Money.format(cap),
                        "expiry", expiry, "purpose", Args.string(a, "purpose")),
                "released", Money.format(Money.ZERO), "releases", new ArrayList<>(), "history", new ArrayList<>());
        history(ctx, d, "ISSUED", null);
        ctx.state().put(key(draftId), d);
        ctx.emit("draftIssued", Args.of("draftId", draftId, "projectId", projectId, "amount", Money.format(amount)));
        return draftId;
    }

    /** Internal, by reconciliation when a hop's transfer reconciles. args: draftId, hop, serialNumber, amount, remitTime. */
    @SuppressWarnings("unchecked")
    private static SortedMap<String, Object> transfer(ContractContext ctx, SortedMap<String, Object> a) {
        Access.requireCaller(ctx, ReconciliationContract.NAME, "transfer");
        SortedMap<String, Object> d = load(ctx, Args.string(a, "draftId"));
        int hop = hopIndex(d, Args.longValue(a, "hop"));
        BigDecimal amount = Args.money(a, "amount");
        List<SortedMap<String, Object>> problems = DraftRules.problems(ctx, d, hop, amount);
        if (!problems.isEmpty()) {
            throw ContractException.wrongState("transfer refused: " + problems.get(0).get("message"));
        }
        List<Object> plan = (List<Object>) d.get("planPath");
        SortedMap<String, Object> h = (SortedMap<String, Object>) plan.get(hop);
        h.put("arrived", Money.format(Money.parse(h.get("arrived"), "arrived").add(amount)));
        ((List<Object>) d.get("actualPath")).add(Args.of("hop", (long) hop, "serialNumber", Args.string(a, "serialNumber"),
                "amount", Money.format(amount), "remitTime", Args.longValue(a, "remitTime"), "at", ctx.blockTime(),
                "payerAccount", h.get("payerAccount"), "payeeAccount", h.get("payeeAccount")));
        int current = hop;
        while (current < plan.size() && hopComplete((SortedMap<String, Object>) plan.get(current))) {
            current++;
        }
        d.put("currentHop", (long) Math.max(current, Args.asLong(d.get("currentHop"))));
        String status = hopComplete((SortedMap<String, Object>) plan.get(plan.size() - 1)) ? "ARRIVED" : "IN_TRANSIT";
        if (!status.equals(d.get("status"))) {
            history(ctx, d, status, null);
        }
        save(ctx, d);
        ctx.emit("draftTransferred", Args.of("draftId", d.get("draftId"), "hop", (long) hop,
                "amount", Money.format(amount), "status", status));
        return changed(d, "hop", (long) hop, "amount", Money.format(amount));
    }

    /** The implementation unit honours the draft once every hop has fully arrived, before expiry. */
    private static SortedMap<String, Object> accept(ContractContext ctx, SortedMap<String, Object> a) {
        SortedMap<String, Object> me = Access.require(ctx, "accept drafts", Role.IMPLEMENTATION_UNIT);
        SortedMap<String, Object> d = load(ctx, Args.string(a, "draftId"));
        requireFinalPayee(d, me);
        requireStatus(d, "ARRIVED");
        requireNotExpired(ctx, d);
        d.put("acceptedAt", ctx.blockTime());
        history(ctx, d, "ACCEPTED", null);
        save(ctx, d);
        ctx.call(ProjectContract.NAME, "advance", Args.of("projectId", d.get("projectId"), "status", "IMPLEMENTING"));
        ctx.emit("draftAccepted", Args.of("draftId", d.get("draftId")));
        return changed(d);
    }

    /**
     * Release on demand against milestones: milestone 0 once accepted, milestone k once milestone k−1 has been
     * reported complete with evidence. Each milestone is released once, for its amount, to the unit or another
     * allowed final payee (optional arg payee); the bank then pays out.
     */
    @SuppressWarnings("unchecked")
    private static SortedMap<String, Object> release(ContractContext ctx, SortedMap<String, Object> a) {
        SortedMap<String, Object> me = Access.require(ctx, "draw down funds", Role.IMPLEMENTATION_UNIT);
        SortedMap<String, Object> d = load(ctx, Args.string(a, "draftId"));
        requireFinalPayee(d, me);
        requireStatus(d, "ACCEPTED");
        SortedMap<String, Object> project = ProjectContract.load(ctx, (String) d.get("projectId"));
        List<Object> milestones = (List<Object>) project.get("milestones");
        long m = Args.longValue(a, "milestone");
        if (m < 0 || m >= milestones.size()) {
            throw ContractException.badArgument("milestone must be 0.." + (milestones.size() - 1));
        }
        List<Object> releases = (List<Object>) d.get("releases");
        for (Object r : releases) {
            if (Args.asLong(((SortedMap<String, Object>) r).get("milestone")) == m) {
                throw new ContractException(ContractException.CONFLICT, "milestone " + m + " is already released");
            }
        }
        if (m > 0 && !Boolean.TRUE.equals(((SortedMap<String, Object>) milestones.get((int) m - 1)).get("completed"))) {
            throw ContractException.wrongState("milestone " + (m - 1) + " must be reported complete before milestone "
                    + m + " is released");
        }
        BigDecimal amount = Money.parse(((SortedMap<String, Object>) milestones.get((int) m)).get("amount"), "amount");
        BigDecimal released = Money.parse(d.get("released"), "released").add(amount);
        if (released.compareTo(Money.parse(d.get("amount"), "amount")) > 0) {
            throw ContractException.badArgument("release would exceed the draft amount");
        }
        // the bank pays out to the unit itself or to another payee the draft's SpecialRule allows
        String payee = Args.optString(a, "payee", Access.org(me));
        List<?> allowed = (List<?>) ((SortedMap<String, Object>) d.get("specialRule")).get("finalPayees");
        if (!allowed.contains(payee)) {
            throw ContractException.badArgument("payee " + payee + " is not an allowed final payee " + allowed);
        }
        d.put("released", Money.format(released));
        releases.add(Args.of("milestone", m, "amount", Money.format(amount), "payee", payee,
                "payeeAccount", Access.organisation(ctx, payee).get("account"), "at", ctx.blockTime(),
                "by", ctx.signer().id(), "txHash", ctx.txHash()));
        save(ctx, d);
        if (releases.size() == milestones.size() && ProjectContract.allCompleted(project)) {
            ctx.call(ProjectContract.NAME, "advance", Args.of("projectId", d.get("projectId"), "status", "COMPLETED"));
        }
        ctx.emit("fundsReleased", Args.of("draftId", d.get("draftId"), "milestone", m, "amount", Money.format(amount)));
        return changed(d, "release", releases.get(releases.size() - 1));
    }

    private static SortedMap<String, Object> unfreeze(ContractContext ctx, SortedMap<String, Object> a) {
        Access.require(ctx, "unfreeze drafts", Role.LEADING_GROUP_OFFICE);
        SortedMap<String, Object> d = load(ctx, Args.string(a, "draftId"));
        requireStatus(d, "FROZEN");
        // back to where the money is: nothing moved, some moved, or all arrived
        List<?> actual = (List<?>) d.get("actualPath");
        @SuppressWarnings("unchecked")
        List<SortedMap<String, Object>> plan = (List<SortedMap<String, Object>>) d.get("planPath");
        String status = hopComplete(plan.get(plan.size() - 1)) ? "ARRIVED" : actual.isEmpty() ? "ISSUED" : "IN_TRANSIT";
        history(ctx, d, status, Args.string(a, "reason"));
        save(ctx, d);
        return changed(d);
    }

    /** Cancelling is only possible while no money has moved along the path. */
    private static SortedMap<String, Object> cancel(ContractContext ctx, SortedMap<String, Object> a) {
        Access.require(ctx, "cancel drafts", Role.LEADING_GROUP_OFFICE);
        SortedMap<String, Object> d = load(ctx, Args.string(a, "draftId"));
        requireStatus(d, "ISSUED", "FROZEN");
        if (!((List<?>) d.get("actualPath")).isEmpty()) {
            throw ContractException.wrongState("draft " + d.get("draftId") + " cannot be cancelled: money has moved");
        }
        history(ctx, d, "CANCELLED", Args.string(a, "reason"));
        save(ctx, d);
        return changed(d);
    }

    /** Anyone admitted may mark a draft EXPIRED once block time has passed its expiry (unless accepted). */
    private static SortedMap<String, Object> expire(ContractContext ctx, SortedMap<String, Object> a) {
        Access.admitted(ctx);
        SortedMap<String, Object> d = load(ctx, Args.string(a, "draftId"));
        requireStatus(d, "ISSUED", "IN_TRANSIT", "ARRIVED", "FROZEN");
        @SuppressWarnings("unchecked")
        long expiry = Args.asLong(((SortedMap<String, Object>) d.get("specialRule")).get("expiry"));
        if (ctx.blockTime() <= expiry) {
            throw ContractException.wrongState("draft " + d.get("draftId") + " does not expire before " + expiry);
        }
        history(ctx, d, "EXPIRED", null);
        save(ctx, d);
        return changed(d);
    }

    private static SortedMap<String, Object> setStatus(ContractContext ctx, SortedMap<String, Object> a, String op,
                                                       List<String> from, String to) {
        Access.require(ctx, op + " drafts", Role.LEADING_GROUP_OFFICE);
        SortedMap<String, Object> d = load(ctx, Args.string(a, "draftId"));
        requireStatus(d, from.toArray(new String[0]));
        history(ctx, d, to, Args.string(a, "reason"));
        save(ctx, d);
        return changed(d);
    }

    /**
     * What a draft method answers: the draft's id and where it stands, plus what this call changed — never the whole
     * draft, whose paths and history grow with every transfer and status change (a receipt must fit the ledger).
     */
    private static SortedMap<String, Object> changed(SortedMap<String, Object> d, Object... what) {
        SortedMap<String, Object> out = Args.of(what);
        out.put("draftId", d.get("draftId"));
        out.put("status", d.get("status"));
        out.put("released", d.get("released"));
        out.put("currentHop", d.get("currentHop"));
        return out;
    }

    static SortedMap<String, Object> load(ContractContext ctx, String draftId) {
        SortedMap<String, Object> d = ctx.stateOf(NAME).getObject(key(draftId));
        if (d == null) {
            throw ContractException.notFound("no draft " + draftId);
        }
        return d;
    }

    /** The hop index, or a BAD_ARGUMENT refusal when the draft has no such hop. */
    static int hopIndex(SortedMap<String, Object> d, long hop) {
        int hops = ((List<?>) d.get("planPath")).size();
        if (hop < 0 || hop >= hops) {
            throw ContractException.badArgument("draft " + d.get("draftId") + " has hops 0.." + (hops - 1) + ", not " + hop);
        }
        return (int) hop;
    }

    private static boolean hopComplete(SortedMap<String, Object> h) {
        return Money.parse(h.get("arrived"), "arrived").compareTo(Money.parse(h.get("amount"), "amount")) == 0;
    }

    private static void save(ContractContext ctx, SortedMap<String, Object> d) {
        ctx.state().put(key((String) d.get("draftId")), d);
    }

    @SuppressWarnings("unchecked")
    private static void history(ContractContext ctx, SortedMap<String, Object> d, String status, String reason) {
        d.put("status", status);
        ((List<Object>) d.get("history")).add(Args.of("status", status, "at", ctx.blockTime(),
                "by", ctx.signer().id(), "reason", reason, "txHash", ctx.txHash()));
    }

    private static void requireStatus(SortedMap<String, Object> d, String... allowed) {
        for (String s : allowed) {
            if (s.equals(d.get("status"))) {
                return;
            }
        }
        throw ContractException.wrongState("draft " + d.get("draftId") + " is " + d.get("status")
                + ", expected " + String.join(" or ", allowed));
    }

    @SuppressWarnings("unchecked")
    private static void requireFinalPayee(SortedMap<String, Object> d, SortedMap<String, Object> me) {
        List<Object> plan = (List<Object>) d.get("planPath");
        String last = (String) ((SortedMap<String, Object>) plan.get(plan.size() - 1)).get("payee");
        List<?> allowed = (List<?>) ((SortedMap<String, Object>) d.get("specialRule")).get("finalPayees");
        String org = Access.org(me);
        if (!org.equals(last) || !allowed.contains(org)) {
            throw ContractException.forbidden("only the final payee " + last + " may do this, not " + org);
        }
    }

    @SuppressWarnings("unchecked")
    private static void requireNotExpired(ContractContext ctx, SortedMap<String, Object> d) {
        long expiry = Args.asLong(((SortedMap<String, Object>) d.get("specialRule")).get("expiry"));
        if (ctx.blockTime() > expiry) {
            throw new ContractException(ContractException.EXPIRED, "draft " + d.get("draftId") + " expired at " + expiry);
        }
    }
}
