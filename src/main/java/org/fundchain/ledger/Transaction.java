package org.fundchain.ledger;

import java.math.BigDecimal;
import java.util.Arrays;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;

import org.fundchain.codec.Base64Url;
import org.fundchain.codec.CanonicalReader;
import org.fundchain.codec.CanonicalWriter;
import org.fundchain.codec.CodecException;
import org.fundchain.codec.Json;
import org.fundchain.crypto.CryptoException;
import org.fundchain.crypto.HashAlgorithm;
import org.fundchain.crypto.Hex;
import org.fundchain.crypto.PublicKey;
import org.fundchain.crypto.SignatureAlgorithm;

/**
 * A client-signed transaction (ARCHITECTURE §5): the exact payload bytes (UTF-8 canonical-or-not JSON
 * {"chain","contract","method","args","nonce","timestamp"}), the signer's raw public key, its algorithm
 * and the signature over the payload bytes. Parsing checks shape and bounds only; the (expensive)
 * signature check is {@link #verifySignature()}, so callers can cache it.
 */
public final class Transaction {
    public static final int MAX_PAYLOAD_BYTES = 64 * 1024;
    public static final int MAX_SIGNATURE_BYTES = 128;
    /** The largest transaction's canonical encoding (see {@link #encodedSize()}): payload, an SM2 key, a signature. */
    public static final int MAX_ENCODED_BYTES = MAX_PAYLOAD_BYTES + 65 + MAX_SIGNATURE_BYTES + 13;
    public static final int MAX_NONCE_CHARS = 128;
    public static final int MAX_NAME_CHARS = 128;
    private static final Set<String> FIELDS = Set.of("chain", "contract", "method", "args", "nonce", "timestamp", "signer");

    private final byte[] payload;
    private final SignatureAlgorithm algorithm;
    private final byte[] signer;
    private final boolean namesSigner;
    private final byte[] signature;
    private final byte[] hash;
    /** {@link #hash} in hex, the id every duplicate check and index looks up: encoded once, not per look-up. */
    private final String hashHex;
    private final HashAlgorithm hashAlg;
    private volatile byte[] envelopeHash;
    private final String chain;
    private final String contract;
    private final String method;
    private final Object args;
    private final String nonce;
    private final long timestamp;
    private final String replayKey;
    /** The signer's raw key in hex (part of the replay key and of the signer's registry id). */
    private final String signerHex;

    private Transaction(HashAlgorithm hashAlg, byte[] payload, SignatureAlgorithm algorithm, byte[] signer, byte[] signature) {
        if (payload.length == 0 || payload.length > MAX_PAYLOAD_BYTES) {
            throw new CodecException("payload must be 1.." + MAX_PAYLOAD_BYTES + " bytes, got " + payload.length);
        }
        int keyLen = algorithm == SignatureAlgorithm.ED25519 ? 32 : 65;
        if (signer.length != keyLen || (algorithm == SignatureAlgorithm.SM2 && signer[0] != 0x04)) {
            throw new CodecException("signer is not a raw " + algorithm.jsonName() + " public key");
        }
        if (signature.length == 0 || signature.length > MAX_SIGNATURE_BYTES) {
            throw new CodecException("signature must be 1.." + MAX_SIGNATURE_BYTES + " bytes");
        }
        this.payload = payload;
        this.algorithm = algorithm;
        this.signer = signer;
        this.signature = signature;
        this.hash = hashAlg.digest(payload);
        this.hashHex = Hex.encode(hash);
        this.hashAlg = hashAlg;
        SortedMap<String, Object> json = Json.parseObject(payload, MAX_PAYLOAD_BYTES);
        for (String k : json.keySet()) {
            if (!FIELDS.contains(k)) {
                throw new CodecException("payload has unknown field '" + k + "'");
            }
        }
        this.chain = name(json, "chain");
        this.contract = name(json, "contract");
        this.method = name(json, "method");
        if (!json.containsKey("args")) {
            throw new CodecException("payload field 'args' is missing");
        }
        if (!(json.get("args") instanceof SortedMap)) {
            // one rule for every path (REST, gossip, blocks): contracts take named arguments, never a bare value
            throw new CodecException("payload field 'args' must be a JSON object");
        }
        this.args = json.get("args");
        // The transaction id is the payload's hash. A payload that names its signer (base64url of the raw key, as
        // the project's clients always write it) binds that id to the key: nobody who sees it pending can re-sign it
        // under another key and take the id (and the client's transaction) away.
        Object named = json.get("signer");
        if (named != null && !(named instanceof String n && n.equals(Base64Url.encode(signer)))) {
            throw new CodecException("payload field 'signer' names another key than the envelope's signer");
        }
        this.namesSigner = named != null;
        this.nonce = nonceOf(json.get("nonce"));
        this.timestamp = timestampOf(json.get("timestamp"));
        // Nonce first: the key is the ledger's unique index, and index look-ups compare from the left — a
        // signer's 64 identical hex digits in front made every comparison walk them. The signer's hex has a
        // fixed length per algorithm, so the key still names exactly one (signer, nonce).
        this.signerHex = Hex.encode(signer);
        this.replayKey = nonce + "/" + signerHex;
    }

