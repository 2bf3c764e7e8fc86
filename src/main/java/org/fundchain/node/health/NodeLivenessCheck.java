package org.fundchain.node.health;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Liveness;
import org.fundchain.node.NodeState;

/**
 * Alive while starting or ready. A node that refused to start (FAILED) is reported DOWN: it is not doing
 * its job and will not recover by itself; the reason is in the data and in the log.
 */
@Liveness
@ApplicationScoped
public class NodeLivenessCheck implements HealthCheck {
    @Inject
    NodeState state;

    @Override
    public HealthCheckResponse call() {
        boolean failed = state.phase() == NodeState.Phase.FAILED;
        return HealthCheckResponse.named("fundchain-node")
                .status(!failed)
                .withData("state", state.phase().name())
                .withData("reason", state.reason())
                .build();
    }
}
