package org.fundchain.security;

import java.util.List;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.fundchain.fund.FundQueries;
import org.fundchain.fund.OrganisationView;
import org.fundchain.fund.Viewer;

/**
 * Who a signer is right now, from the committed {@code registry} state of the main chain (through the read
 * model): admitted and enabled, organisation enabled, its roles. The portal asks at sign-in and on every page
 * request, so disabling a signer or its organisation on chain locks the user out at once.
 */
@ApplicationScoped
public class RegistryIdentities {
    public static final String CHAIN = "main";

    /** An admitted signer as the portal shows it; {@code viewer} scopes what the user may read. */
    public record Identity(String signerId, String organisation, String organisationName, List<String> roles,
            Viewer viewer) {
    }

    @Inject
    FundQueries queries;

    public Optional<Identity> lookup(String signerId) {
        if (signerId == null) {
            return Optional.empty();
        }
        return queries.viewer(CHAIN, signerId).map(v -> new Identity(signerId, v.org(), organisationName(v.org()),
                v.roles().stream().sorted().toList(), v));
    }

    public String organisationName(String orgId) {
        return queries.organisation(CHAIN, orgId).map(OrganisationView::name).orElse(orgId);
    }
}
