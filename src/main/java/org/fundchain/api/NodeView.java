package org.fundchain.api;

import java.util.ArrayList;
import java.util.List;
import java.util.SortedMap;
import java.util.TreeMap;

import org.fundchain.codec.Base64Url;
import org.fundchain.codec.Json;
import org.fundchain.genesis.ChainSpec;
import org.fundchain.genesis.Member;
import org.fundchain.node.NodeIdentity;

/**
 * The JSON of {@code GET /api/v1/node}. Until the ledger and consensus run, chain figures are the genesis
 * values and say so ({@code "source": "genesis"}); peers are reported not connected because no peer link
 * exists yet. Nothing here is invented.
 */
public final class NodeView {
    private NodeView() {
    }

    public static String json(NodeIdentity id) {
        SortedMap<String, Object> m = new TreeMap<>();
        m.put("nodeId", id.nodeId());
        m.put("organisation", id.organisation());
        id.genesis().organisation(id.organisation()).ifPresent(o -> m.put("organisationName", o.name()));
        m.put("consortium", id.genesis().consortium());
        m.put("cryptoSuite", id.genesis().suite().name());
        m.put("genesisHash", id.genesisHash());
        m.put("publicKey", Base64Url.encode(id.self().publicKey().raw()));
        m.put("alg", id.self().publicKey().algorithm().jsonName());
        List<Object> chains = new ArrayList<>();
        for (ChainSpec c : id.genesis().chains()) {
            chains.add(chain(c, id));
        }
        m.put("chains", chains);
        List<Object> peers = new ArrayList<>();
        for (Member p : id.peers()) {
            SortedMap<String, Object> pm = new TreeMap<>();
            pm.put("nodeId", p.nodeId());
            pm.put("organisation", p.organisation());
            pm.put("peerUrl", p.peerUrl());
            pm.put("apiUrl", p.apiUrl());
            pm.put("connected", Boolean.FALSE);
            peers.add(pm);
        }
        m.put("peers", peers);
        return Json.write(m);
    }

    private static SortedMap<String, Object> chain(ChainSpec c, NodeIdentity id) {
        long height = 0;
        long view = 0;
        SortedMap<String, Object> cm = new TreeMap<>();
        cm.put("id", c.id());
        cm.put("height", height);
        cm.put("view", view);
        // Base rotation (SPEC §2): primary = (h - v) mod N over the chain's member order.
        int n = c.members().size();
        cm.put("primary", c.members().get((int) Math.floorMod(height - view, (long) n)));
        cm.put("lastBlockHash", id.genesisHash());
        cm.put("source", "genesis");
        cm.put("note", "ledger and consensus not running yet: height, view and lastBlockHash are the genesis values");
        cm.put("members", new ArrayList<Object>(c.members()));
        cm.put("member", c.members().contains(id.nodeId()));
        return cm;
    }
}
