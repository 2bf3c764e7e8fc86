package org.fundchain.consensus;

import org.fundchain.ledger.CertifiedBlock;

/**
 * Read-only view of the durable committed chain (etcd-raft's Storage): the core reads it at start-up and
 * to serve catch-up, and asks it whether a transaction id or a (signer, nonce) already executed (the two keys
 * of {@link org.fundchain.ledger.Duplicates}). Blocks the core has handed
 * out in {@link Ready#committed()} but the node has not yet stored are covered by the core itself.
 */
public interface CommittedLedger {
    /** Height of the last stored block; 0 for an empty chain. */
    long height();

    /** The stored block at {@code height} (1..height()), or null if it is not available. */
    CertifiedBlock block(long height);

    /**
     * The stored block at {@code height} in its canonical encoding ({@link CertifiedBlock#encode()}), or null: what
     * catch-up sends. A store that keeps those bytes returns them without decoding.
     */
    default byte[] encodedBlock(long height) {
        CertifiedBlock b = block(height);
        return b == null ? null : b.encode();
    }

    /** True if a stored block holds a transaction with this {@link org.fundchain.ledger.Transaction#replayKey()}. */
    boolean containsReplayKey(String replayKey);

    /** True if a stored block holds a transaction with this id ({@link org.fundchain.ledger.Transaction#hashHex()}). */
    boolean containsTxHash(String txHash);
}
