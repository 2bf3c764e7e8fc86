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
    public static PeerLimits forMaxBlockBytes(long absoluteMaxBlockBytes) {
        long payload = Math.min(Integer.MAX_VALUE - 1024, absoluteMaxBlockBytes + 1024 * 1024);
        return new PeerLimits((int) payload, 4096, 50_000, Math.max(256L << 20, 2 * payload), 10_000);
    }

    public int maxFrameBytes() {
        return maxPayloadBytes + 1024;
    }
}
