package org.fundchain.client;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.fundchain.crypto.CryptoSuite;
import org.fundchain.crypto.PublicKey;
import org.fundchain.genesis.ChainSpec;
import org.fundchain.genesis.Genesis;
import org.fundchain.genesis.GenesisCodec;
import org.fundchain.genesis.Member;
import org.fundchain.ledger.MemberKeys;

/**
 * What a client needs to know about the consortium, read from its genesis document: the suite, each
 * node's API base URL and the member keys in chain order (to check signed receipts).
 */
public record Consortium(CryptoSuite suite, List<String> nodeIds, List<URI> nodes, List<PublicKey> keys, int f) {

    public static Consortium fromGenesis(Path genesisJson, String chain) throws IOException {
        Genesis g = GenesisCodec.decode(Files.readAllBytes(genesisJson));
        ConsortiumTrust.trust(g); // the nodes' API certificates come from this consortium's TLS CA
        ChainSpec spec = g.chain(chain).orElseThrow(() -> new IllegalArgumentException("genesis has no chain '" + chain + "'"));
        List<String> ids = new ArrayList<>();
        List<URI> uris = new ArrayList<>();
        List<PublicKey> keys = new ArrayList<>();
        for (String id : spec.members()) {
            Member m = g.member(id).orElseThrow();
            ids.add(id);
            String api = m.apiUrl();
            uris.add(URI.create(api.endsWith("/api") ? api.substring(0, api.length() - 4) + "/" : api));
            keys.add(m.publicKey());
        }
        return new Consortium(g.suite(), ids, uris, keys, (ids.size() - 1) / 3);
    }

    public MemberKeys memberKeys() {
        return new MemberKeys(keys);
    }
}
