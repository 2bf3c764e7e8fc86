package org.fundchain.ledger.jpa;

import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * A node's ledger as the chain runtime uses it. Each mutating call is one database transaction.
 * In the server: {@link LedgerService} (JTA); in tests: the same {@link LedgerStore} over a local
 * EntityManager.
 */
public interface Ledger {
    ChainRecord initChain(String chainId, String genesisHash, String genesisStateRoot, List<LedgerStore.StateWrite> genesisState);

    /** Appends consecutive blocks in one database transaction: all of them or none. */
    void append(List<LedgerStore.BlockAppend> blocks);

    void saveConsensusState(String chainId, byte[] state);

    Optional<ChainRecord> head(String chainId);

    Optional<BlockRecord> block(String chainId, long height);

    List<BlockRecord> blocks(String chainId, long from, long to, int limit);

    Optional<TransactionRecord> transaction(String chainId, String txHash);

    List<TransactionRecord> transactionsOf(String chainId, long height);

    Set<String> usedReplayKeys(String chainId, Collection<String> keys);

    List<String> replayKeys(String chainId);

    /** Every executed transaction id (tx hash) of a chain. */
    List<String> txHashes(String chainId);

    List<StateRecord> allState(String chainId);
}
