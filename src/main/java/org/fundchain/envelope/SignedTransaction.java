package org.fundchain.envelope;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

import org.fundchain.codec.Base64Url;
import org.fundchain.codec.Json;
import org.fundchain.crypto.CryptoSuite;
import org.fundchain.crypto.Hex;
import org.fundchain.crypto.SigningKey;

/**
 * A transaction as a signer builds it for {@code POST /api/v1/chains/{chain}/transactions}
 * (ARCHITECTURE §5): the payload is canonical UTF-8 JSON, signed as-is; the hash is over those bytes. The Java client
 * and the portal (which signs for its users) build envelopes here; the node parses them as {@code ledger.Transaction}.
 */
public record SignedTransaction(String chain, byte[] payload, String txHash, String json) {

    public static SignedTransaction sign(SigningKey key, CryptoSuite suite, String chain, String contract,
            String method, Map<String, ?> args, String nonce, long timestampMs) {
        byte[] payload = payload(key, chain, contract, method, args, nonce, timestampMs);
        return new SignedTransaction(chain, payload, Hex.encode(suite.hash().digest(payload)), Json.write(envelope(key, payload)));
    }

    /** The §5 envelope {payload, signer, alg, signature}: canonical JSON payload, signed as-is. */
    public static SortedMap<String, Object> envelope(SigningKey key, String chain, String contract, String method,
            Map<String, ?> args, String nonce, long timestampMs) {
        return envelope(key, payload(key, chain, contract, method, args, nonce, timestampMs));
    }

    /** The payload names its signer, which binds the transaction id (the payload's hash) to the key. */
    private static byte[] payload(SigningKey key, String chain, String contract, String method, Map<String, ?> args,
            String nonce, long timestampMs) {
        SortedMap<String, Object> p = new TreeMap<>();
        p.put("signer", Base64Url.encode(key.publicKey().raw()));
        p.put("chain", chain);
        p.put("contract", contract);
        p.put("method", method);
        p.put("args", new TreeMap<>(args));
        p.put("nonce", nonce);
        p.put("timestamp", timestampMs);
        return Json.write(p).getBytes(StandardCharsets.UTF_8);
    }

    private static SortedMap<String, Object> envelope(SigningKey key, byte[] payload) {
        SortedMap<String, Object> envelope = new TreeMap<>();
        envelope.put("payload", Base64Url.encode(payload));
        envelope.put("signer", Base64Url.encode(key.publicKey().raw()));
        envelope.put("alg", key.algorithm().jsonName());
        envelope.put("signature", Base64Url.encode(key.sign(payload)));
        return envelope;
    }
}
