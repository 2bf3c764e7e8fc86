package org.fundchain.api;

import java.util.Locale;
import java.util.Optional;

import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

import org.fundchain.codec.Base64Url;
import org.fundchain.codec.CodecException;
import org.fundchain.crypto.CryptoException;
import org.fundchain.crypto.Hex;
import org.fundchain.crypto.PublicKey;
import org.fundchain.crypto.SignatureAlgorithm;
import org.fundchain.envelope.ReadSignature;
import org.fundchain.fund.FundQueries;
import org.fundchain.fund.Viewer;

/**
 * Authenticates a signed REST read ({@link ReadSignature}): a well-formed signer id, a timestamp within
 * {@link #MAX_SKEW_MS} of the node's clock, a signature that verifies over method, path, query and timestamp, and a
 * signer the registry admits. Reads are idempotent, so a replay within the skew window reveals nothing new.
 */
final class ReadAuth {
    static final long MAX_SKEW_MS = 300_000;

    /** Either the viewer or the error response to send. */
    record Result(Viewer viewer, int status, String message) {
        boolean ok() {
            return viewer != null;
        }

        /** The JSON error response, or null when authenticated. */
        Response error() {
            return viewer != null ? null : ChainResource.error(Response.Status.fromStatusCode(status), message);
        }
    }

    private ReadAuth() {
    }

    static Result check(FundQueries queries, String chain, String method, UriInfo uri, HttpHeaders headers, long nowMs) {
        return check(id -> queries.viewer(chain, id), chain, method, uri.getRequestUri().getRawPath(),
                uri.getRequestUri().getRawQuery(), headers.getHeaderString(ReadSignature.SIGNER),
                headers.getHeaderString(ReadSignature.TIMESTAMP), headers.getHeaderString(ReadSignature.SIGNATURE), nowMs);
    }

    static Result check(java.util.function.Function<String, Optional<Viewer>> viewerOf, String chain, String method,
            String rawPath, String rawQuery, String signer, String ts, String sig, long nowMs) {
        if (signer == null || ts == null || sig == null) {
            return fail(Response.Status.UNAUTHORIZED, "this read must be signed: send headers " + ReadSignature.SIGNER + ", "
                    + ReadSignature.TIMESTAMP + " and " + ReadSignature.SIGNATURE + " (see README, Business API)");
        }
        if (signer.length() > 200 || ts.length() > 20 || sig.length() > 200) {
            return fail(Response.Status.UNAUTHORIZED, "authentication headers are too long");
        }
        long timestamp;
        try {
            timestamp = Long.parseLong(ts.trim());
        } catch (NumberFormatException e) {
            return fail(Response.Status.UNAUTHORIZED, ReadSignature.TIMESTAMP + " must be epoch milliseconds");
        }
        if (Math.abs(nowMs - timestamp) > MAX_SKEW_MS) {
            return fail(Response.Status.UNAUTHORIZED, "timestamp " + timestamp + " is more than " + MAX_SKEW_MS / 1000
                    + " s from the node's clock (" + nowMs + ")");
        }
        Optional<PublicKey> key = publicKey(signer.trim());
        if (key.isEmpty()) {
            return fail(Response.Status.UNAUTHORIZED, "signer must be ed25519:<64 hex> or sm2:<130 hex> naming a valid key");
        }
        byte[] signature;
        try {
            signature = Base64Url.decode(sig.trim(), "signature");
        } catch (CodecException e) {
            return fail(Response.Status.UNAUTHORIZED, "signature is not base64url: " + e.getMessage());
        }
        byte[] message = ReadSignature.message(method, rawPath, rawQuery, timestamp);
        boolean valid;
        try {
            valid = key.get().verify(message, signature);
        } catch (CryptoException | IllegalArgumentException e) {
            valid = false;
        }
        if (!valid) {
            return fail(Response.Status.UNAUTHORIZED, "signature does not verify over " + ReadSignature.DOMAIN
                    + ", method, path, query and timestamp");
        }
        Optional<Viewer> viewer = viewerOf.apply(signer.trim());
        if (viewer.isEmpty()) {
            return fail(Response.Status.FORBIDDEN, "signer " + signer.trim() + " is not admitted on chain " + chain + " (or is disabled)");
        }
        return new Result(viewer.get(), 200, null);
    }

    static Optional<PublicKey> publicKey(String signerId) {
        int colon = signerId.indexOf(':');
        if (colon < 0) {
            return Optional.empty();
        }
        String alg = signerId.substring(0, colon);
        String hex = signerId.substring(colon + 1);
        if (!hex.matches("[0-9a-f]{64}|[0-9a-f]{130}")) {
            return Optional.empty();
        }
        for (SignatureAlgorithm a : SignatureAlgorithm.values()) {
            if (a.jsonName().toLowerCase(Locale.ROOT).equals(alg)) {
                try {
                    return Optional.of(PublicKey.of(a, Hex.decode(hex)));
                } catch (CryptoException | IllegalArgumentException e) {
                    return Optional.empty();
                }
            }
        }
        return Optional.empty();
    }

    private static Result fail(Response.Status s, String message) {
        return new Result(null, s.getStatusCode(), message);
    }
}
