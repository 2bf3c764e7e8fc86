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

    /** Error codes as constants, to keep the test readable. */
    static final class ContractExceptionCodes {
        static final String CONFLICT = "CONFLICT";
    }
}
