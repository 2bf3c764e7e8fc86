package org.fundchain.node;

import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;

import jakarta.enterprise.context.ApplicationScoped;

/**
 * The node's life-cycle state as health checks, the request gate and resources see it. Set once by
 * {@link NodeStartup}; READY carries the verified identity, FAILED the reason.
 */
@ApplicationScoped
public class NodeState {
    public enum Phase {
        STARTING, READY, FAILED
    }

    private record Snapshot(Phase phase, NodeIdentity identity, String reason) {
    }

    private final AtomicReference<Snapshot> current = new AtomicReference<>(new Snapshot(Phase.STARTING, null, "starting"));

    public Phase phase() {
        return current.get().phase();
    }

    public String reason() {
        return current.get().reason();
    }

    public Optional<NodeIdentity> identity() {
        return Optional.ofNullable(current.get().identity());
    }

    public boolean ready() {
        return phase() == Phase.READY;
    }

    void ready(NodeIdentity identity) {
        current.set(new Snapshot(Phase.READY, identity, "ready"));
    }

    void failed(String reason) {
        current.set(new Snapshot(Phase.FAILED, null, reason));
    }
}
