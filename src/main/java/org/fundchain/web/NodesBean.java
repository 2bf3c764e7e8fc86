package org.fundchain.web;

import java.util.List;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;

import org.fundchain.node.NodeIdentity;
import org.fundchain.node.NodeRuntime;
import org.fundchain.node.NodeState;
import org.fundchain.peer.PeerNetwork;

/** This node's identity and its peer links, for the explorer's node page. */
@Named
@RequestScoped
public class NodesBean {
    @Inject
    NodeState state;

    @Inject
    NodeRuntime runtime;

    public NodeIdentity getSelf() {
        return state.identity().orElse(null);
    }

    public List<PeerNetwork.PeerStatus> getPeers() {
        return runtime.peerStatus();
    }
}
