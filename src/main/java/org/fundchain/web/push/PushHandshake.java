package org.fundchain.web.push;

import java.net.URI;
import java.util.List;

import jakarta.servlet.http.HttpSession;
import jakarta.websocket.HandshakeResponse;
import jakarta.websocket.server.HandshakeRequest;
import jakarta.websocket.server.ServerEndpointConfig;

import org.fundchain.security.PushIdentity;

/**
 * Authenticates a push connection by its HTTP session (the portal's session cookie): the signed-in user's
 * {@link PushIdentity} goes into the connection's user properties. A handshake from another site (Origin host
 * differs from Host) gets no identity, so a foreign page cannot listen with the user's cookie.
 */
public class PushHandshake extends ServerEndpointConfig.Configurator {
    static final String IDENTITY = "identity";

    @Override
    public void modifyHandshake(ServerEndpointConfig config, HandshakeRequest request, HandshakeResponse response) {
        config.getUserProperties().remove(IDENTITY);
        Object s = request.getHttpSession();
        if (!(s instanceof HttpSession session) || !sameOrigin(request)) {
            return;
        }
        try {
            Object id = session.getAttribute(PushIdentity.SESSION_ATTRIBUTE);
            if (id instanceof PushIdentity p) {
                config.getUserProperties().put(IDENTITY, p);
            }
        } catch (IllegalStateException invalidated) {
            // the session ended meanwhile: no identity
        }
    }

    private static boolean sameOrigin(HandshakeRequest request) {
        List<String> origin = request.getHeaders().get("Origin");
        List<String> host = request.getHeaders().get("Host");
        if (origin == null || origin.isEmpty()) {
            return true; // not a browser page (browsers always send Origin on WebSocket handshakes)
        }
        if (host == null || host.isEmpty()) {
            return false;
        }
        try {
            URI o = URI.create(origin.get(0));
            String hostPort = o.getPort() < 0 ? o.getHost() : o.getHost() + ":" + o.getPort();
            return hostPort != null && hostPort.equalsIgnoreCase(host.get(0));
        } catch (IllegalArgumentException e) {
            return false;
        }
    }
}
