package org.fundchain.contracts;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

import org.fundchain.contract.api.Args;
import org.fundchain.contract.api.ContractContext;
import org.fundchain.contract.api.ContractException;
import org.fundchain.contract.api.Money;
import org.fundchain.contract.api.State;

/**
 * Real-time reconciliation (SPEC §1.4). Two witnesses per transfer: the paying unit registers the bank serial
 * number with draft, hop and amount; the commercial bank pushes its flow. As soon as both sides of a serial
 * are present they are checked — amount, payer account, payee account, deadline, purpose, and the draft's
 * rules — and either the draft moves on ({@code draft.transfer}) or one alert per difference is raised.
 * A record left alone past the threshold becomes an UNMATCHED alert at the next {@code sweep}, judged by
 * block time so every node agrees.
 *
 * <p>Records are evidence, so anomalies are stored, not refused: a conflicting second use of a serial number
 * raises DUPLICATE_SERIAL; an identical resubmission (a retry) changes nothing.
 *
 * <p>State: {@code config}, {@code reg/<serial>}, {@code flow/<serial>}, {@code rec/<serial>} (status
 * PENDING_FLOW | PENDING_REGISTRATION | MATCHED | MISMATCHED | UNMATCHED), {@code pending/<serial>} (sweep
 * index), {@code alertSeq}, {@code alert/<12-digit seq>}.
 */
public final class ReconciliationContract extends BusinessContract {
    public static final String NAME = "reconciliation";
    public static final long DEFAULT_THRESHOLD_MS = 86_400_000L;
    static final String SERIAL_PATTERN = BankFlowRules.SERIAL_PATTERN;
    /**
     * Most alerts one sweep raises: each is announced in the receipt, which must fit the ledger. A sweep that
     * leaves overdue records answers {@code more: true}; the next sweep goes on.
     */
    public static final int MAX_SWEEP_ALERTS = 20;

    public ReconciliationContract() {
        super(NAME, 2, List.of("checking", "record", "alerts"), "registerTransfer", "pushFlow", "checking", "sweep", "record", "alerts",
                "setThreshold");
    }

    /** Genesis: {@code {"unmatchedThresholdMs": 86400000}} (the default when absent). */
    @Override
    public void init(ContractContext ctx, SortedMap<String, Object> genesis) {
        long threshold = Args.optLong(genesis, "unmatchedThresholdMs", DEFAULT_THRESHOLD_MS);
        if (threshold < 1) {
            throw ContractException.badArgument("unmatchedThresholdMs must be positive");
        }
        ctx.state().put("config", Args.of("unmatchedThresholdMs", threshold));
    }

    @Override
    public Object execute(ContractContext ctx, String method, SortedMap<String, Object> args) {
        switch (method) {
            case "registerTransfer":
                return registerTransfer(ctx, args);
            case "pushFlow":
                return pushFlow(ctx, args);
            case "checking":
                Access.admitted(ctx);
                return checking(ctx, serial(args));
            case "sweep":
                Access.admitted(ctx, Role.NODE);
                return sweep(ctx);
            case "setThreshold":
                return setThreshold(ctx, args);
            case "record":
                Access.admitted(ctx);
                return record(ctx, serial(args));
            case "alerts":
                Access.admitted(ctx);
                return alerts(ctx, Args.optLong(args, "fromSeq", 1), Args.optLong(args, "limit", 100));
            default:
                throw new ContractException(ContractException.NO_SUCH_METHOD, method);
        }
    }

    /**
     * The administrator sets how long a registration or bank flow may wait for its other side before the sweep
     * reports it (business policy, on the record like everything else). args: unmatchedThresholdMs, 1 s .. 365 days.
     */
    private static SortedMap<String, Object> setThreshold(ContractContext ctx, SortedMap<String, Object> a) {
        Access.require(ctx, "set the reconciliation threshold", Role.ADMIN);
        long threshold = Args.longValue(a, "unmatchedThresholdMs");
        if (threshold < 1_000L || threshold > 365L * 86_400_000L) {
            throw ContractException.badArgument("unmatchedThresholdMs must be 1000 .. 31536000000 (1 s .. 365 days)");
        }
        SortedMap<String, Object> config = Args.of("unmatchedThresholdMs", threshold);
        ctx.state().put("config", config);
        return config;
    }

