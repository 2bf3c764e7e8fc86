package org.fundchain.envelope;

import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

import org.fundchain.codec.Base64Url;
import org.fundchain.crypto.Hex;
import org.fundchain.crypto.SigningKey;

/**
 * Signed REST reads (README "Business API"): the caller signs
 * {@code "fundchain-read/1\n" + METHOD + "\n" + rawPath + "\n" + rawQuery + "\n" + timestampMs} with its registered key
 * and sends signer id, timestamp and signature as headers; the node checks the signature, the clock skew and that
 * the signer is admitted with a role that may see the answer.
 */
public final class ReadSignature {
    public static final String SIGNER = "X-FundChain-Signer";
    public static final String TIMESTAMP = "X-FundChain-Timestamp";
    public static final String SIGNATURE = "X-FundChain-Signature";
    public static final String DOMAIN = "fundchain-read/1";

    private ReadSignature() {
    }

    /** The bytes that are signed; {@code rawQuery} is the query string as sent, without '?' ("" when none). */
    public static byte[] message(String method, String rawPath, String rawQuery, long timestampMs) {
        return (DOMAIN + "\n" + method.toUpperCase(Locale.ROOT) + "\n" + rawPath + "\n" + (rawQuery == null ? "" : rawQuery)
                + "\n" + timestampMs).getBytes(StandardCharsets.UTF_8);
    }

    /** The signer id as the registry knows it: {@code ed25519:<hex>} or {@code sm2:<hex>}. */
    public static String signerId(SigningKey key) {
        return key.algorithm().jsonName().toLowerCase(Locale.ROOT) + ":" + Hex.encode(key.publicKey().raw());
    }

    /** The three headers for a request. */
    public static Map<String, String> headers(SigningKey key, String method, String rawPath, String rawQuery, long timestampMs) {
        Map<String, String> h = new TreeMap<>();
        h.put(SIGNER, signerId(key));
        h.put(TIMESTAMP, Long.toString(timestampMs));
        h.put(SIGNATURE, Base64Url.encode(key.sign(message(method, rawPath, rawQuery, timestampMs))));
        return h;
    }
}
