package org.fundchain.launcher;

import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.fundchain.client.FundChainClient;
import org.fundchain.crypto.CryptoSuite;
import org.fundchain.crypto.Pem;
import org.fundchain.crypto.SigningKey;
import org.fundchain.envelope.SignedTransaction;
import org.fundchain.genesis.Genesis;
import org.fundchain.node.GenesisContracts;

/**
 * Seeds a running consortium with demo business data through real transactions, each signed by the demo user
 * of the organisation that would do it in life and sent to the node API (never written to a database):
 * <ol>
 * <li>P1 (石门乡): applied, approved (draft issued), funds raised, both hops paid and reconciled, accepted by the
 * implementation unit, milestone 0 released and its progress reported;</li>
 * <li>P2 (石门乡, beef cattle): approved, funds raised, first hop paid: in transit;</li>
 * <li>P3 (石门乡, seed potatoes): approved, funds raised; the bank's flow for the first hop differs from the registered amount:
 * one anomaly alert;</li>
 * <li>P4 (石门乡, medicinal herbs): applied, waiting for approval.</li>
 * All four are in 威宁县, the county of the demo's county organisations (the contracts scope them to it).
 * </ol>
 * Idempotent: a marker file in the consortium directory, and the chain itself (P1's application is refused as a
 * duplicate), tell that the data is already there.
 */
public final class DemoData {
    static final String MARKER = "demo-data.done";
    private static final String CHAIN = ConsortiumMaterial.MAIN_CHAIN;
    private static final long WAIT_MS = 30_000;

    private final ConsortiumMaterial material;
    private final LauncherSettings settings;
    private final PrintStream out;
    private final FundChainClient client = new FundChainClient();
    private final Map<String, SigningKey> keys = new HashMap<>();
    private final SecureRandom random = new SecureRandom();
    private final String run = Long.toString(System.currentTimeMillis(), 36);
    private int nonce;
    private final Map<String, String> names = new HashMap<>();
    private final Map<String, String> purposes = new HashMap<>();


    private DemoData(ConsortiumMaterial material, LauncherSettings settings, PrintStream out) {
        this.material = material;
        this.settings = settings;
        this.out = out;
    }

    /** What seeding found or did. */
    public enum Result { SEEDED, ALREADY_SEEDED }

    /** Seeds the running consortium unless it already has the demo data. */
    public static Result seed(ConsortiumMaterial material, LauncherSettings settings, PrintStream out) {
        Path marker = settings.consortiumDir().resolve(MARKER);
        if (Files.exists(marker)) {
            out.println("Demo data: already seeded (" + marker + ")");
            return Result.ALREADY_SEEDED;
        }
        Result r = new DemoData(material, settings, out).run();
        Files600.writePublic(marker, "demo data seeded through signed transactions\n");
        return r;
    }

    private Result run() {
        out.println("Demo data: seeding projects, drafts, transfers and one anomaly through signed transactions...");
        List<Map<String, Object>> applications = applications();
        Map<String, Object> p1 = call("countyhq", "project", "apply", applications.get(0), true);
        if (p1 == null) {
            out.println("Demo data: the chain already has the demo projects; nothing to do");
            return Result.ALREADY_SEEDED;
        }
        String project1 = id(p1);
        String p2 = id(call("countyhq", "project", "apply", applications.get(1), false));
        String p3 = id(call("countyhq", "project", "apply", applications.get(2), false));
        call("countyhq", "project", "apply", applications.get(3), false);

        String d1 = approveAndRaise(project1, "1200000.00");
        String d2 = approveAndRaise(p2, "800000.00");
        String d3 = approveAndRaise(p3, "500000.00");

        // P1: both hops paid and reconciled, then accepted, first milestone released and reported
        pay(d1, 0, "lp", "gz-fund-lp", "weining-fund", "1200000.00", "1200000.00");
        pay(d1, 1, "countyfund", "weining-fund", "shimen-coop", "1200000.00", "1200000.00");
        call("impl", "draft", "accept", Map.of("draftId", d1), false);
        call("impl", "draft", "release", Map.of("draftId", d1, "milestone", 0L), false);
        call("impl", "project", "reportProgress", Map.of("projectId", project1, "milestone", 0L,
                "note", "12 座蔬菜大棚及 1 座冷库已建成并通过验收",
                "evidence", List.of("9f2c4e7a1b3d5f60718293a4b5c6d7e8f90a1b2c3d4e5f60718293a4b5c6d7e8"),
                "completed", Boolean.TRUE), false);
        // P2: the first hop paid: in transit
        pay(d2, 0, "lp", "gz-fund-lp", "weining-fund", "800000.00", "800000.00");
        // P3: the bank's flow says less than the payer registered: an AMOUNT anomaly alert
        pay(d3, 0, "lp", "gz-fund-lp", "weining-fund", "500000.00", "450000.00");
        out.println("Demo data: 4 projects (" + project1 + " accepted with progress, " + p2 + " in transit, " + p3
                + " with an anomaly alert, one waiting for approval)");
        return Result.SEEDED;
    }

