package org.fundchain.peer;

import java.util.logging.Logger;

import jakarta.enterprise.inject.spi.CDI;
import jakarta.websocket.CloseReason;
import jakarta.websocket.OnClose;
import jakarta.websocket.OnError;
import jakarta.websocket.OnMessage;
import jakarta.websocket.OnOpen;
import jakarta.websocket.Session;
import jakarta.websocket.server.ServerEndpoint;

/**
 * Inbound peer links at {@code /peer}. Binary messages arrive in pieces of at most the container buffer
 * ({@link PeerLimits#containerBufferBytes()}) and {@link PeerSession} assembles them under its limit: a few
 * kilobytes until the peer proves its node key, the largest block frame after. Nothing larger is ever buffered.
 */
@ServerEndpoint("/peer")
public class PeerServerEndpoint {
    private static final Logger LOG = Logger.getLogger(PeerServerEndpoint.class.getName());
    private static final String PROTOCOL = "fundchain.peer";

    /** Annotated endpoints are created per connection by the WebSocket container, not by CDI: look the service up. */
    private static PeerService service() {
        return CDI.current().select(PeerService.class).get();
    }

    @OnOpen
    public void open(Session s) {
        PeerNetwork network = service().network();
        if (network == null) {
            PeerNetwork.closeQuietly(s, CloseReason.CloseCodes.TRY_AGAIN_LATER, "node not ready");
            return;
        }
        s.setMaxBinaryMessageBufferSize(network.limits().containerBufferBytes());
        s.setMaxTextMessageBufferSize(64);
        // PeerTlsFilter let the upgrade through only if the TLS client certificate names this node: the handshake
        // must prove the same one
        java.util.List<String> from = s.getRequestParameterMap().get(PeerTlsBinding.FROM);
        if (from == null || from.size() != 1 || PeerTlsBinding.refusal(false, false, null, from.get(0)) != null) {
            PeerNetwork.closeQuietly(s, CloseReason.CloseCodes.CANNOT_ACCEPT, "a peer link must name its node once");
            return;
        }
        PeerSession protocol = new SessionEvents(s, network, "inbound peer link") {
            @Override
            public void authenticated(String peerId) {
                network.inboundAuthenticated(peerId, s);
            }
        }.start(PeerSession.Role.ACCEPTOR, from.get(0));
        s.getUserProperties().put(PROTOCOL, protocol);
        protocol.open();
    }

    /** A piece of a binary message; {@code last} ends it. The session bounds the assembled frame by its state. */
    @OnMessage(maxMessageSize = PeerLimits.MAX_FRAME_BYTES)
    public void binary(Session s, byte[] part, boolean last) {
        PeerSession protocol = (PeerSession) s.getUserProperties().get(PROTOCOL);
        if (protocol != null) {
            protocol.receivePart(part, last);
        }
    }

    @OnMessage
    public void text(Session s, String text) {
        PeerNetwork.closeQuietly(s, CloseReason.CloseCodes.CANNOT_ACCEPT, "peer frames are binary");
    }

    @OnClose
    public void close(Session s) {
        PeerSession protocol = (PeerSession) s.getUserProperties().get(PROTOCOL);
        PeerNetwork network = service().network();
        if (protocol != null && network != null) {
            network.inboundClosed(protocol.peerId(), s);
        }
    }

    @OnError
    public void error(Session s, Throwable t) {
        LOG.fine(() -> "inbound peer link error: " + t);
    }
}
