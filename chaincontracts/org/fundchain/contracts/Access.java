package org.fundchain.contracts;

import java.util.List;
import java.util.SortedMap;

import org.fundchain.contract.api.ContractContext;
import org.fundchain.contract.api.ContractException;
import org.fundchain.contract.api.State;

/**
 * Permission checks every contract makes, against the one source of truth: the {@code registry} contract's
 * state ({@code signer/<id>} and {@code org/<id>}).
 */
final class Access {

    private Access() {
    }

    /**
     * The signer's record if it is admitted and enabled (and so is its organisation) and holds a business role
     * (one of SPEC §1.2's nine) or one of {@code alsoAllowed}; refuses otherwise. A key holding only a technical
     * role (NODE, LOAD) is refused FORBIDDEN by every business method, reads included.
     */
    static SortedMap<String, Object> admitted(ContractContext ctx, Role... alsoAllowed) {
        SortedMap<String, Object> signer = enabledSigner(ctx);
        List<?> roles = (List<?>) signer.get("roles");
        for (Object r : roles) {
            Role role = Role.parse(r);
            if (role.isBusiness() || List.of(alsoAllowed).contains(role)) {
                return signer;
            }
        }
        throw ContractException.forbidden("role " + roles + " carries no business"
                + (alsoAllowed.length == 0 ? "" : " and is none of " + List.of(alsoAllowed)));
    }

    /** Like {@link #admitted} and the signer must hold one of the roles. */
    static SortedMap<String, Object> require(ContractContext ctx, String operation, Role... allowed) {
        SortedMap<String, Object> signer = enabledSigner(ctx);
        List<?> roles = (List<?>) signer.get("roles");
        for (Role r : allowed) {
            if (roles.contains(r.name())) {
                return signer;
            }
        }
        throw ContractException.forbidden("role " + roles + " may not " + operation + " (needs one of "
                + List.of(allowed) + ")");
    }

    /** The signer's record if it is admitted and enabled (and so is its organisation), whatever its roles. */
    private static SortedMap<String, Object> enabledSigner(ContractContext ctx) {
        if (ctx.signer() == null) {
            throw new ContractException(ContractException.NOT_ADMITTED, "a signer is required");
        }
        State registry = ctx.stateOf(RegistryContract.NAME);
        SortedMap<String, Object> signer = registry.getObject(RegistryContract.signerKey(ctx.signer().id()));
        if (signer == null || !Boolean.TRUE.equals(signer.get("enabled"))) {
            throw new ContractException(ContractException.NOT_ADMITTED,
                    "signer " + ctx.signer().id() + " is not an admitted, enabled identity");
        }
        SortedMap<String, Object> org = registry.getObject(RegistryContract.orgKey((String) signer.get("org")));
        if (org == null || !Boolean.TRUE.equals(org.get("enabled"))) {
            throw new ContractException(ContractException.NOT_ADMITTED,
                    "organisation " + signer.get("org") + " of signer " + ctx.signer().id() + " is disabled");
        }
        return signer;
    }

    /** The signer's organisation id, after {@link #require}. */
    static String org(SortedMap<String, Object> signer) {
        return (String) signer.get("org");
    }

    /** Refuses unless the current call comes from the named contract (internal methods). */
    static void requireCaller(ContractContext ctx, String contract, String operation) {
        if (!contract.equals(ctx.caller())) {
            throw ContractException.forbidden(operation + " may only be called by the " + contract + " contract");
        }
    }

    /** The organisation record from the registry, or a NOT_FOUND refusal. */
    static SortedMap<String, Object> organisation(ContractContext ctx, String orgId) {
        SortedMap<String, Object> org = ctx.stateOf(RegistryContract.NAME).getObject(RegistryContract.orgKey(orgId));
        if (org == null) {
            throw ContractException.notFound("no organisation '" + orgId + "'");
        }
        return org;
    }
}
