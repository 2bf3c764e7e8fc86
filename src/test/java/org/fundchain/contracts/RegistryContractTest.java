package org.fundchain.contracts;

import static org.fundchain.contracts.ChainFixture.signer;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.SortedMap;

import org.fundchain.contract.Admission;
import org.fundchain.contract.ContractRegistry;
import org.fundchain.contract.ContractRuntime;
import org.fundchain.contract.InMemoryWorldState;
import org.fundchain.contract.Receipt;
import org.fundchain.contract.TransactionCall;
import org.fundchain.contract.api.Args;
import org.fundchain.contract.api.Signer;
import org.fundchain.crypto.HashAlgorithm;
import org.junit.jupiter.api.Test;

class RegistryContractTest {
    final ChainFixture chain = new ChainFixture();
    final String newcomer = signer("newcomer").id();

    @Test
    void genesisAdmitsTheConsortiumAndTheNodeSeesIt() {
        var admitted = Admission.lookup(chain.runtime.world(), signer("bank").id()).orElseThrow();
        assertEquals("bank", admitted.org());
        assertEquals(List.of("COMMERCIAL_BANK"), admitted.roles());
        assertTrue(Admission.lookup(chain.runtime.world(), newcomer).isEmpty());
        assertEquals(6, chain.runtime.registry().count(), "running contracts");
    }

    @Test
    void genesisWithoutAnAdminIsRefused() {
        ContractRegistry registry = new ContractRegistry().register(new RegistryContract());
        ContractRuntime rt = new ContractRuntime("main", registry, new InMemoryWorldState(), HashAlgorithm.SHA256);
        SortedMap<String, Object> section = Args.of(
                "organisations", List.of(Args.of("id", "bank", "name", "B", "type", "COMMERCIAL_BANK", "account", "A1")),
                "signers", List.of(Args.of("id", newcomer, "org", "bank", "name", "x", "roles", List.of("COMMERCIAL_BANK"))));
        assertThrows(IllegalArgumentException.class, () -> rt.genesis(Args.of("contracts", Args.of("registry", section)), 0));
    }

    @Test
    void registrationRequestThenApproval() {
        Receipt r = chain.tx(signer("newcomer"), "registry", "requestRegistration",
                Args.of("org", "bank", "name", "teller", "roles", List.of("COMMERCIAL_BANK")));
        assertTrue(r.committed(), r::toString);
        assertTrue(Admission.mayAccept(chain.runtime.world(), new TransactionCall("h", signer("newcomer"),
                "registry", "requestRegistration", null)));
        assertFalse(Admission.mayAccept(chain.runtime.world(), new TransactionCall("h", signer("newcomer"),
                "pressure", "add", null)));
        assertEquals(ContractExceptionCodes.CONFLICT, chain.tx(signer("newcomer"), "registry", "requestRegistration",
                Args.of("org", "bank", "name", "teller", "roles", List.of("COMMERCIAL_BANK"))).errorCode());
        chain.refused("FORBIDDEN", "bank", "registry", "approveRegistration", "signer", newcomer);
        SortedMap<String, Object> rec = chain.ok("platform", "registry", "approveRegistration", "signer", newcomer);
        assertEquals(Boolean.TRUE, rec.get("enabled"));
        assertEquals("bank", Admission.lookup(chain.runtime.world(), newcomer).orElseThrow().org());
        chain.refused("NOT_FOUND", "platform", "registry", "approveRegistration", "signer", newcomer);
    }

    @Test
    void registrationRequestRejectedWithReason() {
        chain.tx(signer("newcomer"), "registry", "requestRegistration",
                Args.of("org", "bank", "name", "teller", "roles", List.of("COMMERCIAL_BANK")));
        chain.refused("BAD_ARGUMENT", "platform", "registry", "rejectRegistration", "signer", newcomer);
        SortedMap<String, Object> req = chain.ok("platform", "registry", "rejectRegistration", "signer", newcomer,
                "reason", "unknown person");
        assertEquals("REJECTED", req.get("status"));
        chain.refused("WRONG_STATE", "platform", "registry", "approveRegistration", "signer", newcomer);
        assertTrue(Admission.lookup(chain.runtime.world(), newcomer).isEmpty());
    }

