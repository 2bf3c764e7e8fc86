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
 * The JSON of {@code GET /api/v1/node}: identity from the verified genesis, each chain's live consensus
 * status (height, view, primary, head hash) and each peer's link state.
 */
public final class NodeView {
    private NodeView() {
    }

    public static String json(NodeIdentity id, java.util.Map<String, org.fundchain.node.ChainRuntime.Status> chainStatus,
            List<org.fundchain.peer.PeerNetwork.PeerStatus> links) {
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
            chains.add(chain(c, id, chainStatus.get(c.id())));
        }
        m.put("chains", chains);
        List<Object> peers = new ArrayList<>();
        for (Member p : id.peers()) {
            SortedMap<String, Object> pm = new TreeMap<>();
            pm.put("nodeId", p.nodeId());
            pm.put("organisation", p.organisation());
            pm.put("peerUrl", p.peerUrl());
            pm.put("apiUrl", p.apiUrl());
            var link = links.stream().filter(ps -> ps.nodeId().equals(p.nodeId())).findFirst();
            pm.put("connected", link.map(l -> l.outbound() && l.inbound()).orElse(Boolean.FALSE));
            pm.put("outbound", link.map(l -> l.outbound()).orElse(Boolean.FALSE));
            pm.put("inbound", link.map(l -> l.inbound()).orElse(Boolean.FALSE));
            link.map(l -> l.lastError()).ifPresent(e -> pm.put("lastError", e));
            peers.add(pm);
        }
        m.put("peers", peers);
        return Json.write(m);
    }

    private static SortedMap<String, Object> chain(ChainSpec c, NodeIdentity id, org.fundchain.node.ChainRuntime.Status st) {
        SortedMap<String, Object> cm = new TreeMap<>();
        cm.put("id", c.id());
        cm.put("members", new ArrayList<Object>(c.members()));
        cm.put("member", c.members().contains(id.nodeId()));
        if (st == null) {
            cm.put("running", Boolean.FALSE);
            return cm;
        }
        cm.put("running", st.running());
        cm.put("height", st.height());
        cm.put("view", st.view());
        cm.put("primary", st.primaryNode());
        cm.put("lastBlockHash", st.headHash());
        cm.put("stateRoot", st.stateRoot());
        cm.put("inViewChange", st.inViewChange());
        cm.put("pending", (long) st.pending());
        cm.put("stableCheckpoint", st.stableCheckpoint());
        cm.put("networkHeight", st.networkHeight()); // the height f+1 members have shown: catch-up progress
        cm.put("behind", st.behind());
        if (st.failure() != null) {
            cm.put("failure", st.failure());
        }
        return cm;
    }
}
