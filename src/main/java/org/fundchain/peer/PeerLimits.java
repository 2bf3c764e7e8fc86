package org.fundchain.peer;

/**
 * Bounds on what a peer may send us and how much we queue for it.
 *
 * @param maxPayloadBytes largest payload of an authenticated link (a block plus its certificate)
 * @param handshakeBytes  largest frame before authentication: an unauthenticated socket cannot make us buffer more
 * @param queueFrames     frames queued per peer before dropping
 * @param queueBytes      bytes queued per peer before dropping
 * @param handshakeTimeoutMs a link not authenticated within this is closed
 */
public record PeerLimits(int maxPayloadBytes, int handshakeBytes, int queueFrames, long queueBytes, long handshakeTimeoutMs) {
    /**
     * The WebSocket message buffer of every peer session. Liberty hands a binary message larger than the
     * session's buffer to the endpoint in pieces, so the buffer is set once, to this, and never lowered;
     * the smaller pre-authentication limit is enforced by {@link PeerSession}. Blocks are cut at
     * PreferredMaxBytes (512 KiB by default) plus one transaction (≤ 64 KiB), far below this.
     */
    public static final int MAX_FRAME_BYTES = 32 * 1024 * 1024;

    public static PeerLimits forMaxBlockBytes(long absoluteMaxBlockBytes) {
        long payload = Math.min(MAX_FRAME_BYTES - 1024, absoluteMaxBlockBytes + 1024 * 1024);
        return new PeerLimits((int) payload, 4096, 50_000, 256L << 20, 10_000);
    }

    public int maxFrameBytes() {
        return MAX_FRAME_BYTES;
    }
}
