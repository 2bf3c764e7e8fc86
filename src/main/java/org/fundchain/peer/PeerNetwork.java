package org.fundchain.peer;

import java.net.URI;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledExecutorService;
import java.util.logging.Level;
import java.util.logging.Logger;

import jakarta.websocket.CloseReason;
import jakarta.websocket.Session;

/**
 * This node's links to every other member. Each node dials every peer and sends on its own outbound
 * link (one {@link SendQueue} each); it receives on the links the peers dial to it. Links are
 * authenticated before any payload passes, a slow or dead peer only fills its own bounded queue, and a
 * broken outbound link is redialled with backoff.
 */
public final class PeerNetwork implements PeerLinks {
    private static final Logger LOG = Logger.getLogger(PeerNetwork.class.getName());

    /** Receives authenticated payloads; called on container threads, so it must hand off quickly. */
    public interface Listener {
        void onMessage(String fromNode, String chainId, byte[] payload);
    }

    /** A peer's state for status pages and the node endpoint. */
    public record PeerStatus(String nodeId, URI url, boolean outbound, boolean inbound, long sent, long dropped,
            int queued, String lastError) {
    }

    private final PeerDirectory directory;
    private final PeerLimits limits;
    private final ScheduledExecutorService scheduler;
    private final Map<String, OutboundLink> outbound = new TreeMap<>();
    private final Map<String, Set<Session>> inbound = new ConcurrentHashMap<>();
    private volatile Listener listener = (from, chain, payload) -> { };
    private volatile boolean stopped;

    public PeerNetwork(PeerDirectory directory, PeerLimits limits, ScheduledExecutorService scheduler) {
        this.directory = directory;
        this.limits = limits;
        this.scheduler = scheduler;
        for (Map.Entry<String, URI> e : directory.peerUrls().entrySet()) {
            if (!e.getKey().equals(directory.selfId())) {
                outbound.put(e.getKey(), new OutboundLink(this, e.getKey(), e.getValue()));
            }
        }
    }

    public void setListener(Listener l) {
        this.listener = l;
    }

    public void start() {
        outbound.values().forEach(OutboundLink::start);
    }

    public void stop() {
        stopped = true;
        outbound.values().forEach(OutboundLink::stop);
        for (Set<Session> sessions : inbound.values()) {
            for (Session s : sessions) {
                closeQuietly(s, CloseReason.CloseCodes.GOING_AWAY, "node stopping");
            }
        }
    }

    /** Queues a payload for one peer; false if that peer's queue is full or it is not a member. */
    @Override
    public boolean send(String nodeId, String chainId, byte[] payload) {
        OutboundLink link = outbound.get(nodeId);
        return link != null && link.queue().offer(new PeerFrame.Message(chainId, payload).encode());
    }

    /** Queues a payload for every peer; encoded once. */
    @Override
    public void broadcast(String chainId, byte[] payload) {
        byte[] frame = new PeerFrame.Message(chainId, payload).encode();
        for (OutboundLink link : outbound.values()) {
            link.queue().offer(frame);
        }
    }

    public List<PeerStatus> status() {
        List<PeerStatus> out = new ArrayList<>();
        for (OutboundLink l : outbound.values()) {
            Set<Session> in = inbound.getOrDefault(l.nodeId(), Collections.emptySet());
            out.add(new PeerStatus(l.nodeId(), l.url(), l.isAuthenticated(), !in.isEmpty(), l.queue().sent(),
                    l.queue().dropped(), l.queue().size(), l.lastError()));
        }
        return out;
    }

    public boolean isConnected(String nodeId) {
        OutboundLink l = outbound.get(nodeId);
        return l != null && l.isAuthenticated();
    }

    // ------------------------------------------------------------ used by the endpoints

    PeerDirectory directory() {
        return directory;
    }

    PeerLimits limits() {
        return limits;
    }

    ScheduledExecutorService scheduler() {
        return scheduler;
    }

    boolean isStopped() {
        return stopped;
    }

    void deliver(String from, String chainId, byte[] payload) {
        try {
            listener.onMessage(from, chainId, payload);
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "peer message from " + from + " on chain " + chainId + " failed", e);
        }
    }

    void inboundAuthenticated(String nodeId, Session s) {
        inbound.computeIfAbsent(nodeId, k -> ConcurrentHashMap.newKeySet()).add(s);
        LOG.info(() -> "peer " + nodeId + " connected to us");
    }

    void inboundClosed(String nodeId, Session s) {
        if (nodeId != null) {
            Set<Session> set = inbound.get(nodeId);
            if (set != null) {
                set.remove(s);
            }
        }
    }

    static void closeQuietly(Session s, CloseReason.CloseCode code, String reason) {
        try {
            if (s.isOpen()) {
                // Close reasons are limited to 123 bytes by the WebSocket protocol.
                String r = reason.length() > 100 ? reason.substring(0, 100) : reason;
                s.close(new CloseReason(code, r));
            }
        } catch (Exception e) {
            LOG.log(Level.FINE, "closing peer session", e);
        }
    }
}
