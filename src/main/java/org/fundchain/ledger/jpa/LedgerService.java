package org.fundchain.ledger.jpa;

import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;

/**
 * The node's ledger in the container: each mutating method is one JTA transaction around
 * {@link LedgerStore}, so a block and everything it changes commit atomically.
 */
@ApplicationScoped
public class LedgerService implements Ledger {
    @PersistenceContext(unitName = "fundchain")
    EntityManager em;

    private LedgerStore store() {
        return new LedgerStore(em);
    }

    @Override
    @Transactional
    public ChainRecord initChain(String chainId, String genesisHash, String genesisStateRoot,
            List<LedgerStore.StateWrite> genesisState) {
        return store().initChain(chainId, genesisHash, genesisStateRoot, genesisState);
    }

    @Override
    @Transactional
    public void append(List<LedgerStore.BlockAppend> blocks) {
        LedgerStore st = store();
        blocks.forEach(st::append);
    }

    @Override
    @Transactional
    public void saveConsensusState(String chainId, byte[] state) {
        store().saveConsensusState(chainId, state);
    }

    @Override
    public Optional<ChainRecord> head(String chainId) {
        return store().head(chainId);
    }

    @Override
    public Optional<BlockRecord> block(String chainId, long height) {
        return store().block(chainId, height);
    }

    @Override
    public List<BlockRecord> blocks(String chainId, long from, long to, int limit) {
        return store().blocks(chainId, from, to, limit);
    }

    @Override
    public Optional<TransactionRecord> transaction(String chainId, String txHash) {
        return store().transaction(chainId, txHash);
    }

    @Override
    public List<TransactionRecord> transactionsOf(String chainId, long height) {
        return store().transactionsOf(chainId, height);
    }

    @Override
    public Set<String> usedReplayKeys(String chainId, Collection<String> keys) {
        return store().usedReplayKeys(chainId, keys);
    }

    @Override
    public List<String> replayKeys(String chainId) {
        return store().replayKeys(chainId);
    }

    @Override
    public List<String> txHashes(String chainId) {
        return store().txHashes(chainId);
    }

    @Override
    public List<StateRecord> allState(String chainId) {
        return store().allState(chainId);
    }
}
