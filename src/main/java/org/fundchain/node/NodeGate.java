package org.fundchain.node;

import java.io.IOException;
import java.util.SortedMap;
import java.util.TreeMap;

import jakarta.inject.Inject;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.annotation.WebFilter;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.fundchain.codec.Json;

/**
 * Serves nothing of the application until the node is READY: a node whose genesis or key did not verify
 * must not answer API or portal requests. Health endpoints live outside the WAR and stay reachable.
 */
@WebFilter(urlPatterns = "/*", asyncSupported = true)
public class NodeGate extends HttpFilter {
    private static final long serialVersionUID = 1L;

    @Inject
    transient NodeState state;

    @Override
    protected void doFilter(HttpServletRequest req, HttpServletResponse res, FilterChain chain)
            throws IOException, ServletException {
        if (state.ready()) {
            chain.doFilter(req, res);
            return;
        }
        SortedMap<String, Object> body = new TreeMap<>();
        body.put("error", "node not ready");
        body.put("state", state.phase().name());
        body.put("reason", state.reason());
        res.setStatus(HttpServletResponse.SC_SERVICE_UNAVAILABLE);
        res.setHeader("Retry-After", "5");
        res.setContentType("application/json;charset=UTF-8");
        res.getOutputStream().write(Json.writeBytes(body));
    }
}