    @Test
    void registrationRequestRefusals() {
        assertEquals("BAD_ARGUMENT", chain.tx(signer("newcomer"), "registry", "requestRegistration",
                Args.of("org", "bank", "name", "teller", "roles", List.of("COUNTY_HQ"))).errorCode(), "role must fit org type");
        assertEquals("NOT_FOUND", chain.tx(signer("newcomer"), "registry", "requestRegistration",
                Args.of("org", "nobody", "name", "teller", "roles", List.of("COMMERCIAL_BANK"))).errorCode());
        assertEquals("BAD_ARGUMENT", chain.tx(signer("newcomer"), "registry", "requestRegistration",
                Args.of("org", "bank", "name", "teller", "roles", List.of("KING"))).errorCode());
        assertEquals("CONFLICT", chain.tx(signer("bank"), "registry", "requestRegistration",
                Args.of("org", "bank", "name", "teller", "roles", List.of("COMMERCIAL_BANK"))).errorCode());
    }

    @Test
    void adminAdmitsDirectlyAndAssignsRoles() {
        chain.refused("FORBIDDEN", "lgo", "registry", "admit", "signer", newcomer, "org", "lgo", "name", "n",
                "roles", List.of("LEADING_GROUP_OFFICE"));
        chain.refused("BAD_ARGUMENT", "platform", "registry", "admit", "signer", "ed25519:xyz", "org", "lgo",
                "name", "n", "roles", List.of("LEADING_GROUP_OFFICE"));
        chain.ok("platform", "registry", "admit", "signer", newcomer, "org", "lgo", "name", "n",
                "roles", List.of("LEADING_GROUP_OFFICE"));
        chain.refused("CONFLICT", "platform", "registry", "admit", "signer", newcomer, "org", "lgo", "name", "n",
                "roles", List.of("LEADING_GROUP_OFFICE"));
        SortedMap<String, Object> rec = chain.ok("platform", "registry", "setRoles", "signer", newcomer,
                "roles", List.of("ADMIN", "LEADING_GROUP_OFFICE"));
        assertEquals(List.of("ADMIN", "LEADING_GROUP_OFFICE"), rec.get("roles"));
        chain.refused("BAD_ARGUMENT", "platform", "registry", "setRoles", "signer", newcomer, "roles", List.of("COUNTY_HQ"));
        chain.refused("BAD_ARGUMENT", "platform", "registry", "setRoles", "signer", newcomer, "roles", List.of());
        chain.refused("WRONG_STATE", "platform", "registry", "setRoles", "signer", signer("platform").id(),
                "roles", List.of());
        chain.refused("FORBIDDEN", "bank", "registry", "setRoles", "signer", newcomer, "roles", List.of("ADMIN"));
        chain.refused("NOT_FOUND", "platform", "registry", "setRoles", "signer", signer("ghost").id(),
                "roles", List.of("ADMIN"));
    }

    @Test
    void disablingASignerShutsItOutOfEveryContract() {
        chain.refused("FORBIDDEN", "lgo", "registry", "disable", "signer", signer("bank").id());
        chain.ok("platform", "registry", "disable", "signer", signer("bank").id());
        assertTrue(Admission.lookup(chain.runtime.world(), signer("bank").id()).isEmpty());
        chain.refused("NOT_ADMITTED", "bank", "pressure", "add");
        chain.refused("WRONG_STATE", "platform", "registry", "disable", "signer", signer("platform").id());
        chain.refused("FORBIDDEN", "hq", "registry", "enable", "signer", signer("bank").id());
        chain.refused("NOT_FOUND", "platform", "registry", "enable", "signer", signer("ghost").id());
        chain.ok("platform", "registry", "enable", "signer", signer("bank").id());
        chain.okValue("bank", "pressure", "add");
    }

