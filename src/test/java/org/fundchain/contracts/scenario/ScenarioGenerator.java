package org.fundchain.contracts.scenario;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.function.Function;

import org.fundchain.contract.api.Args;
import org.fundchain.contract.api.Money;
import org.fundchain.contract.api.Signer;
import org.fundchain.contracts.FundRaisingContract;
import org.fundchain.contracts.Townships;

/**
 * Generates many projects through their whole life — apply, approve, raise, pass money down hop by hop,
 * accept, release against milestones — with injected {@link Anomaly anomalies} and the alerts each must raise.
 * Seeded: the same seed gives the same scenario. The output is data (actors, genesis, transaction specs,
 * expected alerts), so the in-memory runner and a cluster driver over REST run the very same scenario.
 */
public final class ScenarioGenerator {
    public static final long STEP_MS = 1_000L;
    static final long DAY = 86_400_000L;
    static final String INTRUDER = "intruder";

    private final long seed;
    private final int projects;
    private final double anomalyRate;
    private final long thresholdMs;
    private final long baseTimeMs;
    private final Random random;

    private final SortedMap<String, String[]> orgs = new TreeMap<>();
    private final List<ExpectedAlert> expected = new ArrayList<>();
    private final SortedMap<Anomaly, Integer> injected = new TreeMap<>();
    private int serialCounter;

    /**
     * @param anomalyRate probability that a project gets an anomaly (a second one with half that probability)
     * @param thresholdMs reconciliation's unmatched threshold; on a cluster choose it above the worst delay
     *                    between the two sides of one transfer
     * @param baseTimeMs  when the run starts (epoch ms); a bank flow's remitTime is base + its offset
     */
    public ScenarioGenerator(long seed, int projects, double anomalyRate, long thresholdMs, long baseTimeMs) {
        this.seed = seed;
        this.baseTimeMs = baseTimeMs;
        this.projects = projects;
        this.anomalyRate = anomalyRate;
        this.thresholdMs = thresholdMs;
        this.random = new Random(seed);
    }

    public Scenario generate() {
        org("platform", "ADMIN", null);
        org("lgo", "LEADING_GROUP_OFFICE", null);
        org("provfin", "PROVINCIAL_FINANCE", null);
        org("bank", "COMMERCIAL_BANK", null);
        org("lp", "LIMITED_PARTNERSHIP", null);
        List<Townships.Township> towns = new ArrayList<>(Townships.ALL);
        Collections.shuffle(towns, random);
        int counties = Math.min(4, towns.size());
        for (int k = 0; k < counties; k++) {
            String county = towns.get(k).county();
            org("hq-" + k, "COUNTY_HQ", county);
            org("cfin-" + k, "COUNTY_FINANCE", county);
            org("cfc-" + k, "COUNTY_FUND_COMPANY", county);
            org("unit-" + k, "IMPLEMENTATION_UNIT", county);
        }

        List<Step> setup = new ArrayList<>();
        Map<String, List<Step>> lanes = new LinkedHashMap<>();
        SortedMap<String, String> budgets = new TreeMap<>();
        for (int i = 1; i <= projects; i++) {
            String projectId = String.format(Locale.ROOT, "P%06d", i);
            int k = random.nextInt(counties);
            BigDecimal budget = Money.ofFen(1_000_000L + (long) (random.nextDouble() * 5_000_000_000L));
            budgets.put(projectId, Money.format(budget));
            lanes.put(projectId, project(projectId, k, towns.get(k), budget, setup));
        }

        List<TxSpec> specs = new ArrayList<>();
        for (Step s : setup) {
            specs.add(spec(s, specs.size(), "setup"));
        }
        List<String> open = new ArrayList<>(lanes.keySet());
        Map<String, Integer> next = new TreeMap<>();
        while (!open.isEmpty()) {
            String lane = open.get(random.nextInt(open.size()));
            int at = next.merge(lane, 1, Integer::sum) - 1;
            specs.add(spec(lanes.get(lane).get(at), specs.size(), lane));
            if (at + 1 == lanes.get(lane).size()) {
                open.remove(lane);
            }
        }
        // the sweep comes after every registration has waited longer than the threshold
        specs.add(new TxSpec(specs.size(), "final", specs.size() * STEP_MS + thresholdMs + STEP_MS, "platform",
                "reconciliation", "sweep", Args.of(), true, null, "periodic sweep"));

        List<String> actors = new ArrayList<>(orgs.keySet());
        Collections.sort(expected);
        return new Scenario(seed, thresholdMs, List.copyOf(actors), INTRUDER, Collections.unmodifiableSortedMap(orgs),
                List.copyOf(specs), List.copyOf(expected), Collections.unmodifiableSortedMap(budgets),
                Collections.unmodifiableSortedMap(injected));
    }

