package org.fundchain.contracts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.SortedMap;
import java.util.TreeMap;

import org.fundchain.codec.Json;
import org.fundchain.contract.ContractLimits;
import org.fundchain.contract.ContractRegistry;
import org.fundchain.contract.ContractRuntime;
import org.fundchain.contract.InMemoryWorldState;
import org.fundchain.contract.Receipt;
import org.fundchain.contract.TransactionCall;
import org.fundchain.contract.api.Args;
import org.fundchain.contract.api.Signer;
import org.fundchain.crypto.HashAlgorithm;
import org.fundchain.crypto.Hex;

/**
 * A chain in memory with the FundChain contracts and a standard consortium: one organisation per role (two
 * implementation units) and one user each, named like the organisation. Each transaction gets its own block,
 * one second after the previous one.
 */
public final class ChainFixture {
    public static final long T0 = 1_700_000_000_000L;
    public static final long DAY = 86_400_000L;
    public static final String[][] ORGS = {
            // id, type, account, county
            {"platform", "ADMIN", "ACC-PLATFORM", null},
            {"lgo", "LEADING_GROUP_OFFICE", "ACC-LGO", null},
            {"provfin", "PROVINCIAL_FINANCE", "ACC-PROVFIN", null},
            {"hq", "COUNTY_HQ", "ACC-HQ", "威宁县"},
            {"cfin", "COUNTY_FINANCE", "ACC-CFIN", "威宁县"},
            {"bank", "COMMERCIAL_BANK", "ACC-BANK", null},
            {"lp", "LIMITED_PARTNERSHIP", "ACC-LP", null},
            {"cfc", "COUNTY_FUND_COMPANY", "ACC-CFC", "威宁县"},
            {"unit", "IMPLEMENTATION_UNIT", "ACC-UNIT", "威宁县"},
            {"unit2", "IMPLEMENTATION_UNIT", "ACC-UNIT2", "威宁县"},
    };

    public final ContractRuntime runtime;
    public long height;
    public long time = T0;
    private int nonce;
    private int applications;

    public ChainFixture() {
        this(new TreeMap<>());
    }

    /** extraSections: genesis sections merged in (e.g. reconciliation threshold). */
    public ChainFixture(SortedMap<String, Object> extraSections) {
        ContractRegistry registry = ContractRegistry.of(FundChainContracts.all());
        runtime = new ContractRuntime("main", registry, new InMemoryWorldState(), HashAlgorithm.SHA256);
        SortedMap<String, Object> sections = new TreeMap<>(extraSections);
        sections.put("registry", registryGenesis(ChainFixture::signer));
        runtime.genesis(Args.of("contracts", sections), T0);
    }

    /** Genesis section of the registry for the standard consortium, with signer ids from the given function. */
    public static SortedMap<String, Object> registryGenesis(java.util.function.Function<String, Signer> signerOf) {
        List<Object> orgs = new ArrayList<>();
        List<Object> signers = new ArrayList<>();
        for (String[] o : ORGS) {
            orgs.add(Args.of("id", o[0], "name", "Org " + o[0], "type", o[1], "account", o[2], "county", o[3]));
            signers.add(Args.of("id", signerOf.apply(o[0]).id(), "org", o[0], "name", "clerk of " + o[0],
                    "roles", List.of(o[1])));
        }
        return Args.of("organisations", orgs, "signers", signers);
    }

    /** A stable test identity per name (the hash of the name as an Ed25519-shaped key id). */
    public static Signer signer(String name) {
        return new Signer("ed25519:" + Hex.encode(HashAlgorithm.SHA256.digest(name.getBytes(StandardCharsets.UTF_8))));
    }

    public Receipt tx(String who, String contract, String method, Object... kv) {
        return tx(signer(who), contract, method, Args.of(kv));
    }

    public Receipt tx(Signer who, String contract, String method, SortedMap<String, Object> args) {
        height++;
        time += 1000;
        String hash = Hex.encode(HashAlgorithm.SHA256.digest(("tx" + (++nonce)).getBytes(StandardCharsets.UTF_8)));
        Receipt r = runtime.execute(new TransactionCall(hash, who, contract, method, args), height, time);
        // what a node would store for it must fit the ledger, or the block could not be appended
        assertTrue(Json.write(r.toJson()).length() <= ContractLimits.MAX_RECEIPT_CHARS, () -> "receipt too large: " + r);
        return r;
    }