    /** The paying unit's side. args: serialNumber, draftId, hop, amount. */
    @SuppressWarnings("unchecked")
    private static SortedMap<String, Object> registerTransfer(ContractContext ctx, SortedMap<String, Object> a) {
        SortedMap<String, Object> me = Access.require(ctx, "register transfers", Role.LIMITED_PARTNERSHIP,
                Role.PROVINCIAL_FINANCE, Role.COUNTY_FINANCE, Role.COUNTY_FUND_COMPANY);
        String serial = serial(a);
        SortedMap<String, Object> draft = DraftContract.load(ctx, Args.string(a, "draftId"));
        int hop = DraftContract.hopIndex(draft, Args.longValue(a, "hop"));
        BigDecimal amount = Args.money(a, "amount");
        SortedMap<String, Object> h = (SortedMap<String, Object>) ((List<Object>) draft.get("planPath")).get(hop);
        if (!Access.org(me).equals(h.get("payer"))) {
            throw ContractException.forbidden("hop " + hop + " of " + draft.get("draftId") + " is paid by "
                    + h.get("payer") + ", not " + Access.org(me));
        }
        SortedMap<String, Object> core = Args.of("serialNumber", serial, "draftId", draft.get("draftId"),
                "hop", (long) hop, "amount", Money.format(amount), "org", Access.org(me));
        return arrive(ctx, "reg/", core, "registration");
    }

    /**
     * The bank's side. args: serialNumber, amount, payerAccount, payeeAccount, remitTime (epoch ms), memo — checked
     * by {@link BankFlowRules}, the one definition every path (/transactions, /bank-flows, the portal) shares.
     */
    private static SortedMap<String, Object> pushFlow(ContractContext ctx, SortedMap<String, Object> a) {
        SortedMap<String, Object> me = Access.require(ctx, "push bank flows", Role.COMMERCIAL_BANK);
        BankFlowRules.check(a);
        SortedMap<String, Object> core = Args.of("serialNumber", serial(a), "amount", Money.format(Args.money(a, "amount")),
                "payerAccount", a.get("payerAccount"), "payeeAccount", a.get("payeeAccount"),
                "remitTime", BankFlowRules.remitTime(a.get("remitTime")), "memo", a.get("memo") == null ? "" : a.get("memo"),
                "bank", Access.org(me));
        return arrive(ctx, "flow/", core, "bank flow");
    }

    /** Stores one side (or recognises a retry or a duplicate), then checks if the other side is there. */
    private static SortedMap<String, Object> arrive(ContractContext ctx, String prefix, SortedMap<String, Object> core,
                                                    String what) {
        State s = ctx.state();
        String serial = (String) core.get("serialNumber");
        SortedMap<String, Object> existing = s.getObject(prefix + serial);
        if (existing != null) {
            SortedMap<String, Object> previous = Args.object(existing.get("core"), "core");
            if (previous.equals(normalised(core))) {  // an identical resubmission is a retry
                return record(ctx, serial);
            }
            SortedMap<String, Object> alert = raise(ctx, "DUPLICATE_SERIAL", serial, previous.get("draftId"),
                    previous.get("hop"), previous.toString(), normalised(core).toString(),
                    "serial number " + serial + " was already used by another " + what);
            return Args.of("serialNumber", serial, "status", "DUPLICATE", "alert", alert);
        }
        s.put(prefix + serial, Args.of("core", core, "by", ctx.signer().id(), "at", ctx.blockTime(),
                "txHash", ctx.txHash()));
        boolean both = s.has("reg/" + serial) && s.has("flow/" + serial);
        SortedMap<String, Object> rec = s.getObject("rec/" + serial);
        if (rec == null) {
            rec = Args.of("serialNumber", serial, "since", ctx.blockTime());
        }
        if (!both) {
            rec.put("status", prefix.equals("reg/") ? "PENDING_FLOW" : "PENDING_REGISTRATION");
            s.put("rec/" + serial, rec);
            s.put("pending/" + serial, ctx.blockTime());
            return record(ctx, serial);
        }
        s.put("rec/" + serial, rec);
        check(ctx, serial);
        return record(ctx, serial);
    }

