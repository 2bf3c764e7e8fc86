package org.fundchain.node;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

import jakarta.persistence.EntityManager;
import jakarta.persistence.EntityManagerFactory;
import jakarta.persistence.Persistence;

import org.fundchain.ledger.jpa.BlockRecord;
import org.fundchain.ledger.jpa.ChainRecord;
import org.fundchain.ledger.jpa.Ledger;
import org.fundchain.ledger.jpa.LedgerStore;
import org.fundchain.ledger.jpa.StateRecord;
import org.fundchain.ledger.jpa.TransactionRecord;

/** The production {@link LedgerStore} over a resource-local EntityManager on embedded Derby, one transaction per call. */
final class LocalLedger implements Ledger, AutoCloseable {
    private final EntityManagerFactory emf;

    LocalLedger(String jdbcUrl) {
        emf = Persistence.createEntityManagerFactory("ledger-test", Map.of("jakarta.persistence.jdbc.url", jdbcUrl));
    }

    private <T> T tx(Function<LedgerStore, T> work) {
        EntityManager em = emf.createEntityManager();
        try {
            em.getTransaction().begin();
            T t = work.apply(new LedgerStore(em));
            em.getTransaction().commit();
            return t;
        } finally {
            if (em.getTransaction().isActive()) {
                em.getTransaction().rollback();
            }
            em.close();
        }
    }

    private <T> T read(Function<LedgerStore, T> work) {
        EntityManager em = emf.createEntityManager();
        try {
            return work.apply(new LedgerStore(em));
        } finally {
            em.close();
        }
    }

    public ChainRecord initChain(String c, String g, String r, List<LedgerStore.StateWrite> s) {
        return tx(st -> st.initChain(c, g, r, s));
    }

    public void append(List<LedgerStore.BlockAppend> blocks) {
        tx(st -> {
            blocks.forEach(st::append);
            return null;
        });
    }

    public void saveConsensusState(String c, byte[] s) {
        tx(st -> {
            st.saveConsensusState(c, s);
            return null;
        });
    }

    public Optional<ChainRecord> head(String c) { return read(st -> st.head(c)); }
    public Optional<BlockRecord> block(String c, long h) { return read(st -> st.block(c, h)); }
    public List<BlockRecord> blocks(String c, long f, long t, int l) { return read(st -> st.blocks(c, f, t, l)); }
    public Optional<TransactionRecord> transaction(String c, String h) { return read(st -> st.transaction(c, h)); }
    public List<TransactionRecord> transactionsOf(String c, long h) { return read(st -> st.transactionsOf(c, h)); }
    public Set<String> usedReplayKeys(String c, Collection<String> k) { return read(st -> st.usedReplayKeys(c, k)); }
    public List<String> replayKeys(String c) { return read(st -> st.replayKeys(c)); }
    public List<String> txHashes(String c) { return read(st -> st.txHashes(c)); }
    public List<StateRecord> allState(String c) { return read(st -> st.allState(c)); }

    @Override
    public void close() {
        emf.close();
    }
}