    private String approveAndRaise(String projectId, String budget) {
        Map<String, Object> approved = call("lgo", "project", "approve", Map.of("projectId", projectId,
                "opinion", "符合扶贫资金使用方向，同意立项"), false);
        String draft = (String) approved.get("draftId");
        // the bank's memo must name the draft's purpose (the project), or reconciliation flags it
        purposes.put(draft, names.get(projectId));
        java.math.BigDecimal b = new java.math.BigDecimal(budget);
        java.math.BigDecimal fiscal = b.movePointLeft(1).setScale(2, java.math.RoundingMode.FLOOR);
        java.math.BigDecimal province = fiscal.multiply(new java.math.BigDecimal("0.4")).setScale(2, java.math.RoundingMode.FLOOR);
        call("provfin", "fundraising", "contribute", Map.of("projectId", projectId, "tranche", "PROVINCE",
                "amount", province.toPlainString()), false);
        call("countyfin", "fundraising", "contribute", Map.of("projectId", projectId, "tranche", "CITY",
                "amount", fiscal.subtract(province).toPlainString()), false);
        call("bank", "fundraising", "contribute", Map.of("projectId", projectId, "tranche", "FINANCIAL",
                "amount", b.subtract(fiscal).toPlainString()), false);
        return draft;
    }

    /** The payer registers the transfer's serial; the bank pushes its flow (possibly with another amount). */
    private void pay(String draftId, int hop, String payerUser, String payerOrg, String payeeOrg, String registered,
            String flowAmount) {
        String serial = "DEMO-" + run + "-" + draftId + "-" + hop;
        call(payerUser, "reconciliation", "registerTransfer", Map.of("serialNumber", serial, "draftId", draftId,
                "hop", (long) hop, "amount", registered), false);
        call("bank", "reconciliation", "pushFlow", Map.of("serialNumber", serial, "amount", flowAmount,
                "payerAccount", account(payerOrg), "payeeAccount", account(payeeOrg),
                "remitTime", System.currentTimeMillis() - 60_000, "memo", purposes.get(draftId)), false);
    }

    /** The four applications of the county HQ user ({@code countyhq}), in the order P1..P4. */
    static List<Map<String, Object>> applications() {
        // all in 威宁县 (石门乡 is its one township of the 20): the demo's county HQ and finance bureau are Weining's
        // and the contracts hold them to their county; the path (county fund, unit) is Weining's too
        String county = DemoConsortium.COUNTY;
        return List.of(project("石门乡高山冷凉蔬菜种植基地", county, "石门乡",
                "1200000.00", "700000.00", "500000.00", "大棚与冷库建设", "种苗与技术培训"),
                project("石门乡生态肉牛养殖", county, "石门乡",
                "800000.00", "500000.00", "300000.00", "牛舍建设", "基础母牛引进"),
                project("石门乡马铃薯良种繁育", county, "石门乡",
                "500000.00", "300000.00", "200000.00", "良种繁育基地", "加工设备"),
                project("石门乡中药材种植示范", county, "石门乡",
                "600000.00", "400000.00", "200000.00", "种植基地平整", "收购与仓储"));
    }

    private static String account(String organisation) {
        return GenesisContracts.accountOf(organisation);
    }

    private static Map<String, Object> project(String name, String county, String township, String budget,
            String m1, String m2, String m1Name, String m2Name) {
        Map<String, Object> a = new HashMap<>();
        // a suffix only when re-seeding a development consortium by hand (names must be unique per township)
        a.put("name", name + System.getProperty("fundchain.demo.suffix", ""));
        a.put("county", county);
        a.put("township", township);
        a.put("department", "县农业农村局");
        a.put("budget", budget);
        a.put("implementationUnit", "shimen-coop");
        a.put("description", "演示数据：" + name);
        a.put("disbursementChain", List.of("gz-fund-lp", "weining-fund", "shimen-coop"));
        a.put("milestones", List.of(Map.of("name", m1Name, "amount", m1), Map.of("name", m2Name, "amount", m2)));
        return a;
    }

    private String id(Map<String, Object> project) {
        names.put((String) project.get("id"), (String) project.get("name"));
        return (String) project.get("id");
    }

    /**
     * Signs and submits one call as {@code user}, waits for its block. Returns the contract's result; null if
     * {@code conflictMeansDone} and the contract answered CONFLICT; otherwise a refusal is an error.
     */
    @SuppressWarnings("unchecked")
    private Map<String, Object> call(String user, String contract, String method, Map<String, ?> args,
            boolean conflictMeansDone) {
        Genesis g = material.genesis();
        CryptoSuite suite = g.suite();
        SigningKey key = keys.computeIfAbsent(user, this::key);
        SignedTransaction tx = SignedTransaction.sign(key, suite, CHAIN, contract, method, args,
                "demo-" + run + "-" + (++nonce), System.currentTimeMillis());
        URI node = URI.create("https://localhost:" + settings.httpsPort(nonce % settings.nodeCount()) + "/");
        try {
            FundChainClient.Answer sent = client.submit(List.of(node), tx).get(0);
            if (!sent.ok()) {
                throw new LauncherException("demo data: " + contract + "." + method + " refused by the node: "
                        + sent.status() + " " + sent.error());
            }
            FundChainClient.Answer a = client.status(node, CHAIN, tx.txHash(), WAIT_MS, key); // own transaction: full view
            String status = a.string("status");
            Object outcome = a.body().get("outcome");
            Map<String, Object> o = outcome instanceof Map ? (Map<String, Object>) outcome : Map.of();
            if ("COMMITTED".equals(status)) {
                return o.get("result") instanceof Map ? (Map<String, Object>) o.get("result") : Map.of();
            }
            if (conflictMeansDone && "CONFLICT".equals(o.get("errorCode"))) {
                return null;
            }
            throw new LauncherException("demo data: " + user + " " + contract + "." + method + " was " + status
                    + ": " + outcome);
        } catch (IOException e) {
            throw new LauncherException("demo data: cannot reach " + node + ": " + e.getMessage());
        }
    }

    private SigningKey key(String user) {
        Path pem = settings.consortiumDir().resolve("users").resolve(user + ".pem");
        return Pem.readPrivateKey(Files600.read(pem), random);
    }
}