    @Test
    void organisationsRegisteredDisabledAndEnabled() {
        chain.refused("FORBIDDEN", "hq", "registry", "registerOrganisation", "id", "unit3", "name", "U3",
                "type", "IMPLEMENTATION_UNIT", "account", "ACC-U3");
        chain.ok("platform", "registry", "registerOrganisation", "id", "unit3", "name", "U3",
                "type", "IMPLEMENTATION_UNIT", "account", "ACC-U3");
        chain.refused("CONFLICT", "platform", "registry", "registerOrganisation", "id", "unit3", "name", "U3",
                "type", "IMPLEMENTATION_UNIT", "account", "ACC-U4");
        chain.refused("CONFLICT", "platform", "registry", "registerOrganisation", "id", "unit4", "name", "U4",
                "type", "IMPLEMENTATION_UNIT", "account", "ACC-U3");
        chain.refused("BAD_ARGUMENT", "platform", "registry", "registerOrganisation", "id", "unit 5", "name", "U5",
                "type", "IMPLEMENTATION_UNIT", "account", "ACC-U5");
        chain.refused("BAD_ARGUMENT", "platform", "registry", "registerOrganisation", "id", "unit5", "name", "U5",
                "type", "FARMER", "account", "ACC-U5");

        chain.refused("FORBIDDEN", "lgo", "registry", "disableOrganisation", "id", "cfin");
        chain.refused("NOT_FOUND", "platform", "registry", "disableOrganisation", "id", "nobody");
        chain.ok("platform", "registry", "disableOrganisation", "id", "cfin");
        chain.refused("NOT_ADMITTED", "cfin", "pressure", "add");
        assertTrue(Admission.lookup(chain.runtime.world(), signer("cfin").id()).isEmpty());
        chain.refused("WRONG_STATE", "platform", "registry", "disableOrganisation", "id", "platform");
        chain.ok("platform", "registry", "enableOrganisation", "id", "cfin");
        chain.okValue("cfin", "pressure", "add");
        assertEquals("unit3", chain.ok("bank", "registry", "organisation", "id", "unit3").get("id"));
        assertEquals("hq", chain.ok("bank", "registry", "signer", "signer", signer("hq").id()).get("org"));
        chain.refused("NOT_FOUND", "bank", "registry", "organisation", "id", "nobody");
        chain.refused("NOT_ADMITTED", "newcomer", "registry", "organisation", "id", "unit3");
    }

    /** The node's admission view and the contracts' Access read the same records. */
    @Test
    void admissionViewAgreesWithContractChecks() {
        for (String[] o : ChainFixture.ORGS) {
            Signer s = signer(o[0]);
            assertTrue(Admission.lookup(chain.runtime.world(), s.id()).isPresent());
            assertTrue(chain.tx(s, "pressure", "get", Args.of()).committed());
        }
    }

    // ------------------------------------------------------------------ registration spam and role requests

    private Receipt request(Signer who, String org, String name, List<String> roles) {
        return chain.tx(who, "registry", "requestRegistration", Args.of("org", org, "name", name, "roles", roles));
    }

    private static Signer fresh(int i) {
        return signer("spammer-" + i);
    }

    private long requestRecords() {
        return chain.runtime.world().scan("registry", "request/").size();
    }

    @Test
    void aRegistrationRequestMayNotAskForAdminOrATechnicalRole() {
        chain.refused("BAD_ARGUMENT", "newcomer", "registry", "requestRegistration", "org", "bank", "name", "teller",
                "roles", List.of("ADMIN", "COMMERCIAL_BANK"));
        chain.refused("BAD_ARGUMENT", "newcomer", "registry", "requestRegistration", "org", "bank", "name", "teller",
                "roles", List.of("ADMIN"));
        // the administrators' own organisation has no role a newcomer may ask for
        chain.refused("BAD_ARGUMENT", "newcomer", "registry", "requestRegistration", "org", "platform", "name", "x",
                "roles", List.of("ADMIN"));
        for (String technical : List.of("NODE", "LOAD")) {
            chain.refused("BAD_ARGUMENT", "newcomer", "registry", "requestRegistration", "org", "bank", "name", "x",
                    "roles", List.of(technical));
        }
        assertEquals(0, requestRecords());
        // the administrator may still grant ADMIN on approval (its own decision, not the requester's)
        assertTrue(request(signer("newcomer"), "bank", "teller", List.of("COMMERCIAL_BANK")).committed());
        chain.ok("platform", "registry", "approveRegistration", "signer", newcomer,
                "roles", List.of("ADMIN", "COMMERCIAL_BANK"));
    }

    @Test
    void oneKeyHasAtMostOneOpenRequest() {
        assertTrue(request(signer("newcomer"), "bank", "teller", List.of("COMMERCIAL_BANK")).committed());
        chain.refused("CONFLICT", "newcomer", "registry", "requestRegistration", "org", "unit", "name", "u",
                "roles", List.of("IMPLEMENTATION_UNIT"));
        chain.refused("CONFLICT", "newcomer", "registry", "requestRegistration", "org", "bank", "name", "teller 2",
                "roles", List.of("COMMERCIAL_BANK"));
        assertEquals(1, requestRecords());
    }