    /** A read-only call in the next block's position (time moves as for a transaction); no receipt is stored. */
    public Receipt query(String who, String contract, String method, Object... kv) {
        height++;
        time += 1000;
        return runtime.query(new TransactionCall("query" + height, signer(who), contract, method, Args.of(kv)), height, time);
    }

    @SuppressWarnings("unchecked")
    public SortedMap<String, Object> ok(String who, String contract, String method, Object... kv) {
        return (SortedMap<String, Object>) okValue(who, contract, method, kv);
    }

    /** Asserts the transaction commits; returns its result. */
    public Object okValue(String who, String contract, String method, Object... kv) {
        Receipt r = tx(who, contract, method, kv);
        assertTrue(r.committed(), () -> contract + "." + method + " by " + who + " was " + r);
        return r.result();
    }

    /** Asserts a refusal with the code, that nothing changed, and returns the message. */
    public String refused(String code, String who, String contract, String method, Object... kv) {
        String root = runtime.stateRoot();
        Receipt r = tx(who, contract, method, kv);
        assertEquals(Receipt.Status.REJECTED, r.status(), () -> contract + "." + method + " by " + who + " committed: " + r);
        assertEquals(code, r.errorCode(), r::toString);
        assertEquals(root, runtime.stateRoot(), "a refused transaction changed state");
        return r.errorMessage();
    }

    public void advance(long ms) {
        time += ms;
    }

    // ------------------------------------------------------------- business shortcuts

    /** Applies for a 1,000,000.00 project in 威宁县石门乡 along lp → cfc → unit, with two milestones. */
    public String applyProject() {
        Object[] args = projectArgs("1000000.00", "600000.00", "400000.00");
        if (applications++ > 0) {
            args[1] = args[1] + " " + applications;   // a distinct name: duplicates are refused
        }
        return (String) ok("hq", "project", "apply", args).get("id");
    }

    public static Object[] projectArgs(String budget, String m1, String m2) {
        return new Object[] {"name", "rural planting industry project", "county", "威宁县", "township", "石门乡",
                "department", "county agriculture bureau", "budget", budget, "implementationUnit", "unit",
                "description", "greenhouses", "disbursementChain", List.of("lp", "cfc", "unit"),
                "milestones", List.of(Args.of("name", "greenhouses", "amount", m1), Args.of("name", "seedlings", "amount", m2))};
    }

    /** Applies and approves; returns the draft id. */
    public String approvedDraft() {
        String p = applyProject();
        return (String) ok("lgo", "project", "approve", "projectId", p).get("draftId");
    }

    /** Applies, approves and raises every tranche in full; returns the draft id. */
    public String fundedDraft() {
        String d = approvedDraft();
        String p = "P" + d.substring(1);
        ok("provfin", "fundraising", "contribute", "projectId", p, "tranche", "PROVINCE", "amount", "40000.00");
        ok("cfin", "fundraising", "contribute", "projectId", p, "tranche", "CITY", "amount", "60000.00");
        ok("bank", "fundraising", "contribute", "projectId", p, "tranche", "FINANCIAL", "amount", "900000.00");
        return d;
    }

    /** Both sides of one correct transfer of a hop; returns the reconciliation record. */
    public SortedMap<String, Object> pay(String draftId, int hop, String payer, String payerAcc, String payeeAcc,
                                         String amount, String serial) {
        ok(payer, "reconciliation", "registerTransfer", "serialNumber", serial, "draftId", draftId, "hop", (long) hop,
                "amount", amount);
        return ok("bank", "reconciliation", "pushFlow", "serialNumber", serial, "amount", amount,
                "payerAccount", payerAcc, "payeeAccount", payeeAcc, "remitTime", time, "memo", "rural planting industry project");
    }

    @SuppressWarnings("unchecked")
    public SortedMap<String, Object> draft(String draftId) {
        return (SortedMap<String, Object>) query("lgo", "draft", "query", "draftId", draftId).result();
    }

    @SuppressWarnings("unchecked")
    public List<SortedMap<String, Object>> alerts() {
        return (List<SortedMap<String, Object>>) query("lgo", "reconciliation", "alerts", "limit", 1000L).result();
    }
}
