package org.fundchain.genesis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;

import org.fundchain.crypto.CryptoSuite;
import org.junit.jupiter.api.Test;

class RoleTest {

    /** Genesis and the contracts name the same roles, in the same order, with the same business/technical split. */
    @Test
    void genesisRolesAreTheContractsRoles() {
        assertEquals(Arrays.stream(org.fundchain.contracts.Role.values()).map(Enum::name).toList(),
                Arrays.stream(Role.values()).map(Enum::name).toList());
        for (Role r : Role.values()) {
            assertEquals(org.fundchain.contracts.Role.valueOf(r.name()).isBusiness(), r.isBusiness(), r.name());
        }
        assertEquals(List.of("NODE", "LOAD"), Arrays.stream(Role.values()).filter(r -> !r.isBusiness()).map(Enum::name).toList());
    }

    /** A technical role is nobody's organisation type and no demo user's; a client holds LOAD or its org's role. */
    @Test
    void genesisRefusesTechnicalRolesWhereTheyDoNotBelong() {
        TestConsortium c = new TestConsortium(CryptoSuite.STANDARD);
        Genesis g = c.genesis();
        GenesisRules.check(g);
        List<Organisation> orgs = new java.util.ArrayList<>(g.organisations());
        orgs.set(0, new Organisation("org0", "Org 0", Role.NODE, "node0"));
        GenesisException e = assertThrows(GenesisException.class, () -> GenesisRules.check(with(g, orgs, g.users(), g.clients())));
        assertTrue(e.getMessage().contains("no organisation type"), e.getMessage());
        DemoUser u = g.users().get(0);
        List<DemoUser> users = List.of(new DemoUser(u.username(), u.displayName(), Role.LOAD, u.organisation(), u.publicKey()));
        assertThrows(GenesisException.class, () -> GenesisRules.check(with(g, g.organisations(), users, g.clients())));
        AdmittedClient cl = g.clients().get(0);
        for (Role bad : List.of(Role.NODE, Role.ADMIN, Role.IMPLEMENTATION_UNIT)) {
            List<AdmittedClient> clients = List.of(new AdmittedClient(cl.id(), cl.organisation(), bad, cl.publicKey()));
            assertThrows(GenesisException.class, () -> GenesisRules.check(with(g, g.organisations(), g.users(), clients)), bad.name());
        }
        Role own = g.organisation(cl.organisation()).orElseThrow().role();
        GenesisRules.check(with(g, g.organisations(), g.users(),
                List.of(new AdmittedClient(cl.id(), cl.organisation(), own, cl.publicKey()))));
    }

    private static Genesis with(Genesis g, List<Organisation> orgs, List<DemoUser> users, List<AdmittedClient> clients) {
        return new Genesis(g.format(), g.consortium(), g.suite(), g.createdAt(), g.caCertificatePem(), g.tlsCaCertificatePem(), orgs, g.members(),
                g.chains(), users, clients);
    }
}
