package org.fundchain.peer;

import org.fundchain.codec.CodecException;

/**
 * The protocol of one peer link, free of WebSocket types so it can be tested without a container: the
 * handshake of {@link PeerAuth}, then MESSAGE frames in either direction. Any frame out of place,
 * undecodable or failing a check closes the link with the reason; nothing reaches the node before the
 * peer is authenticated. Not thread-safe: the container delivers one message at a time per session.
 */
public final class PeerSession {
    public enum Role { DIALER, ACCEPTOR }

    /** What the session asks of its transport and of the node. */
    public interface Events {
        void send(byte[] frame);

        void close(String reason);

        void authenticated(String peerId);

        void message(String peerId, String chainId, byte[] payload);
    }

    private enum State { AWAIT_CHALLENGE, AWAIT_AUTH, OPEN, CLOSED }

    private final PeerDirectory directory;
    private final Role role;
    private final String expectedPeer;
    private final int maxPayloadBytes;
    private final int handshakeBytes;
    private final Events events;
    private State state;
    /** The pieces of the frame being received (see {@link #receivePart}); grows on demand, never past the limit. */
    private byte[] assembly = new byte[0];
    private int assembled;
    private byte[] ourNonce;
    private String peerId;

    /**
     * @param expectedPeer for a dialer, the node the URL belongs to; for an acceptor, the node the dialer named (and
     *                     its TLS certificate names), or null for any member
     */
    public PeerSession(PeerDirectory directory, Role role, String expectedPeer, int maxPayloadBytes, Events events) {
        this(directory, role, expectedPeer, maxPayloadBytes, PeerLimits.HANDSHAKE_BYTES, events);
    }

    /** @param handshakeBytes largest frame accepted before the peer is authenticated */
    public PeerSession(PeerDirectory directory, Role role, String expectedPeer, int maxPayloadBytes, int handshakeBytes,
            Events events) {
        this.directory = directory;
        this.role = role;
        this.expectedPeer = expectedPeer;
        this.maxPayloadBytes = maxPayloadBytes;
        this.handshakeBytes = handshakeBytes;
        this.events = events;
        this.state = role == Role.DIALER ? State.AWAIT_CHALLENGE : State.AWAIT_AUTH;
    }

    /** Call when the transport is open. The acceptor speaks first. */
    public void open() {
        if (role == Role.ACCEPTOR) {
            ourNonce = PeerAuth.newNonce();
            events.send(new PeerFrame.Challenge(directory.genesisHash(), directory.selfId(), ourNonce).encode());
        }
    }

    public boolean isOpen() {
        return state == State.OPEN;
    }

    /** The authenticated peer, or null before the handshake completes. */
    public String peerId() {
        return peerId;
    }

    /** The largest frame accepted in the current state: {@code handshakeBytes} until the peer is authenticated. */
    int frameLimit() {
        return state == State.OPEN ? (int) Math.min(Integer.MAX_VALUE - 8, (long) maxPayloadBytes + PeerLimits.FRAME_OVERHEAD_BYTES)
                : handshakeBytes;
    }

    /** Bytes of a partly received frame held now (for tests: never above {@link #frameLimit()}). */
    int bufferedBytes() {
        return assembled;
    }

    /**
     * One piece of a frame as the container delivers it ({@code last} ends the frame). The pieces are assembled
     * under {@link #frameLimit()}: a piece that would pass it closes the link at once, so nothing beyond the limit
     * is ever held — before authentication that is a few kilobytes.
     */
    public void receivePart(byte[] part, boolean last) {
        if (state == State.CLOSED) {
            return;
        }
        int limit = frameLimit();
        if ((long) assembled + part.length > limit) {
            long seen = (long) assembled + part.length;
            fail((state == State.OPEN ? "frame of at least " : "handshake frame of at least ") + seen + " bytes exceeds " + limit);
            return;
        }
        if (last && assembled == 0) {
            receive(part); // the common case: a whole frame in one piece, no copy
            return;
        }
        if (assembly.length < assembled + part.length) {
            assembly = java.util.Arrays.copyOf(assembly, (int) Math.min(limit, Math.max(2L * assembly.length, assembled + part.length)));
        }
        System.arraycopy(part, 0, assembly, assembled, part.length);
        assembled += part.length;
        if (last) {
            byte[] frame = java.util.Arrays.copyOf(assembly, assembled);
            release();
            receive(frame);
        }
    }

    private void release() {
        assembly = new byte[0];
        assembled = 0;
    }

    public void receive(byte[] bytes) {
        if (state == State.CLOSED) {
            return;
        }
        if (bytes.length > frameLimit()) {
            fail((state == State.OPEN ? "frame of " : "handshake frame of ") + bytes.length + " bytes exceeds " + frameLimit());
            return;
        }
        PeerFrame frame;
        try {
            frame = PeerFrame.decode(bytes, maxPayloadBytes);
        } catch (CodecException e) {
            fail("malformed frame: " + e.getMessage());
            return;
        }
        switch (state) {
            case AWAIT_CHALLENGE:
                onChallenge(frame);
                break;
            case AWAIT_AUTH:
                onAuth(frame);
                break;
            case OPEN:
                if (frame instanceof PeerFrame.Message) {
                    PeerFrame.Message m = (PeerFrame.Message) frame;
                    events.message(peerId, m.chainId(), m.payload());
                } else {
                    fail("unexpected handshake frame on an open link");
                }
                break;
            default:
                break;
        }
    }

    private void onChallenge(PeerFrame frame) {
        if (!(frame instanceof PeerFrame.Challenge)) {
            fail("expected CHALLENGE");
            return;
        }
        PeerFrame.Challenge c = (PeerFrame.Challenge) frame;
        if (!c.genesisHash().equals(directory.genesisHash())) {
            fail("peer belongs to another consortium (genesis " + abbreviate(c.genesisHash()) + ")");
            return;
        }
        if (!c.nodeId().equals(expectedPeer)) {
            fail("expected node " + expectedPeer + " but reached " + c.nodeId());
            return;
        }
        ourNonce = PeerAuth.newNonce();
        state = State.AWAIT_AUTH; // before sending: a transport may deliver the reply re-entrantly
        events.send(new PeerFrame.Auth(directory.selfId(), ourNonce, PeerAuth.sign(directory, c.nodeId(), c.nonce())).encode());
    }

    private void onAuth(PeerFrame frame) {
        if (!(frame instanceof PeerFrame.Auth)) {
            fail("expected AUTH");
            return;
        }
        PeerFrame.Auth a = (PeerFrame.Auth) frame;
        boolean dialer = role == Role.DIALER;
        if (dialer != (a.nonce().length == 0)) {
            fail(dialer ? "acceptor AUTH must not carry a nonce" : "dialer AUTH must carry a " + PeerFrame.NONCE_BYTES + "-byte nonce");
            return;
        }
        // an acceptor expects the node the link's TLS certificate names (PeerTlsBinding), or any member if null
        String reason = PeerAuth.check(directory, a, expectedPeer, ourNonce);
        if (reason != null) {
            fail(reason);
            return;
        }
        peerId = a.nodeId();
        state = State.OPEN;
        if (!dialer) {
            events.send(new PeerFrame.Auth(directory.selfId(), new byte[0], PeerAuth.sign(directory, a.nodeId(), a.nonce())).encode());
        }
        events.authenticated(peerId);
    }

    private void fail(String reason) {
        state = State.CLOSED;
        release();
        events.close(reason);
    }

    private static String abbreviate(String s) {
        return s.length() > 16 ? s.substring(0, 16) + "…" : s;
    }
}
