package org.fundchain.ledger;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.TreeMap;

import org.fundchain.codec.Base64Url;
import org.fundchain.codec.CodecException;
import org.fundchain.crypto.Hex;
import org.fundchain.crypto.SignatureAlgorithm;
import org.junit.jupiter.api.Test;

class TransactionTest {
    private final LedgerTestSupport s = new LedgerTestSupport(4);

    @Test
    void parsesFieldsAndHashesThePayloadBytes() {
        Transaction t = s.tx(7);
        assertEquals(LedgerTestSupport.CHAIN, t.chain());
        assertEquals("draft", t.contract());
        assertEquals("create", t.method());
        assertEquals("7", t.nonce());
        assertEquals(1_700_000_000_007L, t.timestamp());
        assertEquals(Hex.encode(s.hash.digest(t.payload())), t.hashHex());
        assertTrue(t.verifySignature());
        assertEquals("7/" + Hex.encode(t.signer()), t.replayKey());
        Transaction back = Transaction.decode(t.encode(), s.hash);
        assertEquals(t, back);
        assertArrayEquals(t.payload(), back.payload());
    }

    @Test
    void stringAndIntegerNoncesAreTheSameNonce() {
        byte[] a = LedgerTestSupport.payload("c", "12", 1);
        byte[] b = LedgerTestSupport.payload("c", BigDecimal.valueOf(12), 1);
        byte[] key = s.client.publicKey().raw();
        assertEquals(Transaction.of(s.hash, a, SignatureAlgorithm.ED25519, key, s.client.sign(a)).replayKey(),
                Transaction.of(s.hash, b, SignatureAlgorithm.ED25519, key, s.client.sign(b)).replayKey());
    }

    /**
     * PostgreSQL refuses the NUL character in text columns (Derby stores it). The nonce (in REPLAY_KEY), method and
     * contract are stored as text, even for a rejected transaction: one admitted client's transaction with
     * "\u0000" in its nonce or method made every PostgreSQL node's block append fail, and so its chain stop, while
     * Derby nodes went on. The parser refuses it, the same on every node whatever it stores in.
     */
    @Test
    void aNulCharacterInTheNonceOrANameIsRefused() {
        byte[] key = s.client.publicKey().raw();
        for (String field : new String[] { "nonce", "method", "contract", "chain" }) {
            Map<String, Object> p = new TreeMap<>();
            p.put("chain", LedgerTestSupport.CHAIN);
            p.put("contract", "draft");
            p.put("method", "create");
            p.put("args", Map.of());
            p.put("nonce", "n1");
            p.put("timestamp", BigDecimal.ONE);
            p.put(field, p.get(field) + "\u0000x");
            byte[] payload = org.fundchain.codec.Json.writeBytes(p);
            CodecException e = assertThrows(CodecException.class,
                    () -> Transaction.of(s.hash, payload, SignatureAlgorithm.ED25519, key, s.client.sign(payload)), field);
            assertTrue(e.getMessage().contains("NUL"), e.getMessage());
        }
    }

    /**
     * Decoding reuses the object an earlier decode made only from the very same bytes (attacker: a member or client
     * that resends a signature it saw with other bytes). Same signature with another payload, another signer or
     * another hash algorithm decodes to what those bytes say, and its signature check is its own.
     */
    @Test
    void aRecentlyDecodedTransactionIsReusedOnlyForExactlyTheSameBytes() {
        Transaction t = s.tx(11);
        Transaction again = Transaction.decode(t.encode(), s.hash);
        assertTrue(again == Transaction.decode(t.encode(), s.hash), "the same bytes decode to the object decoded before");
        byte[] p = t.payload();
        p[p.length - 3] ^= 1; // another payload under the same signature
        Transaction forged = Transaction.decode(Transaction.of(s.hash, p, t.algorithm(), t.signer(), t.signature()).encode(), s.hash);
        assertArrayEquals(p, forged.payload());
        assertFalse(forged.verifySignature());
        assertTrue(again.verifySignature());
        byte[] otherKey = new LedgerTestSupport(4).client.publicKey().raw();
        Transaction resigned = Transaction.decode(Transaction.of(s.hash, t.payload(), t.algorithm(), otherKey, t.signature()).encode(), s.hash);
        assertArrayEquals(otherKey, resigned.signer());
        assertFalse(resigned.verifySignature());
        Transaction sm3 = Transaction.decode(t.encode(), org.fundchain.crypto.HashAlgorithm.SM3);
        assertEquals(Hex.encode(org.fundchain.crypto.HashAlgorithm.SM3.digest(t.payload())), sm3.hashHex());
        assertFalse(sm3.hashHex().equals(t.hashHex()));
    }

