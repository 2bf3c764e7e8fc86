package org.fundchain.genesis;

import java.util.List;
import java.util.Optional;

import org.fundchain.crypto.CryptoSuite;

/**
 * The consortium's founding document: who the members are, which chains exist with which parameters,
 * which organisations, demo users and API clients are admitted, and which crypto suite everyone uses.
 * Its canonical JSON bytes are hashed (the genesis hash every node pins) and signed by the consortium CA.
 * Instances are only built through {@link GenesisCodec}/{@link GenesisRules}, so they are consistent.
 */
public record Genesis(String format, String consortium, CryptoSuite suite, long createdAt, String caCertificatePem,
        String tlsCaCertificatePem, List<Organisation> organisations, List<Member> members, List<ChainSpec> chains, List<DemoUser> users,
        List<AdmittedClient> clients) {

    /** Version 2 added the TLS CA ({@code tlsCaCertificate}), which issues every node's TLS certificate. */
    public static final String FORMAT = "fundchain-genesis/2";

    public Genesis {
        organisations = List.copyOf(organisations);
        members = List.copyOf(members);
        chains = List.copyOf(chains);
        users = List.copyOf(users);
        clients = List.copyOf(clients);
    }

    public Optional<Member> member(String nodeId) {
        return members.stream().filter(m -> m.nodeId().equals(nodeId)).findFirst();
    }

    public Optional<Organisation> organisation(String id) {
        return organisations.stream().filter(o -> o.id().equals(id)).findFirst();
    }

    public Optional<ChainSpec> chain(String id) {
        return chains.stream().filter(c -> c.id().equals(id)).findFirst();
    }
}
