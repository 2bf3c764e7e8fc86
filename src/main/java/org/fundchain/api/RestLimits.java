package org.fundchain.api;

/**
 * Every size bound of the REST API in one place (ARCHITECTURE §3 rules 6 and 8). Bodies are bounded while they
 * are read ({@link BoundedBody}): a declared Content-Length above the limit is refused before a byte is read, and
 * a body without one (chunked) is refused as soon as it passes the limit.
 */
public final class RestLimits {
    /** A signed envelope: a 64 KiB payload in base64url plus key and signature is far below this. */
    public static final int MAX_ENVELOPE_BYTES = 128 * 1024;
    /** A batch: up to this many envelopes ... */
    public static final int MAX_BATCH = 1000;
    /** ... in at most this many bytes (typical envelopes are well under 1 KiB). */
    public static final int MAX_BATCH_BYTES = 4 * 1024 * 1024;
    /** Longest long-poll of a transaction status or bank-flow push. */
    public static final long MAX_WAIT_MS = 60_000;
    /** Longest text filter of a business-API list query ({@code q}, {@code county}, …). */
    public static final int MAX_FILTER_CHARS = 100;
    /**
     * After refusing a body as too large, at most this many further bytes are read and discarded (through one
     * small scratch buffer, never kept), so an honest client that sent a slightly oversized body still reads its
     * 413 on a connection that is not reset under it. A body declared larger than this is not read at all.
     */
    public static final int MAX_DRAIN_BYTES = 8 * 1024 * 1024;
    /** Bytes pulled from the request stream per read: what a refused body costs at most beyond the limit. */
    static final int READ_CHUNK_BYTES = 8 * 1024;

    private RestLimits() {
    }
}