    /** One project's lane; its application goes to the setup lane so that project ids follow the seed. */
    private List<Step> project(String p, int k, Townships.Township town, BigDecimal budget, List<Step> setup) {
        String draft = "D" + p.substring(1);
        List<String> path = random.nextBoolean() ? List.of("lp", "cfc-" + k, "unit-" + k)
                : List.of("lp", "cfin-" + k, "cfc-" + k, "unit-" + k);
        List<BigDecimal> milestones = parts(budget, 1 + random.nextInt(3));
        List<Object> ms = new ArrayList<>();
        for (int m = 0; m < milestones.size(); m++) {
            ms.add(Args.of("name", "milestone " + m, "amount", Money.format(milestones.get(m))));
        }
        setup.add(new Step("hq-" + k, "project", "apply", Args.of("name", "project " + p, "county", town.county(),
                "township", town.name(), "department", "agriculture bureau", "budget", Money.format(budget),
                "implementationUnit", "unit-" + k, "description", "generated", "disbursementChain", path,
                "milestones", ms), true, null, "apply " + p));

        List<Anomaly> anomalies = new ArrayList<>();
        if (random.nextDouble() < anomalyRate) {
            anomalies.add(Anomaly.values()[random.nextInt(Anomaly.values().length)]);
            Anomaly second = Anomaly.values()[random.nextInt(Anomaly.values().length)];
            if (random.nextDouble() < 0.5 && !anomalies.contains(second)) {
                anomalies.add(second);
            }
        }
        int hops = path.size() - 1;
        Map<Anomaly, Integer> atHop = new TreeMap<>();
        for (Anomaly a : anomalies) {
            injected.merge(a, 1, Integer::sum);
            // a duplicate reuses the serial of the hop before, so it needs hop >= 1
            atHop.put(a, a == Anomaly.DUPLICATE_SERIAL ? 1 + random.nextInt(hops - 1) : random.nextInt(hops));
        }

        List<Step> lane = new ArrayList<>();
        lane.add(new Step("lgo", "project", "approve", Args.of("projectId", p), true, null, "approve " + p));
        BigDecimal[] dues = FundRaisingContract.split(budget);
        contribute(lane, p, "provfin", "PROVINCE", dues[0]);
        contribute(lane, p, "cfin-" + k, "CITY", dues[1]);
        contribute(lane, p, "bank", "FINANCIAL", dues[2]);

        String previousSerial = null;
        for (int h = 0; h < hops; h++) {
            String payer = path.get(h);
            String payerAcc = account(payer);
            String payeeAcc = account(path.get(h + 1));
            for (Map.Entry<Anomaly, Integer> e : atHop.entrySet()) {
                if (e.getValue() == h && e.getKey() != Anomaly.UNAUTHORISED_SIGNER) {
                    inject(lane, e.getKey(), p, draft, h, payer, payerAcc, payeeAcc, budget, previousSerial);
                }
            }
            if (atHop.getOrDefault(Anomaly.UNAUTHORISED_SIGNER, -1) == h) {
                lane.add(unauthorised(p, draft, h, k, payer));
            }
            for (BigDecimal part : parts(budget, 1 + random.nextInt(2))) {
                previousSerial = serial();
                transfer(lane, draft, h, payer, part, previousSerial, payerAcc, payeeAcc, 0, Money.format(part), "project " + p);
            }
        }
        lane.add(new Step("unit-" + k, "draft", "accept", Args.of("draftId", draft), true, null, "accept " + draft));
        String evidence = String.format(Locale.ROOT, "%064x", new BigInteger(p.substring(1)));
        for (int m = 0; m < milestones.size(); m++) {
            lane.add(new Step("unit-" + k, "draft", "release", Args.of("draftId", draft, "milestone", (long) m), true,
                    null, "release milestone " + m));
            lane.add(new Step("unit-" + k, "project", "reportProgress", Args.of("projectId", p, "milestone", (long) m,
                    "note", "done", "evidence", List.of(evidence), "completed", Boolean.TRUE), true, null, "progress " + m));
        }
        return lane;
    }