    @Test
    void requestFieldsAreBoundedInSize() {
        chain.refused("BAD_ARGUMENT", "newcomer", "registry", "requestRegistration", "org", "bank",
                "name", "n".repeat(101), "roles", List.of("COMMERCIAL_BANK"));
        chain.refused("BAD_ARGUMENT", "newcomer", "registry", "requestRegistration", "org", "bank", "name", "teller",
                "roles", java.util.Collections.nCopies(5, "COMMERCIAL_BANK"));
        chain.refused("BAD_ARGUMENT", "newcomer", "registry", "requestRegistration", "org", "b".repeat(65),
                "name", "teller", "roles", List.of("COMMERCIAL_BANK"));
        chain.refused("BAD_ARGUMENT", "newcomer", "registry", "requestRegistration", "org", "bank", "name", "teller",
                "roles", List.of("COMMERCIAL_BANK"), "note", "x".repeat(2000));
        assertEquals(0, requestRecords());
        assertTrue(request(signer("newcomer"), "bank", "n".repeat(100), List.of("COMMERCIAL_BANK")).committed());
    }

    /** The batch attack: a thousand fresh keys in one block (one batch request) store at most the cap. */
    @Test
    void openRequestsAreCappedInTotalWhateverTheBatch() {
        chain.height++;
        chain.time += 1000;
        int committed = 0;
        java.util.Set<String> refusals = new java.util.TreeSet<>();
        for (int i = 0; i < 1000; i++) {
            Receipt r = chain.runtime.execute(new TransactionCall("batch-" + i, fresh(i), "registry",
                    "requestRegistration", Args.of("org", "bank", "name", "spam " + i, "roles", List.of("COMMERCIAL_BANK"))),
                    chain.height, chain.time);
            if (r.committed()) {
                committed++;
            } else {
                refusals.add(r.errorCode());
            }
        }
        assertEquals(100, committed, "open registration requests are capped");
        assertEquals(java.util.Set.of("REGISTRATIONS_FULL"), refusals);
        assertEquals(100, requestRecords());
        // full means full for everyone, with a clear code, and changes nothing
        chain.refused("REGISTRATIONS_FULL", "newcomer", "registry", "requestRegistration", "org", "bank",
                "name", "teller", "roles", List.of("COMMERCIAL_BANK"));
        // the administrator clears spam by rejecting it, which frees the slot at once
        chain.ok("platform", "registry", "rejectRegistration", "signer", fresh(0).id(), "reason", "spam");
        assertTrue(request(signer("newcomer"), "bank", "teller", List.of("COMMERCIAL_BANK")).committed());
        // and the administrator's direct path never depends on the request queue
        chain.ok("platform", "registry", "admit", "signer", signer("direct").id(), "org", "lgo", "name", "d",
                "roles", List.of("LEADING_GROUP_OFFICE"));
    }

    @Test
    void requestsExpireByBlockTime() {
        for (int i = 0; i < 100; i++) {
            assertTrue(request(fresh(i), "bank", "spam " + i, List.of("COMMERCIAL_BANK")).committed());
        }
        chain.refused("REGISTRATIONS_FULL", "newcomer", "registry", "requestRegistration", "org", "bank",
                "name", "teller", "roles", List.of("COMMERCIAL_BANK"));
        chain.advance(7 * ChainFixture.DAY);
        // an expired request can no longer be approved, and the key stays out
        chain.refused("EXPIRED", "platform", "registry", "approveRegistration", "signer", fresh(0).id());
        assertTrue(Admission.lookup(chain.runtime.world(), fresh(0).id()).isEmpty());
        // the next request purges every expired one: the queue is free again and the state is small
        assertTrue(request(signer("newcomer"), "bank", "teller", List.of("COMMERCIAL_BANK")).committed());
        assertEquals(1, requestRecords());
        // a key whose request expired may ask again
        assertTrue(request(fresh(1), "bank", "again", List.of("COMMERCIAL_BANK")).committed());
        chain.ok("platform", "registry", "approveRegistration", "signer", fresh(1).id());
    }

    @Test
    void rejectedRequestsExpireToo() {
        assertTrue(request(signer("newcomer"), "bank", "teller", List.of("COMMERCIAL_BANK")).committed());
        chain.ok("platform", "registry", "rejectRegistration", "signer", newcomer, "reason", "unknown");
        assertEquals(1, requestRecords(), "the rejection stays readable for a while");
        chain.advance(7 * ChainFixture.DAY);
        assertTrue(request(fresh(1), "bank", "other", List.of("COMMERCIAL_BANK")).committed());
        assertEquals(1, requestRecords(), "the expired rejection was purged");
    }

