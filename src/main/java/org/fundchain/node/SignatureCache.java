package org.fundchain.node;

import java.nio.ByteBuffer;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import org.fundchain.ledger.Transaction;

/**
 * Client signatures this node has verified, so a transaction seen at submission, in gossip and again in a
 * proposed block is verified once (ARCHITECTURE §3 rule 7). An entry vouches for exactly the bytes it checked:
 * it is keyed by the {@linkplain Transaction#envelopeHash() envelope hash} — algorithm, signer, payload and
 * signature — never by the payload hash alone, and it is written only after the signature verified. Nothing
 * else (admission, duplicates) is remembered here. Bounded; thread-safe.
 */
final class SignatureCache {
    private final int max;
    /** Envelope hashes, wrapped whole (a ByteBuffer compares and hashes its bytes). */
    private final Set<ByteBuffer> verified = ConcurrentHashMap.newKeySet();

    private volatile Runnable onVerified = () -> { };

    void onVerified(Runnable r) {
        onVerified = r;
    }

    SignatureCache(int max) {
        this.max = max;
    }

    /** Whether this exact envelope has verified here before (diagnostics and tests; verifies nothing). */
    boolean holds(Transaction tx) {
        return verified.contains(ByteBuffer.wrap(tx.envelopeHash()));
    }

    /** True if {@code tx}'s signature verifies over its payload under its signer. */
    boolean verify(Transaction tx) {
        ByteBuffer key = ByteBuffer.wrap(tx.envelopeHash()); // a copy: nobody else can change it
        if (verified.contains(key)) {
            return true;
        }
        boolean ok = tx.verifySignature();
        onVerified.run();
        if (!ok) {
            return false;
        }
        if (verified.size() >= max) {
            verified.clear();
        }
        verified.add(key);
        return true;
    }
}
