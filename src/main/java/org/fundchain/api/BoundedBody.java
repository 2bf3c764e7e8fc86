package org.fundchain.api;

import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;
import java.util.SortedMap;

import jakarta.ws.rs.core.Response;

import org.fundchain.codec.CodecException;
import org.fundchain.codec.Json;

/**
 * Reads a request body under a limit, from the request stream itself: resources take an {@link InputStream}, never
 * a {@code byte[]} the container would fill whole before any check. A declared Content-Length above the limit is
 * refused (413) without buffering; otherwise at most {@code limit + 1} bytes are kept, and the refusal is decided
 * the moment byte {@code limit + 1} arrives — so a 40 MiB or endless body costs the node the limit, not the body.
 * The rest of a refused body is discarded up to {@link RestLimits#MAX_DRAIN_BYTES} (see {@link #drain}).
 */
final class BoundedBody {
    /** A refused body: the status (413 too large, 400 malformed or broken) and the reason. */
    static final class TooLarge extends Exception {
        private static final long serialVersionUID = 1L;
        private final int status;

        TooLarge(int status, String message) {
            super(message, null, false, false);
            this.status = status;
        }

        int status() {
            return status;
        }
    }

    /** A parsed JSON object body, or the status and reason of its refusal. */
    record Parsed(SortedMap<String, Object> doc, int status, String message) {
        boolean ok() {
            return doc != null;
        }

        /** The JSON error response, or null when parsed. */
        Response error() {
            return ok() ? null : ChainResource.error(Response.Status.fromStatusCode(status), message);
        }
    }

    private BoundedBody() {
    }

    /**
     * @param contentLength the Content-Length header as sent, or null (chunked)
     */
    static byte[] read(InputStream in, String contentLength, int limit) throws TooLarge {
        long declared = -1;
        if (contentLength != null) {
            String cl = contentLength.trim();
            if (!cl.matches("[0-9]{1,18}")) {
                throw new TooLarge(400, "Content-Length must be a number of bytes, not '" + abbreviate(cl) + "'");
            }
            declared = Long.parseLong(cl);
            if (declared > limit) {
                if (declared <= RestLimits.MAX_DRAIN_BYTES) {
                    drain(in, declared);
                }
                throw new TooLarge(413, "body is " + declared + " bytes; the limit is " + limit);
            }
        }
        if (in == null) {
            return new byte[0];
        }
        // grow on demand: a small declared length buys a small buffer, a lying one no more than the limit
        byte[] buf = new byte[(int) Math.min(limit + 1L, declared >= 0 ? declared + 1 : RestLimits.READ_CHUNK_BYTES)];
        int n = 0;
        try {
            while (true) {
                if (n == buf.length) {
                    if (n > limit) {
                        drain(in, RestLimits.MAX_DRAIN_BYTES);
                        throw new TooLarge(413, "body is over " + limit + " bytes; the limit is " + limit);
                    }
                    buf = Arrays.copyOf(buf, (int) Math.min(limit + 1L, Math.max(2L * buf.length, RestLimits.READ_CHUNK_BYTES)));
                }
                int want = Math.min(buf.length - n, RestLimits.READ_CHUNK_BYTES);
                int r = in.read(buf, n, want);
                if (r < 0) {
                    break;
                }
                n += r;
            }
        } catch (IOException e) {
            throw new TooLarge(400, "could not read the request body: " + e.getMessage());
        }
        if (n > limit) {
            throw new TooLarge(413, "body is over " + limit + " bytes; the limit is " + limit);
        }
        return n == buf.length ? buf : Arrays.copyOf(buf, n);
    }

    /**
     * Reads and discards up to {@code max} bytes of a refused body through one small scratch buffer (nothing is
     * kept), so the client can read the 413 on an orderly connection; stops quietly at the end, at {@code max} or on
     * an error.
     */
    static long drain(InputStream in, long max) {
        if (in == null) {
            return 0;
        }
        byte[] scratch = new byte[RestLimits.READ_CHUNK_BYTES];
        long total = 0;
        try {
            while (total < max) {
                int r = in.read(scratch, 0, (int) Math.min(scratch.length, max - total));
                if (r < 0) {
                    break;
                }
                total += r;
            }
        } catch (IOException e) {
            // the client went away: nothing more to do
        }
        return total;
    }

    /** Reads and parses a JSON object body under {@code limit}; {@code expected} describes the shape in the error. */
    static Parsed parseObject(InputStream in, String contentLength, int limit, String expected) {
        byte[] body;
        try {
            body = read(in, contentLength, limit);
        } catch (TooLarge e) {
            return new Parsed(null, e.status(), e.getMessage());
        }
        if (body.length == 0) {
            return new Parsed(null, 400, "empty body: expected " + expected);
        }
        try {
            return new Parsed(Json.parseObject(body, limit), 200, null);
        } catch (CodecException e) {
            return new Parsed(null, 400, "malformed JSON body: " + e.getMessage());
        }
    }

    static Parsed parseObject(InputStream in, String contentLength, int limit) {
        return parseObject(in, contentLength, limit, "a JSON object");
    }

    private static String abbreviate(String s) {
        return s.length() > 20 ? s.substring(0, 20) + "…" : s;
    }
}