    private static String name(Map<String, Object> json, String field) {
        Object v = json.get(field);
        if (!(v instanceof String) || ((String) v).isEmpty() || ((String) v).length() > MAX_NAME_CHARS) {
            throw new CodecException("payload field '" + field + "' must be a string of 1.." + MAX_NAME_CHARS + " characters");
        }
        requireNoNul((String) v, field);
        return (String) v;
    }

    /** A nonce is a string or a non-negative integer; 7 and "7" are the same nonce on purpose. */
    private static String nonceOf(Object v) {
        String s;
        if (v instanceof String) {
            s = (String) v;
        } else if (v instanceof BigDecimal && ((BigDecimal) v).signum() >= 0 && isInteger((BigDecimal) v)) {
            s = ((BigDecimal) v).toBigInteger().toString();
        } else {
            throw new CodecException("payload field 'nonce' must be a string or a non-negative integer");
        }
        if (s.isEmpty() || s.length() > MAX_NONCE_CHARS) {
            throw new CodecException("nonce must have 1.." + MAX_NONCE_CHARS + " characters");
        }
        requireNoNul(s, "nonce");
        return s;
    }

    /**
     * The nonce (in the ledger's REPLAY_KEY), chain, contract and method are stored as text even when the contract
     * refuses the call, and PostgreSQL refuses the NUL character in text: one such transaction would stop the chain
     * of every node on PostgreSQL while Derby nodes went on. Refused here, on every node alike. (The JSON parser
     * already refuses lone surrogates, which PostgreSQL's driver would store as '?'.)
     */
    private static void requireNoNul(String s, String field) {
        if (s.indexOf('\u0000') >= 0) {
            throw new CodecException("payload field '" + field + "' must not contain the NUL character (U+0000)");
        }
    }

    private static long timestampOf(Object v) {
        if (!(v instanceof BigDecimal) || !isInteger((BigDecimal) v) || ((BigDecimal) v).signum() < 0) {
            throw new CodecException("payload field 'timestamp' must be a non-negative integer (epoch ms)");
        }
        try {
            return ((BigDecimal) v).longValueExact();
        } catch (ArithmeticException e) {
            throw new CodecException("timestamp out of range", e);
        }
    }

    private static boolean isInteger(BigDecimal d) {
        return d.signum() == 0 || d.stripTrailingZeros().scale() <= 0;
    }

    /** Builds and parses a transaction; throws {@link CodecException} for anything malformed. */
    public static Transaction of(HashAlgorithm hashAlg, byte[] payload, SignatureAlgorithm alg, byte[] signer, byte[] signature) {
        if (hashAlg == null || payload == null || alg == null || signer == null || signature == null) {
            throw new CodecException("transaction fields are required");
        }
        return RECENT.decode(hashAlg, payload.clone(), alg, signer.clone(), signature.clone());
    }

    /** Parses the public API's JSON envelope {"payload","signer","alg","signature"} (base64url fields). */
    public static Transaction fromApiJson(HashAlgorithm hashAlg, Map<String, Object> json) {
        for (String k : json.keySet()) {
            if (!Set.of("payload", "signer", "alg", "signature").contains(k)) {
                throw new CodecException("unknown field '" + k + "'");
            }
        }
        SignatureAlgorithm alg;
        try {
            alg = SignatureAlgorithm.fromJsonName(json.get("alg") instanceof String ? (String) json.get("alg") : null);
        } catch (CryptoException e) {
            throw new CodecException(e.getMessage(), e);
        }
        return of(hashAlg, b64(json, "payload"), alg, b64(json, "signer"), b64(json, "signature"));
    }

    private static byte[] b64(Map<String, Object> json, String field) {
        Object v = json.get(field);
        if (!(v instanceof String)) {
            throw new CodecException(field + " must be a base64url string");
        }
        if (((String) v).length() > 2 * MAX_PAYLOAD_BYTES) {
            throw new CodecException(field + " is too long");
        }
        return Base64Url.decode((String) v, field);
    }

    public void write(CanonicalWriter w) {
        w.bytes(payload).u8(algorithm.ordinal()).bytes(signer).bytes(signature);
    }

