package org.fundchain.peer;

import java.nio.ByteBuffer;
import java.util.logging.Logger;

import jakarta.websocket.CloseReason;
import jakarta.websocket.Session;

/**
 * What both ends of a peer link do the same way: handshake frames go out synchronously on the session
 * (the send queue is attached only after authentication), a refusal closes the session with the reason,
 * and authenticated payloads go to the network. Each end adds what it does on authentication.
 */
abstract class SessionEvents implements PeerSession.Events {
    private static final Logger LOG = Logger.getLogger(SessionEvents.class.getName());

    final Session session;
    final PeerNetwork network;
    private final String description;

    SessionEvents(Session session, PeerNetwork network, String description) {
        this.session = session;
        this.network = network;
        this.description = description;
    }

    @Override
    public void send(byte[] frame) {
        try {
            session.getBasicRemote().sendBinary(ByteBuffer.wrap(frame));
        } catch (Exception e) {
            close("send failed: " + e.getMessage());
        }
    }

    @Override
    public void close(String reason) {
        refused(reason);
        LOG.warning(() -> description + " refused: " + reason);
        PeerNetwork.closeQuietly(session, CloseReason.CloseCodes.VIOLATED_POLICY, reason);
    }

    @Override
    public void message(String peerId, String chainId, byte[] payload) {
        network.deliver(peerId, chainId, payload);
    }

    /** Called before the session closes for {@code reason}. */
    void refused(String reason) {
    }

    /** Creates the protocol for this session and closes it if the handshake does not finish in time. */
    PeerSession start(PeerSession.Role role, String expectedPeer) {
        PeerLimits l = network.limits();
        PeerSession protocol = new PeerSession(network.directory(), role, expectedPeer, l.maxPayloadBytes(), l.handshakeBytes(), this);
        network.scheduler().schedule(() -> {
            if (!protocol.isOpen()) {
                close("handshake timed out");
            }
        }, l.handshakeTimeoutMs(), java.util.concurrent.TimeUnit.MILLISECONDS);
        return protocol;
    }
}
