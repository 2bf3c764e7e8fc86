package org.fundchain.fund;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;

import org.fundchain.codec.Base64Url;
import org.fundchain.codec.Json;
import org.fundchain.crypto.HashAlgorithm;
import org.fundchain.crypto.SignatureAlgorithm;
import org.fundchain.crypto.SigningKey;
import org.fundchain.ledger.Transaction;
import org.junit.jupiter.api.Test;

/** The envelope FundCommands signs is what the node parses, and stored receipts map onto results. */
class FundCommandsTest {

    @Test
    void envelopeParsesAsTheSignedTransaction() {
        SigningKey key = SigningKey.generate(SignatureAlgorithm.ED25519, new SecureRandom());
        SortedMap<String, Object> env = FundCommands.envelope(key, "main", "project", "approve",
                Map.of("projectId", "P000001"), "n-1", 1_700_000_000_000L);
        Transaction tx = Transaction.fromApiJson(HashAlgorithm.SHA256, env);
        assertTrue(tx.verifySignature());
        assertEquals("main", tx.chain());
        assertEquals("project", tx.contract());
        assertEquals("approve", tx.method());
        assertEquals("n-1", tx.nonce());
        assertEquals(1_700_000_000_000L, tx.timestamp());
        assertEquals(Map.of("projectId", "P000001"), tx.args());
        String payload = new String(Base64Url.decode((String) env.get("payload"), "payload"), StandardCharsets.UTF_8);
        assertEquals(payload, Json.write(Json.parse(payload)), "canonical JSON");
        assertNotEquals(FundCommands.nonce(), FundCommands.nonce());
    }

    @Test
    void receiptsBecomeResults() {
        CommandResult ok = FundCommands.fromReceipt("h", "COMMITTED",
                "{\"result\":{\"draftId\":\"D000001\"},\"status\":\"COMMITTED\"}");
        assertTrue(ok.ok());
        assertEquals("D000001", ok.resultObject().get("draftId"));
        CommandResult no = FundCommands.fromReceipt("h", "REJECTED",
                "{\"errorCode\":\"FORBIDDEN\",\"errorMessage\":\"role may not\",\"status\":\"REJECTED\"}");
        assertEquals(CommandResult.Status.REJECTED, no.status());
        assertEquals("FORBIDDEN", no.code());
        assertEquals("role may not", no.message());
        CommandResult cut = FundCommands.fromReceipt("h", "COMMITTED", "{\"result\":[1,2");
        assertTrue(cut.ok(), "a receipt cut at the stored size limit still reports the commit");
        assertEquals(List.of(), List.copyOf(cut.resultObject().keySet()));
    }
}
