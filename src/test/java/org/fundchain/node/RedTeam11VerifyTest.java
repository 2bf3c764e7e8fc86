package org.fundchain.node;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.Method;
import java.util.Arrays;
import java.util.Set;

import org.fundchain.api.ChainResource;
import org.fundchain.fund.ChainAccess;
import org.fundchain.fund.Viewer;
import org.junit.jupiter.api.Test;

/**
 * Red team (issue 11 item 7 / Deliver): "GET /verify ... streams the chain instead of loading it, and requires a
 * member or signed read". ChainResource.verify(String chain) takes neither the request's headers nor its URI, so it
 * cannot check a read signature: any anonymous GET runs the whole verification (every block decoded into one list,
 * then every certificate and client signature checked) — a CPU and memory amplifier for anyone on the network.
 * (A JAX-RS runtime is not on the unit-test class path, so the resource's signature is what is checked here.)
 */
class RedTeam11VerifyTest {
    @Test
    void verifyEndpointCanAuthenticateItsReader() {
        Method verify = Arrays.stream(ChainResource.class.getMethods()).filter(m -> m.getName().equals("verify")).findFirst()
                .orElseThrow();
        boolean seesHeaders = Arrays.stream(verify.getParameterTypes())
                .anyMatch(t -> t == jakarta.ws.rs.core.HttpHeaders.class || t == jakarta.ws.rs.container.ContainerRequestContext.class);
        assertTrue(seesHeaders, "GET /verify is " + verify + ": it cannot see a read signature, so it serves anyone");
    }

    @Test
    void onlyMemberNodesAndAdmittedSignersMayVerify() {
        assertFalse(ChainAccess.mayVerify(ChainAccess.Reader.ANONYMOUS));
        assertFalse(ChainAccess.mayVerify(ChainAccess.Reader.signer(new Viewer("ed25519:aa", null, null, null, Set.of()))),
                "a bare key holder (valid read signature, not admitted)");
        assertTrue(ChainAccess.mayVerify(ChainAccess.Reader.signer(new Viewer("ed25519:bb", "bank", "COMMERCIAL_BANK", null,
                Set.of("COMMERCIAL_BANK")))));
        assertTrue(ChainAccess.mayVerify(ChainAccess.Reader.MEMBER_NODE));
    }
}
