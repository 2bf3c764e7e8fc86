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
 * Fund raising for one approved project (SPEC §1.1): fiscal 10% (province 4 : city 6) and financial
 * institutions 90%. The fiscal tranches must be complete before any financial-institution money is accepted.
 *
 * <p>Remainder rule, exact to the fen: fiscal = ⌊budget × 10%⌋ and province = ⌊fiscal × 4/10⌋, each rounded
 * down to the fen; financial = budget − fiscal and city = fiscal − province take the remainders, so the
 * three tranches always add up to the budget and no fen is lost or created.
 *
 * <p>State {@code raise/<projectId>}: budget, fund (receiving organisation), status RAISING | RAISED,
 * received, tranches PROVINCE/CITY/FINANCIAL each with role, due, received and contributions.
 */
public final class FundRaisingContract extends BusinessContract {
    public static final String NAME = "fundraising";

    public FundRaisingContract() {
        super(NAME, 2, List.of("query"), "open", "contribute", "query");
    }

    public static String key(String projectId) {
        return "raise/" + projectId;
    }

    @Override
    public Object execute(ContractContext ctx, String method, SortedMap<String, Object> args) {
        switch (method) {
            case "open":
                return open(ctx, args);
            case "contribute":
                return contribute(ctx, args);
            case "query":
                Access.admitted(ctx);
                return load(ctx, Args.string(args, "projectId"));
            default:
                throw new ContractException(ContractException.NO_SUCH_METHOD, method);
        }
    }

    /** The split of a budget into PROVINCE, CITY and FINANCIAL dues, by the remainder rule above. */
    public static BigDecimal[] split(BigDecimal budget) {
        BigDecimal fiscal = Money.shareFloor(budget, 10, 100);
        BigDecimal province = Money.shareFloor(fiscal, 4, 10);
        return new BigDecimal[] {province, fiscal.subtract(province), budget.subtract(fiscal)};
    }

    /** Internal: called by the project contract when a project is approved. */
    private static SortedMap<String, Object> open(ContractContext ctx, SortedMap<String, Object> a) {
        Access.requireCaller(ctx, ProjectContract.NAME, "open");
        String projectId = Args.string(a, "projectId");
        if (ctx.state().has(key(projectId))) {
            throw new ContractException(ContractException.CONFLICT, "fund raising for " + projectId + " is already open");
        }
        BigDecimal budget = Args.money(a, "budget");
        BigDecimal[] dues = split(budget);
        SortedMap<String, Object> tranches = Args.of(
                "PROVINCE", tranche(Role.PROVINCIAL_FINANCE, dues[0]),
                "CITY", tranche(Role.COUNTY_FINANCE, dues[1]),
                "FINANCIAL", tranche(Role.COMMERCIAL_BANK, dues[2]));
        SortedMap<String, Object> r = Args.of("projectId", projectId, "budget", Money.format(budget),
                "county", Args.string(a, "county"), "fund", Args.string(a, "fund"), "status", "RAISING", "received", Money.format(Money.ZERO),
                "tranches", tranches, "openedAt", ctx.blockTime());
        ctx.state().put(key(projectId), r);
        return Args.of("projectId", projectId, "status", r.get("status"), "budget", r.get("budget"));
    }

    private static SortedMap<String, Object> tranche(Role role, BigDecimal due) {
        return Args.of("role", role.name(), "due", Money.format(due), "received", Money.format(Money.ZERO),
                "contributions", new ArrayList<>());
    }

    /**
     * args: projectId, tranche (PROVINCE | CITY | FINANCIAL), amount (at most what is still due). The city share
     * comes from the finance bureau of the project's county.
     */
    @SuppressWarnings("unchecked")
    private static SortedMap<String, Object> contribute(ContractContext ctx, SortedMap<String, Object> a) {
        String trancheName = Args.string(a, "tranche");
        SortedMap<String, Object> r = load(ctx, Args.string(a, "projectId"));
        SortedMap<String, Object> tranches = (SortedMap<String, Object>) r.get("tranches");
        if (!tranches.containsKey(trancheName)) {
            throw ContractException.badArgument("tranche must be PROVINCE, CITY or FINANCIAL");
        }
        SortedMap<String, Object> t = (SortedMap<String, Object>) tranches.get(trancheName);
        SortedMap<String, Object> me = Access.require(ctx, "contribute to the " + trancheName + " tranche",
                Role.parse(t.get("role")));
        if (trancheName.equals("CITY")) {
            ProjectContract.requireSameCounty(ctx, me, (String) r.get("county"), "contribute the city share for");
        }
        BigDecimal amount = Args.money(a, "amount");
        if (!"RAISING".equals(r.get("status"))) {
            throw ContractException.wrongState("fund raising for " + r.get("projectId") + " is " + r.get("status"));
        }
        if (trancheName.equals("FINANCIAL") && !(complete(tranches, "PROVINCE") && complete(tranches, "CITY"))) {
            throw ContractException.wrongState("the financial institutions' 90% cannot arrive before the fiscal 10% is complete");
        }
        BigDecimal outstanding = Money.parse(t.get("due"), "due").subtract(Money.parse(t.get("received"), "received"));
        if (amount.compareTo(outstanding) > 0) {
            throw ContractException.badArgument("contribution " + Money.format(amount) + " exceeds the outstanding "
                    + Money.format(outstanding) + " of tranche " + trancheName);
        }
        t.put("received", Money.format(Money.parse(t.get("received"), "received").add(amount)));
        ((List<Object>) t.get("contributions")).add(Args.of("amount", Money.format(amount), "org", Access.org(me),
                "by", ctx.signer().id(), "at", ctx.blockTime(), "txHash", ctx.txHash()));
        r.put("received", Money.format(Money.parse(r.get("received"), "received").add(amount)));
        if (complete(tranches, "PROVINCE") && complete(tranches, "CITY") && complete(tranches, "FINANCIAL")) {
            r.put("status", "RAISED");
            r.put("raisedAt", ctx.blockTime());
            ctx.emit("fundsRaised", Args.of("projectId", r.get("projectId"), "amount", r.get("received")));
        }
        ctx.state().put(key((String) r.get("projectId")), r);
        // what changed, not the record: each tranche's contribution list grows with every contribution
        return Args.of("projectId", r.get("projectId"), "tranche", trancheName, "amount", Money.format(amount),
                "trancheReceived", t.get("received"), "received", r.get("received"), "status", r.get("status"));
    }

    @SuppressWarnings("unchecked")
    private static boolean complete(SortedMap<String, Object> tranches, String name) {
        SortedMap<String, Object> t = (SortedMap<String, Object>) tranches.get(name);
        return Money.parse(t.get("due"), "due").compareTo(Money.parse(t.get("received"), "received")) == 0;
    }

    static SortedMap<String, Object> load(ContractContext ctx, String projectId) {
        SortedMap<String, Object> r = ctx.stateOf(NAME).getObject(key(projectId));
        if (r == null) {
            throw ContractException.notFound("no fund raising for project " + projectId);
        }
        return r;
    }
}