    private void inject(List<Step> lane, Anomaly a, String p, String draft, int h, String payer, String payerAcc,
                        String payeeAcc, BigDecimal budget, String previousSerial) {
        BigDecimal amount = Money.ofFen(1 + (long) (random.nextDouble() * (Money.toFen(budget) - 1)));
        String serial = a == Anomaly.DUPLICATE_SERIAL ? previousSerial : serial();
        String purpose = "project " + p;
        switch (a) {
            case WRONG_AMOUNT -> {
                BigDecimal less = amount.subtract(Money.ofFen(1 + (long) (random.nextDouble() * (Money.toFen(amount) - 1))));
                transfer(lane, draft, h, payer, amount, serial, payerAcc, payeeAcc, 0,
                        Money.format(less.signum() > 0 ? less : amount.add(Money.ofFen(1))), purpose);
            }
            case WRONG_PAYEE -> transfer(lane, draft, h, payer, amount, serial, payerAcc, "ACC-ELSEWHERE-" + serial,
                    0, Money.format(amount), purpose);
            case LATE_TRANSFER -> transfer(lane, draft, h, payer, amount, serial, payerAcc, payeeAcc, 400 * DAY,
                    Money.format(amount), purpose);
            case MISSING_BANK_FLOW -> lane.add(register(draft, h, payer, amount, serial, "registration without bank flow"));
            case DUPLICATE_SERIAL -> lane.add(register(draft, h, payer, amount, serial, "reused serial " + serial));
            default -> throw new IllegalStateException(a.name());
        }
        expected.add(new ExpectedAlert(a.alertCode(), serial, a, p));
    }

    /** One of several ways to try something one's role does not allow. */
    private Step unauthorised(String p, String draft, int h, int k, String payer) {
        switch (random.nextInt(4)) {
            case 0:
                return new Step("hq-" + k, "reconciliation", "pushFlow", Args.of("serialNumber", serial(), "amount", "1.00",
                        "payerAccount", "ACC-X", "payeeAccount", "ACC-Y", "remitTime", 0L), false, "FORBIDDEN",
                        "county HQ poses as a bank");
            case 1:
                return new Step(INTRUDER, "reconciliation", "registerTransfer", Args.of("serialNumber", serial(),
                        "draftId", draft, "hop", (long) h, "amount", "1.00"), false, "NOT_ADMITTED", "unadmitted key");
            case 2:
                return new Step("unit-" + k, "project", "approve", Args.of("projectId", p), false, "FORBIDDEN",
                        "implementation unit approves");
            default:
                String wrongPayer = payer.equals("lp") ? "cfc-" + k : "lp";
                return new Step(wrongPayer, "reconciliation", "registerTransfer", Args.of("serialNumber", serial(),
                        "draftId", draft, "hop", (long) h, "amount", "1.00"), false, "FORBIDDEN",
                        "registers another unit's hop");
        }
    }

    private void contribute(List<Step> lane, String p, String actor, String tranche, BigDecimal due) {
        for (BigDecimal part : parts(due, due.compareTo(Money.ofFen(2)) >= 0 ? 1 + random.nextInt(2) : 1)) {
            lane.add(new Step(actor, "fundraising", "contribute", Args.of("projectId", p, "tranche", tranche,
                    "amount", Money.format(part)), true, null, tranche + " contribution"));
        }
    }

