package org.fundchain.peer;

import java.net.URI;
import java.nio.ByteBuffer;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;

import jakarta.websocket.ClientEndpointConfig;
import jakarta.websocket.CloseReason;
import jakarta.websocket.ContainerProvider;
import jakarta.websocket.Endpoint;
import jakarta.websocket.EndpointConfig;
import jakarta.websocket.MessageHandler;
import jakarta.websocket.Session;
import jakarta.websocket.WebSocketContainer;

/**
 * Our dialled link to one peer: connect, handshake, drain the send queue. A ticker consults the
 * {@link DialPlan} to redial with backoff, and to give up an attempt that hangs (see there).
 */
final class OutboundLink {
    private static final Logger LOG = Logger.getLogger(OutboundLink.class.getName());
    private static final long MIN_BACKOFF_MS = 250;
    private static final long MAX_BACKOFF_MS = 8_000;
    private static final long TICK_MS = 250;
    /** Longer than the handshake timeout, so a normal slow handshake is refused by that first. */
    private static final long ATTEMPT_SLACK_MS = 5_000;

    private final PeerNetwork network;
    private final String nodeId;
    private final URI url;
    private final SendQueue queue;
    private final DialPlan plan;
    private volatile String lastError;
    private volatile Session session;
    private volatile ScheduledFuture<?> ticker;
    private volatile long currentAttempt;

    OutboundLink(PeerNetwork network, String nodeId, URI url) {
        this.network = network;
        this.nodeId = nodeId;
        this.url = url;
        this.queue = new SendQueue(network.limits().queueFrames(), network.limits().queueBytes());
        this.plan = new DialPlan(MIN_BACKOFF_MS, MAX_BACKOFF_MS, network.limits().handshakeTimeoutMs() + ATTEMPT_SLACK_MS);
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
        return plan.isUp();
    }

    String lastError() {
        return lastError;
    }

    void start() {
        ticker = network.scheduler().scheduleWithFixedDelay(this::tick, 0, TICK_MS, TimeUnit.MILLISECONDS);
    }

    void stop() {
        ScheduledFuture<?> t = ticker;
        if (t != null) {
            t.cancel(false);
        }
        Session s = session;
        if (s != null) {
            PeerNetwork.closeQuietly(s, CloseReason.CloseCodes.GOING_AWAY, "node stopping");
        }
    }

    private static long nowMs() {
        return System.nanoTime() / 1_000_000;
    }

    private void tick() {
        try {
            if (network.isStopped()) {
                stop();
                return;
            }
            long now = nowMs();
            Session current = session;
            if (plan.isUp() && (current == null || !current.isOpen())) {
                // the session died without a close callback reaching us: treat it as closed
                queue.detach();
                lastError = "session closed without notice";
                plan.ended(currentAttempt, now);
            }
            long attempt = plan.tick(now);
            if (attempt == 0) {
                return;
            }
            currentAttempt = attempt;
            // A new attempt abandons the previous one; its session (if any) is closed off this thread.
            Session old = session;
            session = null;
            queue.detach();
            network.scheduler().execute(() -> {
                if (old != null) {
                    PeerNetwork.closeQuietly(old, CloseReason.CloseCodes.GOING_AWAY, "redialling");
                }
                connect(attempt);
            });
        } catch (RuntimeException e) {
            // never let an exception end the periodic task: the link would stay down for good
            LOG.log(Level.WARNING, "peer link to " + nodeId + ": dial tick failed", e);
        }
    }

    /** The peer URL with this node's name, which the acceptor binds to our TLS certificate (PeerTlsBinding). */
    private URI dialUrl() {
        String u = url.toString();
        return URI.create(u + (u.contains("?") ? "&" : "?") + PeerTlsBinding.FROM + "="
                + java.net.URLEncoder.encode(network.directory().selfId(), java.nio.charset.StandardCharsets.UTF_8));
    }

    private void connect(long attempt) {
        if (network.isStopped() || !plan.isCurrent(attempt)) {
            return;
        }
        try {
            WebSocketContainer c = ContainerProvider.getWebSocketContainer();
            c.setDefaultMaxBinaryMessageBufferSize(network.limits().containerBufferBytes());
            c.connectToServer(new Client(attempt), ClientEndpointConfig.Builder.create().build(), dialUrl());
        } catch (Exception e) {
            if (plan.isCurrent(attempt)) {
                lastError = "connect: " + e.getMessage();
            }
            plan.ended(attempt, nowMs());
        }
    }

    private final class Client extends Endpoint {
        private final long attempt;

        Client(long attempt) {
            this.attempt = attempt;
        }

        @Override
        public void onOpen(Session s, EndpointConfig config) {
            if (!plan.isCurrent(attempt)) {
                PeerNetwork.closeQuietly(s, CloseReason.CloseCodes.GOING_AWAY, "attempt abandoned");
                return;
            }
            session = s;
            // pieces of at most the container buffer; the session assembles them under its state's limit
            s.setMaxBinaryMessageBufferSize(network.limits().containerBufferBytes());
            PeerSession protocol = new SessionEvents(s, network, "link to " + nodeId) {
                @Override
                void refused(String reason) {
                    if (plan.isCurrent(attempt)) {
                        lastError = reason;
                    }
                }

                @Override
                public void authenticated(String peerId) {
                    if (!plan.isCurrent(attempt)) {
                        PeerNetwork.closeQuietly(s, CloseReason.CloseCodes.GOING_AWAY, "attempt abandoned");
                        return;
                    }
                    plan.authenticated(attempt);
                    lastError = null;
                    LOG.info(() -> "connected to peer " + peerId + " at " + url);
                    // A copy per send: the client masks the buffer in place (RFC 6455), and a
                    // broadcast frame is shared by every peer's queue.
                    queue.attach((frame, done) -> s.getAsyncRemote().sendBinary(ByteBuffer.wrap(frame.clone()),
                            r -> done.accept(r.isOK() ? null : r.getException())));
                }
            }.start(PeerSession.Role.DIALER, nodeId);
            s.addMessageHandler(byte[].class, (MessageHandler.Partial<byte[]>) protocol::receivePart);
        }

        @Override
        public void onClose(Session s, CloseReason reason) {
            if (!plan.isCurrent(attempt)) {
                return; // an abandoned attempt: the queue and state belong to a newer one
            }
            queue.detach();
            session = null;
            if (reason != null && reason.getCloseCode() != CloseReason.CloseCodes.NORMAL_CLOSURE
                    && lastError == null) {
                lastError = "closed: " + reason.getReasonPhrase();
            }
            plan.ended(attempt, nowMs());
        }

        @Override
        public void onError(Session s, Throwable t) {
            if (plan.isCurrent(attempt)) {
                lastError = "error: " + t.getMessage();
            }
        }
    }
}
