package org.fundchain.contracts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

import org.fundchain.codec.Json;
import org.fundchain.contract.Admission;
import org.fundchain.contract.ContractRegistry;
import org.fundchain.contract.ContractRuntime;
import org.fundchain.contract.InMemoryWorldState;
import org.fundchain.contract.Receipt;
import org.fundchain.contract.Signers;
import org.fundchain.contract.TransactionCall;
import org.fundchain.contract.api.Args;
import org.fundchain.crypto.HashAlgorithm;
import org.fundchain.crypto.Hex;
import org.fundchain.crypto.SignatureAlgorithm;
import org.fundchain.crypto.SigningKey;
import org.junit.jupiter.api.Test;

/**
 * SPEC §1.5 at runtime level: real keys (Ed25519 and SM2), signed canonical payloads verified before execution
 * as the node will, and each step by a different organisation's clerk.
 */
class WalkThroughTest {
    static final long T0 = 1_700_000_000_000L;
    final SecureRandom random = new SecureRandom();
    final Map<String, SigningKey> keys = new TreeMap<>();
    ContractRuntime runtime;
    long height;
    long time = T0;
    int nonce;

    private SigningKey key(String org) {
        return keys.computeIfAbsent(org, o -> SigningKey.generate(
                o.equals("bank") ? SignatureAlgorithm.SM2 : SignatureAlgorithm.ED25519, random));
    }

    /** Signs a payload like a client, verifies it like a node, checks admission, executes. */
    private Object step(String org, String contract, String method, Object... kv) {
        SigningKey k = key(org);
        byte[] payload = Json.writeBytes(Args.of("chain", "main", "contract", contract, "method", method,
                "args", Args.of(kv), "nonce", (long) ++nonce, "timestamp", time));
        byte[] signature = k.sign(payload);
        k.publicKey().requireValid(payload, signature);
        SortedMap<String, Object> parsed = Json.parseObject(new String(payload, StandardCharsets.UTF_8));
        @SuppressWarnings("unchecked")
        TransactionCall call = new TransactionCall(Hex.encode(HashAlgorithm.SHA256.digest(payload)),
                Signers.of(k.publicKey()), (String) parsed.get("contract"), (String) parsed.get("method"),
                (SortedMap<String, Object>) parsed.get("args"));
        assertTrue(Admission.mayAccept(runtime.world(), call), org + " is admitted");
        Receipt r = runtime.execute(call, ++height, time += 60_000);
        assertTrue(r.committed(), () -> org + " " + contract + "." + method + ": " + r);
        return r.result();
    }

    @Test
    void ruralPlantingIndustryProjectFromApplicationToProgress() {
        ContractRegistry registry = ContractRegistry.of(FundChainContracts.all());
        runtime = new ContractRuntime("main", registry, new InMemoryWorldState(), HashAlgorithm.SHA256);
        runtime.genesis(Args.of("contracts", Args.of("registry",
                ChainFixture.registryGenesis(org -> Signers.of(key(org).publicKey())))), T0);
        assertEquals(6, registry.count());

        // county government office clerk applies
        @SuppressWarnings("unchecked")
        Map<String, Object> project = (Map<String, Object>) step("hq", "project", "apply",
                ChainFixture.projectArgs("1000000.00", "600000.00", "400000.00"));
        String p = (String) project.get("id");
        // provincial leading-group office approves: status changes and the draft is issued
        @SuppressWarnings("unchecked")
        Map<String, Object> approval = (Map<String, Object>) step("lgo", "project", "approve", "projectId", p);
        String d = (String) approval.get("draftId");
        // fund raising: fiscal 10% first, then the banks' 90%
        step("provfin", "fundraising", "contribute", "projectId", p, "tranche", "PROVINCE", "amount", "40000.00");
        step("cfin", "fundraising", "contribute", "projectId", p, "tranche", "CITY", "amount", "60000.00");
        step("bank", "fundraising", "contribute", "projectId", p, "tranche", "FINANCIAL", "amount", "900000.00");
        // each hop: the paying unit registers the serial, the bank pushes its flow, reconciliation moves the draft
        String[][] hops = {{"lp", "ACC-LP", "ACC-CFC"}, {"cfc", "ACC-CFC", "ACC-UNIT"}};
        for (int i = 0; i < hops.length; i++) {
            step(hops[i][0], "reconciliation", "registerTransfer", "serialNumber", "WB2026-" + i, "draftId", d,
                    "hop", (long) i, "amount", "1000000.00");
            @SuppressWarnings("unchecked")
            Map<String, Object> rec = (Map<String, Object>) step("bank", "reconciliation", "pushFlow",
                    "serialNumber", "WB2026-" + i, "amount", "1000000.00", "payerAccount", hops[i][1],
                    "payeeAccount", hops[i][2], "remitTime", time, "memo", "rural planting industry project");
            assertEquals("MATCHED", rec.get("status"));
        }
        // all money arrived: the implementation unit honours the draft and reports progress with evidence
        @SuppressWarnings("unchecked")
        Map<String, Object> accepted = (Map<String, Object>) step("unit", "draft", "accept", "draftId", d);
        assertEquals("ACCEPTED", accepted.get("status"));
        step("unit", "draft", "release", "draftId", d, "milestone", 0L);
        String evidence = Hex.encode(HashAlgorithm.SHA256.digest("greenhouse photos.zip".getBytes(StandardCharsets.UTF_8)));
        step("unit", "project", "reportProgress", "projectId", p, "milestone", 0L, "note", "greenhouses built",
                "evidence", List.of(evidence), "completed", true);
        @SuppressWarnings("unchecked")
        Map<String, Object> finalProject = (Map<String, Object>) step("hq", "project", "query", "projectId", p);
        assertEquals("IMPLEMENTING", finalProject.get("status"));
        assertEquals(List.of("APPLIED", "APPROVED", "IMPLEMENTING"), ((List<?>) finalProject.get("history")).stream()
                .map(h -> ((Map<?, ?>) h).get("status")).toList());
        @SuppressWarnings("unchecked")
        List<Object> alerts = (List<Object>) step("lgo", "reconciliation", "alerts");
        assertEquals(List.of(), alerts);
        assertTrue(keys.size() >= 4, "four or more different signers");
    }
}
