package org.fundchain.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;

import org.fundchain.contract.ContractRegistry;
import org.fundchain.contract.ContractRuntime;
import org.fundchain.contract.InMemoryWorldState;
import org.fundchain.contract.Receipt;
import org.fundchain.contract.TransactionCall;
import org.fundchain.contract.api.Args;
import org.fundchain.contract.api.Signer;
import org.fundchain.contracts.FundChainContracts;
import org.fundchain.contracts.Townships;
import org.fundchain.crypto.CryptoSuite;
import org.fundchain.crypto.HashAlgorithm;
import org.fundchain.crypto.Hex;
import org.fundchain.genesis.DemoUser;
import org.fundchain.genesis.Genesis;
import org.fundchain.genesis.GenesisFiles;
import org.fundchain.genesis.Role;
import org.fundchain.node.GenesisContracts;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The consortium the launcher generates, run through the real contracts from its own genesis file: county
 * organisations carry their county, so the county HQ applies in its county only (before, the generated
 * organisations had no county and Weining's HQ applied for a project of 晴隆县), and the demo data the launcher
 * seeds stays within what the generated organisations may do.
 */
class GeneratedCountyScopingTest {
    @TempDir
    Path dir;

    ContractRuntime runtime;
    Genesis genesis;
    long height;
    final Map<String, Signer> users = new HashMap<>();

    void start() {
        ConsortiumMaterial m = ConsortiumMaterial.ensure(TestSettings.in(dir, CryptoSuite.STANDARD));
        Genesis g = GenesisFiles.load(m.genesisFile(), m.genesisHash()); // as a node reads it: the signed file
        genesis = g;
        for (DemoUser u : g.users()) {
            users.put(u.username(), new Signer(GenesisContracts.signerId(u.publicKey())));
        }
        runtime = new ContractRuntime("main", ContractRegistry.of(FundChainContracts.all()), new InMemoryWorldState(),
                HashAlgorithm.SHA256);
        runtime.genesis(GenesisContracts.document(g), g.createdAt());
    }

    Receipt tx(String user, String contract, String method, SortedMap<String, Object> args) {
        height++;
        String hash = Hex.encode(HashAlgorithm.SHA256.digest(("tx" + height).getBytes(StandardCharsets.UTF_8)));
        return runtime.execute(new TransactionCall(hash, users.get(user), contract, method, args), height,
                1_800_000_000_000L + height * 1000);
    }

    @SuppressWarnings("unchecked")
    SortedMap<String, Object> organisation(String id) {
        Receipt r = tx("admin", "registry", "organisation", Args.of("id", id));
        assertTrue(r.committed(), r::toString);
        return (SortedMap<String, Object>) r.result();
    }

    @Test
    void countyOrganisationsHaveTheirCountyAndProvincialOnesNone() {
        start();
        for (String county : List.of("weining-hq", "weining-finance", "weining-fund", "shimen-coop")) {
            assertEquals("威宁县", organisation(county).get("county"), county);
        }
        for (String province : List.of("gz-lgo", "gz-finance", "demo-bank", "gz-fund-lp", "fc-platform")) {
            assertNull(organisation(province).get("county"), province);
        }
        // no county-level role is left without a county (which the contracts and Viewer read as "all counties")
        for (org.fundchain.genesis.Organisation o : genesis.organisations()) {
            if (Set.of(Role.COUNTY_HQ, Role.COUNTY_FINANCE, Role.COUNTY_FUND_COMPANY).contains(o.role())) {
                assertNotNull(o.county(), o.id());
            }
        }
    }

    @Test
    void theCountyHqCannotApplyForAnotherCountysProject() {
        start();
        SortedMap<String, Object> other = new java.util.TreeMap<>(DemoData.applications().get(0));
        other.put("county", "晴隆县");
        other.put("township", "三宝彝族乡");
        other.put("name", "another county's project");
        Receipt r = tx("countyhq", "project", "apply", other);
        assertEquals(Receipt.Status.REJECTED, r.status(), r::toString);
        assertEquals("FORBIDDEN", r.errorCode(), r::toString);
    }

    @Test
    void everyDemoApplicationIsInTheHqsCountyAndCommits() {
        start();
        Object hqCounty = organisation("weining-hq").get("county");
        assertNotNull(hqCounty);
        for (Map<String, Object> a : DemoData.applications()) {
            assertEquals(hqCounty, a.get("county"), a.get("name").toString());
            assertNotNull(Townships.find((String) a.get("county"), (String) a.get("township")), a.get("township").toString());
            Receipt r = tx("countyhq", "project", "apply", new java.util.TreeMap<>(a));
            assertTrue(r.committed(), () -> a.get("name") + ": " + r);
        }
    }
}
