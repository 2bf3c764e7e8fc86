package org.fundchain.peer;

/**
 * Every bound on what a peer may send us and how much we queue for it — the one place for peer limits
 * (ARCHITECTURE §3 rule 8: sizes are bounded while reading, before buffering or authentication).
 *
 * <p>How a frame is read: the WebSocket container buffers at most {@link #containerBufferBytes()} of a message
 * and hands it to the endpoint's partial-message handler in pieces of at most that size; {@link PeerSession}
 * assembles the pieces under the limit of its state — {@link #handshakeBytes} until the peer has proved its node
 * key, {@link #maxFrameBytes()} after — and closes the link as soon as a piece would pass it. So an unauthenticated
 * socket costs one container piece, and an authenticated one at most one frame.
 *
 * @param maxPayloadBytes largest payload of an authenticated link (a block plus its certificate)
 * @param handshakeBytes  largest frame before authentication: an unauthenticated socket cannot make us buffer more
 * @param queueFrames     frames queued per peer before dropping
 * @param queueBytes      bytes queued per peer before dropping
 * @param handshakeTimeoutMs a link not authenticated within this is closed
 */
public record PeerLimits(int maxPayloadBytes, int handshakeBytes, int queueFrames, long queueBytes, long handshakeTimeoutMs) {
    /**
     * The absolute ceiling of a peer message, given to the container as the endpoint's {@code maxMessageSize}
     * (it must be a constant there). Blocks are cut at PreferredMaxBytes (512 KiB by default) plus one
     * transaction (≤ 64 KiB), far below this; the per-link bound is {@link #maxFrameBytes()}.
     */
    public static final int MAX_FRAME_BYTES = 32 * 1024 * 1024;
    /** A MESSAGE frame's bytes beyond its payload: version, type, chain id (≤ 128 bytes) and length prefixes. */
    public static final int FRAME_OVERHEAD_BYTES = 1024;
    /**
     * The WebSocket message buffer of every peer session, set once at open and never changed: the container
     * hands a larger message to the partial handler in pieces of this size (Liberty splits at the buffer size).
     */
    public static final int CONTAINER_BUFFER_BYTES = 64 * 1024;
    /** Largest handshake frame (CHALLENGE or AUTH are well under 512 bytes). */
    public static final int HANDSHAKE_BYTES = 4096;

    public static PeerLimits forMaxBlockBytes(long absoluteMaxBlockBytes) {
        long payload = Math.min(MAX_FRAME_BYTES - FRAME_OVERHEAD_BYTES, absoluteMaxBlockBytes + 1024 * 1024);
        return new PeerLimits((int) payload, HANDSHAKE_BYTES, 50_000, 256L << 20, 10_000);
    }

    /** Largest frame of an authenticated link: the largest payload plus the frame's own fields. */
    public int maxFrameBytes() {
        return maxPayloadBytes + FRAME_OVERHEAD_BYTES;
    }

    /** See {@link #CONTAINER_BUFFER_BYTES}. */
    public int containerBufferBytes() {
        return CONTAINER_BUFFER_BYTES;
    }
}
