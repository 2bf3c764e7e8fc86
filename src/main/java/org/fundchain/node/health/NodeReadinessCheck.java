package org.fundchain.node.health;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Readiness;
import org.fundchain.node.NodeState;

/** Ready only once genesis, key and database verified; otherwise DOWN with the state and the reason. */
@Readiness
@ApplicationScoped
public class NodeReadinessCheck implements HealthCheck {
    @Inject
    NodeState state;

    @Override
    public HealthCheckResponse call() {
        HealthCheckResponseBuilder b = HealthCheckResponse.named("fundchain-node")
                .status(state.ready())
                .withData("state", state.phase().name());
        state.identity().ifPresentOrElse(
                id -> b.withData("nodeId", id.nodeId()).withData("genesisHash", id.genesisHash()),
                () -> b.withData("reason", state.reason()));
        return b.build();
    }
}
