package org.fundchain.node;

import java.util.List;

import org.fundchain.ledger.Duplicates;
import org.fundchain.ledger.Transaction;
import org.fundchain.ledger.jpa.Ledger;

/**
 * What executed on one chain, as the duplicate rule ({@link Duplicates}) asks it: transaction ids and replay keys.
 * A Bloom filter answers the usual "no" without a query; a "maybe" asks the ledger, so the filter never decides.
 */
final class ExecutedTransactions {
    private final String chainId;
    private final Ledger ledger;
    private final ReplayKeyFilter keys = new ReplayKeyFilter(24);

    ExecutedTransactions(String chainId, Ledger ledger) {
        this.chainId = chainId;
        this.ledger = ledger;
    }

    /** Loads the keys of everything stored (at start). */
    void load() {
        ledger.replayKeys(chainId).forEach(keys::add);
        ledger.txHashes(chainId).forEach(keys::add);
    }

    void add(Transaction tx) {
        keys.add(tx.replayKey());
        keys.add(tx.hashHex());
    }

    Duplicates.Seen seen() {
        return Duplicates.seen(this::hasTxHash, this::hasReplayKey);
    }

    boolean hasReplayKey(String replayKey) {
        return keys.mightContain(replayKey) && !ledger.usedReplayKeys(chainId, List.of(replayKey)).isEmpty();
    }

    boolean hasTxHash(String txHash) {
        return keys.mightContain(txHash) && ledger.transaction(chainId, txHash).isPresent();
    }
}