    /** Both sides of a transfer, in random arrival order. */
    private void transfer(List<Step> lane, String draft, int h, String payer, BigDecimal amount, String serial,
                          String payerAcc, String payeeAcc, long lateByMs, String bankAmount, String purpose) {
        Step reg = register(draft, h, payer, amount, serial, "register hop " + h);
        Step flow = new Step("bank", "reconciliation", "pushFlow", Args.of("serialNumber", serial, "amount", bankAmount,
                "payerAccount", payerAcc, "payeeAccount", payeeAcc, "memo", purpose), true, null, "bank flow hop " + h);
        flow.remitLateByMs = lateByMs;
        if (random.nextBoolean()) {
            lane.add(reg);
            lane.add(flow);
        } else {
            lane.add(flow);
            lane.add(reg);
        }
    }

    private static Step register(String draft, int h, String payer, BigDecimal amount, String serial, String note) {
        return new Step(payer, "reconciliation", "registerTransfer", Args.of("serialNumber", serial, "draftId", draft,
                "hop", (long) h, "amount", Money.format(amount)), true, null, note);
    }

    /** Splits an amount into n positive parts that add up to it exactly. */
    private List<BigDecimal> parts(BigDecimal total, int n) {
        long fen = Money.toFen(total);
        List<BigDecimal> out = new ArrayList<>();
        long left = fen;
        for (int i = n - 1; i > 0; i--) {
            long take = 1 + (long) (random.nextDouble() * (left - i));
            out.add(Money.ofFen(take));
            left -= take;
        }
        out.add(Money.ofFen(left));
        return out;
    }

    private String serial() {
        return String.format(Locale.ROOT, "BK%08d", ++serialCounter);
    }

    private void org(String id, String type, String county) {
        orgs.put(id, new String[] {type, account(id), county});
    }

    private static String account(String org) {
        return "ACC-" + org.toUpperCase(Locale.ROOT);
    }

    static SortedMap<String, Object> genesis(Scenario s, Function<String, Signer> signerOf) {
        List<Object> organisations = new ArrayList<>();
        List<Object> signers = new ArrayList<>();
        for (Map.Entry<String, String[]> o : s.organisations().entrySet()) {
            String[] v = o.getValue();
            organisations.add(Args.of("id", o.getKey(), "name", "Org " + o.getKey(), "type", v[0], "account", v[1],
                    "county", v[2]));
            signers.add(Args.of("id", signerOf.apply(o.getKey()).id(), "org", o.getKey(), "name", "clerk of " + o.getKey(),
                    "roles", List.of(v[0])));
        }
        return Args.of("contracts", Args.of(
                "registry", Args.of("organisations", organisations, "signers", signers),
                "reconciliation", Args.of("unmatchedThresholdMs", s.unmatchedThresholdMs())));
    }

    /** Gives a step its place and moment; a bank flow's remit time is that moment (plus any lateness). */
    private TxSpec spec(Step s, int index, String lane) {
        long at = index * STEP_MS;
        SortedMap<String, Object> a = new TreeMap<>(s.args);
        if (s.remitLateByMs >= 0) {
            a.put("remitTime", baseTimeMs + at + s.remitLateByMs);
        }
        return new TxSpec(index, lane, at, s.actor, s.contract, s.method, a, s.committed, s.error, s.note);
    }

    /** A spec before it has its place in the merged order. */
    private static final class Step {
        final String actor;
        final String contract;
        final String method;
        final SortedMap<String, Object> args;
        final boolean committed;
        final String error;
        final String note;
        /** For bank flows: remitTime = base time + the spec's offset + this; negative = no remitTime to add. */
        long remitLateByMs = -1;

        Step(String actor, String contract, String method, SortedMap<String, Object> args, boolean committed,
             String error, String note) {
            this.actor = actor;
            this.contract = contract;
            this.method = method;
            this.args = args;
            this.committed = committed;
            this.error = error;
            this.note = note;
        }
    }
}