    /** {@code checking(serialNumber)}: runs the check when both sides are present and undecided; returns the record. */
    private static SortedMap<String, Object> checking(ContractContext ctx, String serial) {
        SortedMap<String, Object> rec = ctx.state().getObject("rec/" + serial);
        if (rec == null) {
            throw ContractException.notFound("nothing recorded for serial number " + serial);
        }
        boolean both = ctx.state().has("reg/" + serial) && ctx.state().has("flow/" + serial);
        String status = (String) rec.get("status");
        if (both && !status.equals("MATCHED") && !status.equals("MISMATCHED")) {
            check(ctx, serial);
        }
        return record(ctx, serial);
    }

    @SuppressWarnings("unchecked")
    private static void check(ContractContext ctx, String serial) {
        State s = ctx.state();
        SortedMap<String, Object> reg = Args.object(s.getObject("reg/" + serial).get("core"), "reg");
        SortedMap<String, Object> flow = Args.object(s.getObject("flow/" + serial).get("core"), "flow");
        SortedMap<String, Object> draft = DraftContract.load(ctx, (String) reg.get("draftId"));
        int hop = (int) Args.asLong(reg.get("hop"));
        SortedMap<String, Object> h = (SortedMap<String, Object>) ((List<Object>) draft.get("planPath")).get(hop);
        SortedMap<String, Object> rule = (SortedMap<String, Object>) draft.get("specialRule");
        BigDecimal amount = Money.parse(reg.get("amount"), "amount");

        List<SortedMap<String, Object>> problems = new ArrayList<>();
        compare(problems, "AMOUNT_MISMATCH", reg.get("amount"), flow.get("amount"), "the bank moved a different amount");
        compare(problems, "PAYER_MISMATCH", h.get("payerAccount"), flow.get("payerAccount"), "money left the wrong account");
        compare(problems, "PAYEE_MISMATCH", h.get("payeeAccount"), flow.get("payeeAccount"), "money went to the wrong account");
        long deadline = Args.asLong(h.get("deadline"));
        long remit = Args.asLong(flow.get("remitTime"));
        if (remit > deadline) {
            problems.add(DraftRules.problem("LATE_TRANSFER", "at or before " + deadline, Long.toString(remit),
                    "hop " + hop + " was paid after its deadline"));
        }
        compare(problems, "PURPOSE_MISMATCH", rule.get("purpose"), flow.get("memo"), "the transfer names another purpose");
        problems.addAll(DraftRules.problems(ctx, draft, hop, amount));

        SortedMap<String, Object> rec = s.getObject("rec/" + serial);
        if (problems.isEmpty()) {
            ctx.call(DraftContract.NAME, "transfer", Args.of("draftId", reg.get("draftId"), "hop", (long) hop,
                    "serialNumber", serial, "amount", reg.get("amount"), "remitTime", remit));
            rec.put("status", "MATCHED");
        } else {
            for (SortedMap<String, Object> p : problems) {
                raise(ctx, (String) p.get("code"), serial, reg.get("draftId"), (long) hop, (String) p.get("expected"),
                        (String) p.get("actual"), (String) p.get("message"));
            }
            rec.put("status", "MISMATCHED");
        }
        // the thesis' reconciliation record (table 6.3), side by side
        rec.put("account", h.get("payeeAccount"));
        rec.put("amount", reg.get("amount"));
        rec.put("actualAmount", flow.get("amount"));
        rec.put("deadLine", deadline);
        rec.put("actualTimeOfRemit", remit);
        rec.put("checkedAt", ctx.blockTime());
        s.put("rec/" + serial, rec);
        s.delete("pending/" + serial);
    }

