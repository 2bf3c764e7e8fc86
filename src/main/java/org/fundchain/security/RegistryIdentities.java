package org.fundchain.security;

import java.util.List;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.fundchain.contract.Admission;
import org.fundchain.genesis.Organisation;
import org.fundchain.node.ChainRuntime;
import org.fundchain.node.NodeRuntime;
import org.fundchain.node.NodeState;

/**
 * Who a signer is right now, from the committed {@code registry} state of the main chain: admitted and enabled,
 * organisation enabled, its roles. The portal asks at sign-in and on every page request, so disabling a signer
 * or its organisation on chain locks the user out at once.
 */
@ApplicationScoped
public class RegistryIdentities {
    public static final String CHAIN = "main";

    /** An admitted signer as the portal shows it. */
    public record Identity(String signerId, String organisation, String organisationName, List<String> roles) {
    }

    @Inject
    NodeRuntime runtime;

    @Inject
    NodeState node;

    public Optional<Identity> lookup(String signerId) {
        Optional<ChainRuntime> chain = runtime.chain(CHAIN);
        if (chain.isEmpty()) {
            return Optional.empty();
        }
        Optional<Admission.AdmittedSigner> s = chain.get().admitted(signerId);
        return s.map(a -> new Identity(a.id(), a.org(), organisationName(a.org()), a.roles()));
    }

    /** The organisation's name from genesis; organisations registered later show their id. */
    public String organisationName(String orgId) {
        return node.identity().flatMap(id -> id.genesis().organisation(orgId)).map(Organisation::name).orElse(orgId);
    }
}
