package org.fundchain.peer;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Holds this node's {@link PeerNetwork} for the WebSocket endpoint. The node runtime creates and starts
 * the network once the genesis and the node key are verified; until then inbound links are refused.
 */
@ApplicationScoped
public class PeerService {
    private volatile PeerNetwork network;

    public PeerNetwork network() {
        return network;
    }

    public synchronized void start(PeerNetwork n) {
        if (network != null) {
            throw new IllegalStateException("peer network already started");
        }
        network = n;
        n.start();
    }

    @PreDestroy
    synchronized void stop() {
        if (network != null) {
            network.stop();
        }
    }
}