    /**
     * Turns records waiting longer than the threshold into UNMATCHED_* alerts, at most {@link #MAX_SWEEP_ALERTS}
     * per sweep (in serial-number order); answers {@code more: true} when overdue records are left for the next
     * sweep. Idempotent.
     */
    private static SortedMap<String, Object> sweep(ContractContext ctx) {
        State s = ctx.state();
        long threshold = Args.asLong(s.getObject("config").get("unmatchedThresholdMs"));
        long raised = 0;
        boolean more = false;
        for (Map.Entry<String, Object> e : s.scan("pending/").entrySet()) {
            long since = Args.asLong(e.getValue());
            if (ctx.blockTime() - since <= threshold) {
                continue;
            }
            if (raised == MAX_SWEEP_ALERTS) {
                more = true;
                break;
            }
            String serial = e.getKey().substring("pending/".length());
            SortedMap<String, Object> rec = s.getObject("rec/" + serial);
            SortedMap<String, Object> reg = s.getObject("reg/" + serial);
            if (reg != null) {
                SortedMap<String, Object> core = Args.object(reg.get("core"), "reg");
                raise(ctx, "UNMATCHED_REGISTRATION", serial, core.get("draftId"), core.get("hop"), "a bank flow",
                        "none after " + threshold + " ms", "the bank never confirmed this registered transfer");
            } else {
                raise(ctx, "UNMATCHED_FLOW", serial, null, null, "a registration by the paying unit",
                        "none after " + threshold + " ms", "the bank moved money nobody registered against a draft");
            }
            rec.put("status", "UNMATCHED");
            s.put("rec/" + serial, rec);
            s.delete("pending/" + serial);
            raised++;
        }
        return Args.of("alertsRaised", raised, "more", more, "at", ctx.blockTime());
    }

    private static void compare(List<SortedMap<String, Object>> problems, String code, Object expected, Object actual,
                                String message) {
        if (!String.valueOf(expected).equals(String.valueOf(actual))) {
            problems.add(DraftRules.problem(code, String.valueOf(expected), String.valueOf(actual), message));
        }
    }

    /** Stores an alert under the next sequence number and announces it. */
    private static SortedMap<String, Object> raise(ContractContext ctx, String code, String serial, Object draftId,
                                                   Object hop, String expected, String actual, String message) {
        State s = ctx.state();
        long seq = s.has("alertSeq") ? Args.asLong(s.get("alertSeq")) + 1 : 1;
        s.put("alertSeq", seq);
        SortedMap<String, Object> alert = Args.of("seq", seq, "code", code, "serialNumber", serial, "draftId", draftId,
                "hop", hop, "expected", expected, "actual", actual, "message", message, "at", ctx.blockTime(),
                "height", ctx.blockHeight(), "txHash", ctx.txHash());
        s.put(alertKey(seq), alert);
        ctx.emit("alert", alert);
        return alert;
    }

    public static String alertKey(long seq) {
        return String.format(Locale.ROOT, "alert/%012d", seq);
    }

    private static SortedMap<String, Object> record(ContractContext ctx, String serial) {
        State s = ctx.state();
        SortedMap<String, Object> rec = s.getObject("rec/" + serial);
        if (rec == null) {
            throw ContractException.notFound("nothing recorded for serial number " + serial);
        }
        rec.put("registration", s.get("reg/" + serial));
        rec.put("flow", s.get("flow/" + serial));
        rec.values().removeIf(v -> v == null);
        return rec;
    }

    private static List<Object> alerts(ContractContext ctx, long fromSeq, long limit) {
        List<Object> out = new ArrayList<>();
        for (Object a : ctx.state().scan("alert/").tailMap(alertKey(Math.max(1, fromSeq))).values()) {
            if (out.size() >= Math.min(limit, 1000)) {
                break;
            }
            out.add(a);
        }
        return out;
    }

    /** Numbers in stored records come back as BigDecimal; normalise a fresh record the same way to compare. */
    private static SortedMap<String, Object> normalised(SortedMap<String, Object> core) {
        SortedMap<String, Object> out = new TreeMap<>(core);
        for (Map.Entry<String, Object> e : out.entrySet()) {
            if (e.getValue() instanceof Long l) {
                e.setValue(BigDecimal.valueOf(l));
            }
        }
        return out;
    }

    private static String serial(SortedMap<String, Object> a) {
        String serial = Args.string(a, "serialNumber");
        if (!serial.matches(SERIAL_PATTERN)) {
            throw ContractException.badArgument("serialNumber must be 1-64 letters, digits, '_' or '-'");
        }
        return serial;
    }
}
