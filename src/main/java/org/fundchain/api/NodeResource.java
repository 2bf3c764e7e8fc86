package org.fundchain.api;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.fundchain.node.NodeState;

/** {@code GET /api/v1/node}: who this node is, its chains and its peers (ARCHITECTURE §5). */
@Path("v1/node")
@RequestScoped
public class NodeResource {
    @Inject
    NodeState state;

    @Inject
    org.fundchain.node.NodeRuntime runtime;

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    public Response get() {
        return state.identity()
                .map(id -> Response.ok(NodeView.json(id, runtime.chainStatus(), runtime.peerStatus())).build())
                .orElseGet(() -> ApiOutcome.BUSY.error("node identity not verified yet"));
    }
}
