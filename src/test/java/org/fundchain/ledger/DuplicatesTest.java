package org.fundchain.ledger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.util.List;
import java.util.Set;

import org.fundchain.crypto.SignatureAlgorithm;
import org.fundchain.crypto.SigningKey;
import org.junit.jupiter.api.Test;

/** The one duplicate rule: same transaction id (payload hash) or same (signer, nonce). */
class DuplicatesTest {
    private final LedgerTestSupport s = new LedgerTestSupport(1);
    private final SigningKey other = SigningKey.generate(SignatureAlgorithm.ED25519, LedgerTestSupport.RND);

    private Transaction resigned(Transaction t, SigningKey k) {
        return Transaction.of(s.hash, t.payload(), t.algorithm(), k.publicKey().raw(), k.sign(t.payload()));
    }

    @Test
    void samePayloadUnderAnotherSignerAndSameNonceUnderAnotherPayloadAreBothDuplicates() {
        Transaction t = s.tx(1);
        Duplicates.Index seen = new Duplicates.Index();
        assertNull(seen.add(t));
        Transaction sameId = resigned(t, other);
        assertTrue(seen.add(sameId).startsWith("duplicate"), "same payload, other signer");
        byte[] p = LedgerTestSupport.payload(LedgerTestSupport.CHAIN, BigDecimal.ONE, 1_700_000_000_999L);
        Transaction sameNonce = Transaction.of(s.hash, p, SignatureAlgorithm.ED25519, s.client.publicKey().raw(), s.client.sign(p));
        assertTrue(seen.add(sameNonce).startsWith("replay"), "same signer and nonce, other payload");
        assertNull(seen.add(s.tx(2)));
        assertEquals(2, seen.size());
        // nothing half-added
        assertNull(seen.replayKeyOf(sameNonce.hashHex()));
        assertEquals(t.hashHex(), seen.txHashOf(t.replayKey()));
    }

    @Test
    void removingConflictsTakesBothTheSameIdAndTheSameReplayKeyEntries() {
        Transaction a = s.tx(1);
        Transaction b = resigned(s.tx(2), other);
        Duplicates.Index pending = new Duplicates.Index();
        pending.add(a);
        pending.add(b);
        // commits: a's replay key with another payload, and b's payload under the client
        byte[] p = LedgerTestSupport.payload(LedgerTestSupport.CHAIN, BigDecimal.ONE, 1_700_000_000_999L);
        Transaction rivalOfA = Transaction.of(s.hash, p, SignatureAlgorithm.ED25519, s.client.publicKey().raw(), s.client.sign(p));
        assertEquals(List.of(a.hashHex()), pending.removeConflicts(rivalOfA));
        assertEquals(Set.of(b.hashHex()), Set.copyOf(pending.removeConflicts(s.tx(2))));
        assertTrue(pending.isEmpty());
    }

    @Test
    void aLedgerLookupIsAskedForBothKeys() {
        Transaction t = s.tx(3);
        assertNotNull(Duplicates.conflict(t, Duplicates.seen(h -> h.equals(t.hashHex()), k -> false)));
        assertNotNull(Duplicates.conflict(t, Duplicates.seen(h -> false, k -> k.equals(t.replayKey()))));
        assertNull(Duplicates.conflict(t, Duplicates.seen(h -> false, k -> false)));
    }
}