    public byte[] encode() {
        CanonicalWriter w = new CanonicalWriter(payload.length + signer.length + signature.length + 16);
        write(w);
        return w.toByteArray();
    }

    public static Transaction read(CanonicalReader r, HashAlgorithm hashAlg) {
        byte[] payload = r.bytes(MAX_PAYLOAD_BYTES);
        int a = r.u8();
        if (a >= SignatureAlgorithm.values().length) {
            throw new CodecException("unknown signature algorithm " + a);
        }
        byte[] signer = r.bytes(65);
        byte[] sig = r.bytes(MAX_SIGNATURE_BYTES);
        return RECENT.decode(hashAlg, payload, SignatureAlgorithm.values()[a], signer, sig);
    }

    /**
     * Transactions decoded lately, by their exact bytes: a backup reads each transaction in gossip, in the gossip's
     * second frame and in the proposal, and decoding (hashing, parsing the payload) was the largest allocation of a
     * node under load. A hit returns the object an earlier decode made from the very same bytes (hash algorithm,
     * payload, algorithm, signer and signature all compared in full), which is what decoding would make again: it
     * vouches for the decoding, never for a signature or for admission. Two generations of at most
     * {@link #RECENT_PER_GENERATION} entries and {@link #RECENT_BYTES_PER_GENERATION} of estimated retained memory
     * each ({@link #retainedEstimate}): entries are kept before any check, so whoever sends bytes chooses them, and a
     * 64 KiB payload keeps 150 KiB (a string argument) to 1.5 MiB (an array of numbers) alive. Old entries age out.
     */
    private static final Recent RECENT = new Recent();
    static final int RECENT_PER_GENERATION = 8192;
    /**
     * A typical transaction (300 bytes, a few arguments; 2.4 KiB retained with its entry) is bounded by the count
     * (8192 of them: about 20 MiB a generation); heavy ones by this: at most about 2 x 24 MiB in all.
     */
    static final long RECENT_BYTES_PER_GENERATION = 24L * 1024 * 1024;

    private static final class Recent {
        private static final class Generation {
            final java.util.concurrent.ConcurrentHashMap<java.nio.ByteBuffer, Transaction> map =
                    new java.util.concurrent.ConcurrentHashMap<>();
            final java.util.concurrent.atomic.AtomicLong bytes = new java.util.concurrent.atomic.AtomicLong();

            boolean full() {
                return map.size() >= RECENT_PER_GENERATION || bytes.get() >= RECENT_BYTES_PER_GENERATION;
            }
        }

        private volatile Generation current = new Generation();
        private volatile Generation previous = new Generation();

        Transaction decode(HashAlgorithm hashAlg, byte[] payload, SignatureAlgorithm alg, byte[] signer, byte[] sig) {
            java.nio.ByteBuffer key = java.nio.ByteBuffer.wrap(sig);
            Transaction t = current.map.get(key);
            if (t == null) {
                t = previous.map.get(key);
            }
            if (t != null && t.hashAlg == hashAlg && t.algorithm == alg && Arrays.equals(t.payload, payload)
                    && Arrays.equals(t.signer, signer) && Arrays.equals(t.signature, sig)) {
                return t;
            }
            t = new Transaction(hashAlg, payload, alg, signer, sig); // throws for anything malformed: nothing kept
            Generation cur = current;
            if (cur.full()) {
                synchronized (this) { // one rotation per full generation, however many threads see it full
                    if (current == cur) {
                        previous = cur;
                        current = new Generation();
                    }
                    cur = current;
                }
            }
            cur.bytes.addAndGet(t.retainedEstimate()); // a replaced entry stays counted: the bound only errs low
            cur.map.put(java.nio.ByteBuffer.wrap(t.signature), t);
            return t;
        }
    }

    /**
     * An upper estimate of the memory this object keeps alive: its bytes (payload, key, signature) and the strings made
     * of them (hashes, replay key, string arguments), about three times the encoding, plus 80 bytes per parsed JSON
     * value or member (a BigDecimal or empty map, its list slot or map entry and key) and 1 KiB for the fixed parts
     * and the cache entry. Measured against this estimate: 2.4 KiB / 2.6 KiB for a typical 324-byte transaction,
     * 151 KiB / 197 KiB for a 64 KiB string argument, 1.6 MiB / 2.6 MiB for 64 KiB of "0," or "{}," in an array.
     */
    long retainedEstimate() {
        return 3L * encodedSize() + 80L * jsonValues(args) + 1024;
    }

    private static long jsonValues(Object v) {
        long n = 1;
        if (v instanceof Map<?, ?> m) {
            for (Object e : m.values()) {
                n += 1 + jsonValues(e); // the member (entry and key) and its value; depth is bounded by the parser
            }
        } else if (v instanceof java.util.List<?> l) {
            for (Object e : l) {
                n += jsonValues(e);
            }
        }
        return n;
    }