    // ------------------------------------------------------------------ least privilege: NODE and LOAD

    @Test
    void aNodeKeySignsTheSweepAndNothingElse() {
        Signer node = signer("node0");
        chain.ok("platform", "registry", "admit", "signer", node.id(), "org", "lgo", "name", "node node0",
                "roles", List.of("NODE"));
        String p = chain.applyProject();
        chain.refused("FORBIDDEN", "node0", "project", "approve", "projectId", p);
        chain.refused("FORBIDDEN", "node0", "reconciliation", "pushFlow", "serialNumber", "S1", "amount", "1.00",
                "payerAccount", "ACC-LP", "payeeAccount", "ACC-CFC", "remitTime", chain.time, "memo", "m");
        chain.refused("FORBIDDEN", "node0", "pressure", "add");
        chain.refused("FORBIDDEN", "node0", "project", "query", "projectId", p);
        chain.refused("FORBIDDEN", "node0", "reconciliation", "alerts", "limit", 10L);
        chain.refused("FORBIDDEN", "node0", "registry", "signer", "signer", node.id());
        chain.refused("FORBIDDEN", "node0", "registry", "admit", "signer", newcomer, "org", "lgo", "name", "n",
                "roles", List.of("LEADING_GROUP_OFFICE"));
        Receipt sweep = chain.tx(node, "reconciliation", "sweep", Args.of());
        assertTrue(sweep.committed(), sweep::toString);
    }

    @Test
    void theLoadClientCallsThePressureContractOnly() {
        Signer client = signer("demo-client");
        chain.ok("platform", "registry", "admit", "signer", client.id(), "org", "bank", "name", "demo-client",
                "roles", List.of("LOAD"));
        assertTrue(chain.tx(client, "pressure", "add", Args.of()).committed());
        assertTrue(chain.tx(client, "pressure", "get", Args.of()).committed());
        String d = chain.approvedDraft();
        String p = "P" + d.substring(1);
        chain.refused("FORBIDDEN", "demo-client", "reconciliation", "pushFlow", "serialNumber", "S1", "amount", "1.00",
                "payerAccount", "ACC-LP", "payeeAccount", "ACC-CFC", "remitTime", chain.time, "memo", "m");
        chain.refused("FORBIDDEN", "demo-client", "project", "approve", "projectId", chain.applyProject());
        chain.refused("FORBIDDEN", "demo-client", "draft", "query", "draftId", d);
        chain.refused("FORBIDDEN", "demo-client", "project", "query", "projectId", p);
        chain.refused("FORBIDDEN", "demo-client", "fundraising", "contribute", "projectId", p, "tranche", "FINANCIAL",
                "amount", "1.00");
        chain.refused("FORBIDDEN", "demo-client", "reconciliation", "sweep");
        chain.refused("FORBIDDEN", "demo-client", "registry", "organisation", "id", "bank");
    }

    @Test
    void technicalRolesAreHeldAloneAndAreNoOrganisationType() {
        for (List<String> roles : List.of(List.of("NODE", "ADMIN"), List.of("NODE", "LEADING_GROUP_OFFICE"),
                List.of("LOAD", "NODE"), List.of("LOAD", "COMMERCIAL_BANK"))) {
            chain.refused("BAD_ARGUMENT", "platform", "registry", "admit", "signer", newcomer, "org",
                    roles.contains("COMMERCIAL_BANK") ? "bank" : "lgo", "name", "n", "roles", roles);
        }
        chain.refused("BAD_ARGUMENT", "platform", "registry", "registerOrganisation", "id", "nodes", "name", "N",
                "type", "NODE", "account", "ACC-N");
        chain.refused("BAD_ARGUMENT", "platform", "registry", "registerOrganisation", "id", "load", "name", "L",
                "type", "LOAD", "account", "ACC-L");
        chain.ok("platform", "registry", "admit", "signer", newcomer, "org", "lgo", "name", "n", "roles", List.of("NODE"));
        chain.refused("BAD_ARGUMENT", "platform", "registry", "setRoles", "signer", newcomer,
                "roles", List.of("NODE", "LEADING_GROUP_OFFICE"));
    }

    /** Error codes as constants, to keep the test readable. */
    static final class ContractExceptionCodes {
        static final String CONFLICT = "CONFLICT";
    }
}
