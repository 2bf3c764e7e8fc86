package org.fundchain.peer;

import java.net.URI;
import java.nio.ByteBuffer;
import java.util.concurrent.TimeUnit;
import java.util.logging.Logger;

import jakarta.websocket.ClientEndpointConfig;
import jakarta.websocket.CloseReason;
import jakarta.websocket.ContainerProvider;
import jakarta.websocket.Endpoint;
import jakarta.websocket.EndpointConfig;
import jakarta.websocket.MessageHandler;
import jakarta.websocket.Session;
import jakarta.websocket.WebSocketContainer;

/** Our dialled link to one peer: connect, handshake, drain the send queue, redial with backoff. */
final class OutboundLink {
    private static final Logger LOG = Logger.getLogger(OutboundLink.class.getName());
    private static final long MIN_BACKOFF_MS = 250;
    private static final long MAX_BACKOFF_MS = 8_000;

    private final PeerNetwork network;
    private final String nodeId;
    private final URI url;
    private final SendQueue queue;
    private volatile boolean authenticated;
    private volatile String lastError;
    private volatile Session session;
    private long backoffMs = MIN_BACKOFF_MS;

    OutboundLink(PeerNetwork network, String nodeId, URI url) {
        this.network = network;
        this.nodeId = nodeId;
        this.url = url;
        this.queue = new SendQueue(network.limits().queueFrames(), network.limits().queueBytes());
    }

    String nodeId() {
        return nodeId;
    }

    URI url() {
        return url;
    }

    SendQueue queue() {
        return queue;
    }

    boolean isAuthenticated() {
        return authenticated;
    }

    String lastError() {
        return lastError;
    }

    void start() {
        network.scheduler().execute(this::connect);
    }

    void stop() {
        Session s = session;
        if (s != null) {
            PeerNetwork.closeQuietly(s, CloseReason.CloseCodes.GOING_AWAY, "node stopping");
        }
    }

    private void connect() {
        if (network.isStopped()) {
            return;
        }
        try {
            WebSocketContainer c = ContainerProvider.getWebSocketContainer();
            c.setDefaultMaxBinaryMessageBufferSize(network.limits().maxFrameBytes());
            c.connectToServer(new Client(), ClientEndpointConfig.Builder.create().build(), url);
        } catch (Exception e) {
            lastError = "connect: " + e.getMessage();
            scheduleRedial();
        }
    }

    private synchronized void scheduleRedial() {
        if (network.isStopped()) {
            return;
        }
        long delay = backoffMs;
        backoffMs = Math.min(MAX_BACKOFF_MS, backoffMs * 2);
        network.scheduler().schedule(this::connect, delay, TimeUnit.MILLISECONDS);
    }

    private final class Client extends Endpoint {
        @Override
        public void onOpen(Session s, EndpointConfig config) {
            session = s;
            s.setMaxBinaryMessageBufferSize(network.limits().maxFrameBytes());
            PeerSession protocol = new SessionEvents(s, network, "link to " + nodeId) {
                @Override
                void refused(String reason) {
                    lastError = reason;
                }

                @Override
                public void authenticated(String peerId) {
                    authenticated = true;
                    lastError = null;
                    synchronized (OutboundLink.this) {
                        backoffMs = MIN_BACKOFF_MS;
                    }
                    LOG.info(() -> "connected to peer " + peerId + " at " + url);
                    // A copy per send: the client masks the buffer in place (RFC 6455), and a
                    // broadcast frame is shared by every peer's queue.
                    queue.attach((frame, done) -> s.getAsyncRemote().sendBinary(ByteBuffer.wrap(frame.clone()),
                            r -> done.accept(r.isOK() ? null : r.getException())));
                }
            }.start(PeerSession.Role.DIALER, nodeId);
            s.addMessageHandler(byte[].class, (MessageHandler.Whole<byte[]>) protocol::receive);
        }

        @Override
        public void onClose(Session s, CloseReason reason) {
            authenticated = false;
            queue.detach();
            session = null;
            if (reason != null && reason.getCloseCode() != CloseReason.CloseCodes.NORMAL_CLOSURE
                    && lastError == null) {
                lastError = "closed: " + reason.getReasonPhrase();
            }
            scheduleRedial();
        }

        @Override
        public void onError(Session s, Throwable t) {
            lastError = "error: " + t.getMessage();
        }
    }
}