    /**
     * Red team 7: the decode cache keeps what it decoded before any signature or admission check, so whoever may send
     * bytes (a member's gossip, up to 4096 transactions a frame; any HTTP client's submissions) chooses what it holds.
     * Bounded by count only (2 x 8192), entries of 64 KiB payloads keep about 150 KiB each alive as a string argument
     * and about 1.5 MiB each as an array of numbers (parsed args are retained): 2.4 GiB to 25 GiB on a 1 GiB heap.
     * The cache must also be bounded by what its entries retain: heavy transactions age out after some hundreds.
     */
    @Test
    void recentlyDecodedTransactionsAreBoundedByWhatTheyRetainNotOnlyByTheirCount() {
        for (String kind : new String[] {"string", "numbers"}) {
            int many = kind.equals("string") ? 400 : 40; // about 60 MiB each of retained objects
            byte[] first = heavy(kind, 0).encode();
            Transaction cached = Transaction.decode(first, s.hash);
            assertTrue(cached == Transaction.decode(first, s.hash), "cached at first");
            for (int i = 1; i <= many; i++) {
                Transaction.decode(heavy(kind, i).encode(), s.hash);
            }
            assertFalse(cached == Transaction.decode(first, s.hash),
                    many + " heavy transactions (" + kind + " args) later, the first is still held");
        }
    }

    /** A transaction of a 64 KiB payload that parses into a large object graph; its signature is not checked here. */
    private static Transaction heavy(String kind, int i) {
        StringBuilder a = new StringBuilder(Transaction.MAX_PAYLOAD_BYTES);
        if (kind.equals("string")) {
            a.append('"');
            while (a.length() < Transaction.MAX_PAYLOAD_BYTES - 300) {
                a.append('x');
            }
            a.append('"');
        } else {
            a.append("[0");
            while (a.length() < Transaction.MAX_PAYLOAD_BYTES - 300) {
                a.append(",0");
            }
            a.append(']');
        }
        byte[] p = ("{\"args\":{\"a\":" + a + "},\"chain\":\"c\",\"contract\":\"k\",\"method\":\"m\",\"nonce\":\"" + i
                + "\",\"timestamp\":1}").getBytes(StandardCharsets.UTF_8);
        byte[] signer = new byte[32];
        signer[0] = 9;
        byte[] sig = new byte[64];
        sig[0] = (byte) i;
        sig[1] = (byte) (i >> 8);
        sig[2] = (byte) kind.length();
        sig[3] = 0x5a;
        return Transaction.of(org.fundchain.crypto.HashAlgorithm.SHA256, p, SignatureAlgorithm.ED25519, signer, sig);
    }

    @Test
    void aTamperedPayloadDoesNotVerify() {
        Transaction t = s.tx(1);
        byte[] p = t.payload();
        p[p.length - 3] ^= 1;
        Transaction bad = Transaction.of(s.hash, p, t.algorithm(), t.signer(), t.signature());
        assertFalse(bad.verifySignature());
    }

    @Test
    void refusesMalformedPayloads() {
        byte[] key = s.client.publicKey().raw();
        byte[] sig = new byte[64];
        Map<String, Object> extra = new TreeMap<>(Map.of("chain", "c", "contract", "x", "method", "m", "args", "a",
                "nonce", "1", "timestamp", BigDecimal.ONE, "evil", "yes"));
        for (String json : new String[] {"{}", "[]", "{\"chain\":\"c\"}", "not json",
                "{\"chain\":\"c\",\"contract\":\"x\",\"method\":\"m\",\"args\":{},\"nonce\":-1,\"timestamp\":1}",
                "{\"chain\":\"c\",\"contract\":\"x\",\"method\":\"m\",\"args\":{},\"nonce\":\"1\",\"timestamp\":1.5}",
                org.fundchain.codec.Json.write(extra)}) {
            byte[] p = json.getBytes(StandardCharsets.UTF_8);
            assertThrows(CodecException.class, () -> Transaction.of(s.hash, p, SignatureAlgorithm.ED25519, key, sig), json);
        }
        byte[] ok = LedgerTestSupport.payload("c", "1", 1);
        assertThrows(CodecException.class, () -> Transaction.of(s.hash, ok, SignatureAlgorithm.ED25519, new byte[31], sig));
        assertThrows(CodecException.class, () -> Transaction.of(s.hash, ok, SignatureAlgorithm.SM2, key, sig));
        assertThrows(CodecException.class, () -> Transaction.of(s.hash, new byte[Transaction.MAX_PAYLOAD_BYTES + 1],
                SignatureAlgorithm.ED25519, key, sig));
    }

    @Test
    void parsesTheApiEnvelope() {
        Transaction t = s.tx(3);
        Map<String, Object> json = new TreeMap<>();
        json.put("payload", Base64Url.encode(t.payload()));
        json.put("signer", Base64Url.encode(t.signer()));
        json.put("alg", "Ed25519");
        json.put("signature", Base64Url.encode(t.signature()));
        assertEquals(t, Transaction.fromApiJson(s.hash, json));
        json.put("alg", "RSA");
        assertThrows(CodecException.class, () -> Transaction.fromApiJson(s.hash, json));
    }
}
