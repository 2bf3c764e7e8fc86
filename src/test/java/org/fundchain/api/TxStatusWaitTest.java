package org.fundchain.api;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.fundchain.codec.Json;
import org.fundchain.fund.ChainAccess;
import org.fundchain.ledger.jpa.TransactionRecord;
import org.junit.jupiter.api.Test;

/**
 * Issue 11 (b): a signed long-poll by a key that is not admitted did not wake on commit. Such a key can only ask to
 * register, and it sees its own transaction in full — whose outcome is the request record, {@code "status":"PENDING"}
 * (pending approval). The wait decided "still pending" by searching the answer's JSON for that text, so once the
 * request had committed, every poll waited out its whole waitMs. Whether to wait is decided by what the node knows
 * of the transaction, never by the text of a contract's result.
 */
class TxStatusWaitTest {
    @Test
    void aCommittedRegistrationRequestSeenInFullIsSettledThoughItsResultSaysPending() {
        TransactionRecord t = new TransactionRecord("main", "ab".repeat(32), 3, 0, "k", "registry", "requestRegistration",
                "COMMITTED", "{\"result\":{\"status\":\"PENDING\",\"org\":\"bank\"}}");
        String body = Json.write(ChainViews.committed(t, null, "node0", ChainAccess.Access.FULL));
        assertTrue(body.contains("\"status\":\"PENDING\""), "the answer a non-admitted signer gets: " + body);
        assertTrue(ChainResource.settled(true, null), "committed: the long-poll must answer now");
    }

    @Test
    void onlyPendingAndUnknownWait() {
        assertFalse(ChainResource.settled(false, null), "pending or unknown here: wait");
        assertTrue(ChainResource.settled(false, "replay: transaction x executed this (signer, nonce)"), "finally refused");
    }
}
