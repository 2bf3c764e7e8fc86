package org.fundchain.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.security.SecureRandom;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

import org.fundchain.codec.Json;
import org.fundchain.crypto.HashAlgorithm;
import org.fundchain.crypto.SignatureAlgorithm;
import org.fundchain.crypto.SigningKey;
import org.fundchain.fund.ChainAccess;
import org.fundchain.ledger.Transaction;
import org.fundchain.ledger.jpa.TransactionRecord;
import org.junit.jupiter.api.Test;

/** The portal explorer applies the raw-chain rule of the REST API (issue 11 item 5): no business data without FULL. */
class ExplorerAccessTest {
    static final String SECRET = "SECRET-RESULT-5d1e";

    final SigningKey key = SigningKey.generate(SignatureAlgorithm.ED25519, new SecureRandom());
    final Transaction tx = tx();
    final TransactionRecord rec = new TransactionRecord("main", tx.hashHex(), 3, 0, "k", "bank", "pushFlow", "COMMITTED",
            "{\"result\":\"" + SECRET + "\"}");

    Transaction tx() {
        SortedMap<String, Object> p = new TreeMap<>();
        p.put("chain", "main");
        p.put("contract", "reconciliation");
        p.put("method", "pushFlow");
        p.put("args", Map.of());
        p.put("nonce", "n-1");
        p.put("timestamp", BigDecimal.valueOf(1_767_225_600_000L));
        byte[] payload = Json.writeBytes(p);
        return Transaction.of(HashAlgorithm.SHA256, payload, SignatureAlgorithm.ED25519, key.publicKey().raw(), key.sign(payload));
    }

    @Test
    void aReaderWithoutAccessSeesStatusAndPlaceButNoCallSignerOrOutcome() {
        ExplorerBean.TxView v = ExplorerBean.txView(rec, tx, ChainAccess.Access.PUBLIC);
        assertFalse(v.full());
        assertEquals("COMMITTED", v.status());
        assertEquals(3, v.height());
        assertEquals("", v.contract());
        assertEquals("", v.method());
        assertEquals("", v.signer());
        assertEquals("", v.nonce());
        assertEquals(0, v.clientTime());
        assertFalse(v.toString().contains(SECRET));
        ExplorerBean.TxRow r = ExplorerBean.row(0, tx, "COMMITTED", ChainAccess.Access.PUBLIC);
        assertEquals("", r.contract());
        assertEquals("", r.method());
        assertEquals(tx.hashHex(), r.hash());
    }

    @Test
    void aReaderWithAccessSeesEverything() {
        ExplorerBean.TxView v = ExplorerBean.txView(rec, tx, ChainAccess.Access.FULL);
        assertTrue(v.full());
        assertTrue(v.outcome().contains(SECRET));
        assertEquals("n-1", v.nonce());
        assertEquals("reconciliation", ExplorerBean.row(0, tx, "COMMITTED", ChainAccess.Access.FULL).contract());
    }
}