    public static Transaction decode(byte[] bytes, HashAlgorithm hashAlg) {
        CanonicalReader r = new CanonicalReader(bytes);
        Transaction t = read(r, hashAlg);
        r.requireEnd();
        return t;
    }

    /**
     * The hash of the whole envelope — algorithm, signer, signature and payload — where {@link #hash()} covers
     * the payload only. Whatever vouches for a transaction as signed (a verification cache, a block's
     * transaction root and so its commit certificate) must use this: a payload hash says nothing about who
     * signed it, or whether the signature verifies.
     */
    public byte[] envelopeHash() {
        byte[] e = envelopeHash;
        if (e == null) {
            CanonicalWriter w = new CanonicalWriter(hash.length + signer.length + signature.length + 32);
            w.bytes(ENVELOPE_DOMAIN).bytes(hash).u8(algorithm.ordinal()).bytes(signer).bytes(signature);
            e = hashAlg.digest(w.toByteArray());
            envelopeHash = e;
        }
        return e.clone();
    }

    byte[] envelopeHashUnsafe() {
        envelopeHash();
        return envelopeHash;
    }

    private static final byte[] ENVELOPE_DOMAIN = "fundchain/tx-envelope/v1".getBytes(java.nio.charset.StandardCharsets.US_ASCII);

    /** True if the signature verifies over the payload bytes. Never throws. */
    public boolean verifySignature() {
        try {
            return KEYS.get(algorithm, signer).verify(payload, signature);
        } catch (CryptoException e) {
            return false;
        }
    }

    /**
     * Decoded signer keys: decoding a point costs about a fifth of a verification and a consortium has few
     * signers, so keep the recent ones. Bounded; a key that fails to decode is never cached.
     */
    private static final KeyCache KEYS = new KeyCache(4096);

    private static final class KeyCache {
        private final int max;
        private final java.util.concurrent.ConcurrentHashMap<java.nio.ByteBuffer, PublicKey> keys = new java.util.concurrent.ConcurrentHashMap<>();

        KeyCache(int max) {
            this.max = max;
        }

        PublicKey get(SignatureAlgorithm alg, byte[] raw) {
            // the raw key with the algorithm's index in front: one byte array per algorithm and key, compared whole
            byte[] k0 = new byte[raw.length + 1];
            k0[0] = (byte) alg.ordinal();
            System.arraycopy(raw, 0, k0, 1, raw.length);
            java.nio.ByteBuffer id = java.nio.ByteBuffer.wrap(k0);
            PublicKey k = keys.get(id);
            if (k == null) {
                k = PublicKey.of(alg, raw);
                if (keys.size() >= max) {
                    keys.clear();
                }
                keys.put(id, k);
            }
            return k;
        }
    }

    /** Size in the canonical encoding; what batching limits count. */
    public int encodedSize() {
        return payload.length + signer.length + signature.length + 13;
    }

    public byte[] payload() { return payload.clone(); }
    public SignatureAlgorithm algorithm() { return algorithm; }
    public byte[] signer() { return signer.clone(); }

    /**
     * Whether the payload names its signer (field {@code signer}). Nodes order only such transactions (node.SubmitGate):
     * the id is the payload's hash, so a payload that does not bind the key could be re-signed by any admitted key
     * while pending and its id (the author's transaction) taken away.
     */
    public boolean namesSigner() { return namesSigner; }
    public byte[] signature() { return signature.clone(); }
    public byte[] hash() { return hash.clone(); }
    public String hashHex() { return hashHex; }
    public String chain() { return chain; }
    public String contract() { return contract; }
    public String method() { return method; }
    /** The parsed args value (SortedMap, List, String, BigDecimal, Boolean or null). */
    public Object args() { return args; }
    public String nonce() { return nonce; }
    /** Client time, epoch milliseconds. */
    public long timestamp() { return timestamp; }
    /** "nonce/signerhex": (signer, nonce) executes at most once. */
    public String replayKey() { return replayKey; }
    /** The signer's raw public key in lower-case hex. */
    public String signerHex() { return signerHex; }

    byte[] hashUnsafe() { return hash; }

    @Override
    public boolean equals(Object o) {
        return o instanceof Transaction && Arrays.equals(((Transaction) o).hash, hash) && ((Transaction) o).algorithm == algorithm
                && Arrays.equals(((Transaction) o).signature, signature) && Arrays.equals(((Transaction) o).signer, signer);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(hash);
    }

    @Override
    public String toString() {
        return "Tx(" + hashHex().substring(0, 12) + " " + contract + "." + method + " nonce=" + nonce + ")";
    }
}
