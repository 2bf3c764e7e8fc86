package org.fundchain.api;

import java.util.SortedMap;
import java.util.TreeMap;

import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.fundchain.codec.Json;
import org.fundchain.fund.CommandResult;
import org.fundchain.node.SubmitResult;

/**
 * Every outcome the REST API answers, and its HTTP status — the one place that decides (ARCHITECTURE §5). Resources
 * name an outcome; they never pick a status code themselves. A refusal's body is {@code {"error": reason}}; a
 * 503 says when to retry.
 */
public enum ApiOutcome {
    COMMITTED(200),
    ACCEPTED(202),
    INVALID(400),
    BAD_SIGNATURE(400),
    UNAUTHORIZED(401),
    NOT_ADMITTED(403),
    FORBIDDEN(403),
    NOT_FOUND(404),
    DUPLICATE(409),
    TOO_LARGE(413),
    /** In a block, but the contract refused it (or it lost its (signer, nonce) to another, or expired). */
    REJECTED(422),
    MEMPOOL_FULL(503),
    BUSY(503);

    public final int status;

    ApiOutcome(int status) {
        this.status = status;
    }

    /** A node's answer to a submission. */
    public static ApiOutcome of(SubmitResult.Outcome o) {
        return switch (o) {
            case ACCEPTED -> ACCEPTED;
            case INVALID -> INVALID;
            case BAD_SIGNATURE -> BAD_SIGNATURE;
            case NOT_ADMITTED -> NOT_ADMITTED;
            case UNKNOWN -> NOT_FOUND;
            case TOO_LARGE -> TOO_LARGE;
            case REPLAY -> DUPLICATE;
            case MEMPOOL_FULL -> MEMPOOL_FULL;
            case BUSY -> BUSY;
        };
    }

    /** The outcome of a submitted-and-awaited command (bank-flow push). */
    public static ApiOutcome of(CommandResult r) {
        switch (r.status()) {
            case COMMITTED:
                return COMMITTED;
            case PENDING:
                return ACCEPTED;
            case REJECTED:
                return REJECTED;
            default:
                for (SubmitResult.Outcome o : SubmitResult.Outcome.values()) {
                    if (o.name().equals(r.code())) {
                        return of(o);
                    }
                }
                return REJECTED; // a final refusal: lost its (signer, nonce), or expired
        }
    }

    /** {@code {"error": message}} with this outcome's status. */
    public Response error(String message) {
        SortedMap<String, Object> m = new TreeMap<>();
        m.put("error", message);
        return response(m);
    }

    /** {@code body} with this outcome's status (and Retry-After on a 503). */
    public Response response(Object body) {
        Response.ResponseBuilder b = Response.status(status).entity(Json.write(body)).type(MediaType.APPLICATION_JSON);
        if (status == 503) {
            b.header("Retry-After", "1");
        }
        return b.build();
    }

    /** The outcome of a refused request whose status a JAX-RS constant names (401, 403, 404, 400...). */
    static ApiOutcome of(Response.Status s) {
        return switch (s.getStatusCode()) {
            case 400 -> INVALID;
            case 401 -> UNAUTHORIZED;
            case 403 -> FORBIDDEN;
            case 404 -> NOT_FOUND;
            case 409 -> DUPLICATE;
            case 413 -> TOO_LARGE;
            case 422 -> REJECTED;
            case 503 -> BUSY;
            default -> throw new IllegalArgumentException("no API outcome answers " + s);
        };
    }
}
