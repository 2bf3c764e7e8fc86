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
