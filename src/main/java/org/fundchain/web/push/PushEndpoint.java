package org.fundchain.web.push;

import java.security.Principal;

import jakarta.enterprise.inject.spi.CDI;
import jakarta.websocket.CloseReason;
import jakarta.websocket.EndpointConfig;
import jakarta.websocket.OnClose;
import jakarta.websocket.OnError;
import jakarta.websocket.OnMessage;
import jakarta.websocket.OnOpen;
import jakarta.websocket.Session;
import jakarta.websocket.server.ServerEndpoint;

import org.fundchain.security.PushIdentity;

/** The browser's live-notification socket ({@code /push}); only the server speaks, clients are not listened to. */
@ServerEndpoint(value = "/push", configurator = PushHandshake.class)
public class PushEndpoint {

    private static PushHub hub() {
        return CDI.current().select(PushHub.class).get();
    }

    @OnOpen
    public void open(Session session, EndpointConfig config) throws java.io.IOException {
        Object id = config.getUserProperties().remove(PushHandshake.IDENTITY);
        Principal caller = session.getUserPrincipal();
        if (!(id instanceof PushIdentity identity) || (caller != null && !caller.getName().equals(identity.username()))) {
            session.close(new CloseReason(CloseReason.CloseCodes.VIOLATED_POLICY, "sign in first"));
            return;
        }
        session.setMaxIdleTimeout(0);
        session.setMaxTextMessageBufferSize(256);
        hub().join(session, identity);
    }

    @OnMessage
    public void message(Session session, String text) {
        // Nothing to receive: keep-alive pings from the browser are simply ignored.
    }

    @OnClose
    public void close(Session session) {
        hub().leave(session);
    }

    @OnError
    public void error(Session session, Throwable t) {
        hub().leave(session);
    }
}
