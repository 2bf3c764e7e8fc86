package org.fundchain.ledger.jpa;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

import jakarta.persistence.EntityManager;

/**
 * Reads and writes one node's ledger through JPA. Mutations must run inside one database transaction
 * supplied by the caller, so a committed block, its transactions, the state changes and the consensus
 * state advance together or not at all (ARCHITECTURE §3 rule 4). Plain class, no container types beyond
 * the EntityManager, so it is tested against embedded Derby without a server.
 */
public final class LedgerStore {
    /** Outcome of one transaction of a block, in block order. */
    public record TxOutcome(String txHash, int position, String replayKey, String contract, String method,
            boolean committed, String result) {
    }

    /** A state change; {@code value == null} deletes the key. */
    public record StateWrite(String contract, String key, String value) {
    }

    /** A block to append: identity, canonical bytes and what executing it changed. */
    public record BlockAppend(String chainId, long height, String hash, String prevHash, long timestamp, byte[] encoded,
            List<TxOutcome> transactions, List<StateWrite> writes, String stateRootAfter, byte[] consensusState) {
    }

    private static final int IN_LIST_CHUNK = 500;

    private final EntityManager em;

    public LedgerStore(EntityManager em) {
        this.em = em;
    }

    /**
     * Creates the chain's head at height 0 with the genesis state (written at version 0) if the chain does
     * not exist yet; returns the existing head otherwise.
     */
    public ChainRecord initChain(String chainId, String genesisHash, String genesisStateRoot, List<StateWrite> genesisState) {
        ChainRecord c = em.find(ChainRecord.class, chainId);
        if (c == null) {
            c = new ChainRecord(chainId, 0, genesisHash, genesisStateRoot, null);
            em.persist(c);
            for (StateWrite w : genesisState) {
                if (w.value() != null) {
                    em.persist(new StateRecord(chainId, w.contract(), w.key(), w.value(), 0));
                }
            }
        }
        return c;
    }

    public Optional<ChainRecord> head(String chainId) {
        return Optional.ofNullable(em.find(ChainRecord.class, chainId));
    }

    /**
     * Appends the next block. Refuses (IllegalStateException) a block that does not extend the stored head:
     * the caller's transaction must then roll back.
     */
    public void append(BlockAppend b) {
        ChainRecord head = em.find(ChainRecord.class, b.chainId());
        if (head == null) {
            throw new IllegalStateException("chain " + b.chainId() + " is not initialised");
        }
        if (b.height() != head.height() + 1) {
            throw new IllegalStateException("block " + b.height() + " does not follow stored height " + head.height());
        }
        if (!b.prevHash().equals(head.headHash())) {
            throw new IllegalStateException("block " + b.height() + " does not link to stored head " + head.headHash());
        }
        em.persist(new BlockRecord(b.chainId(), b.height(), b.hash(), b.prevHash(), b.timestamp(),
                b.transactions().size(), b.encoded()));
        insertTransactions(b);
        for (StateWrite w : b.writes()) {
            StateRecord.Key k = new StateRecord.Key(b.chainId(), w.contract(), w.key());
            StateRecord s = em.find(StateRecord.class, k);
            if (w.value() == null) {
                if (s != null) {
                    em.remove(s);
                }
            } else if (s == null) {
                em.persist(new StateRecord(b.chainId(), w.contract(), w.key(), w.value(), b.height()));
            } else {
                s.update(w.value(), b.height());
            }
        }
        head.advance(b.height(), b.hash(), b.stateRootAfter());
        if (b.consensusState() != null) {
            head.consensusState(b.consensusState());
        }
    }

    private static final String INSERT_TX = "INSERT INTO TRANSACTIONS (CHAIN_ID, TX_HASH, HEIGHT, POSITION, REPLAY_KEY,"
            + " CONTRACT, METHOD, STATUS, RESULT) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)";

    /**
     * A block's transaction rows go in as one JDBC batch on the transaction's own connection: they are
     * write-once rows nobody reads back in this transaction, and building and change-tracking thousands of
     * entities per block cost more than the inserts themselves. The table is still the entity's
     * ({@link TransactionRecord}); its keys still refuse a duplicate. Consensus refuses every duplicate first
     * ({@link org.fundchain.ledger.Duplicates}), so a refusal here is a bug, not an input.
     */
    private void insertTransactions(BlockAppend b) {
        if (b.transactions().isEmpty()) {
            return;
        }
        for (TxOutcome t : b.transactions()) {
            String result = t.result();
            if (result != null && result.length() > TransactionRecord.MAX_RESULT_CHARS) {
                throw new IllegalStateException("result of " + t.txHash() + " exceeds " + TransactionRecord.MAX_RESULT_CHARS
                        + " characters");
            }
        }
        java.sql.Connection c = em.unwrap(java.sql.Connection.class);
        try (java.sql.PreparedStatement ps = c.prepareStatement(INSERT_TX)) {
            for (TxOutcome t : b.transactions()) {
                ps.setString(1, b.chainId());
                ps.setString(2, t.txHash());
                ps.setLong(3, b.height());
                ps.setInt(4, t.position());
                ps.setString(5, t.replayKey());
                ps.setString(6, t.contract());
                ps.setString(7, t.method());
                ps.setString(8, t.committed() ? "COMMITTED" : "REJECTED");
                ps.setString(9, t.result());
                ps.addBatch();
            }
            ps.executeBatch();
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException("storing the transactions of block " + b.height() + " failed: " + e.getMessage(), e);
        }
    }

    /** Saves the consensus core's durable state between blocks (e.g. after a view change). */
    public void saveConsensusState(String chainId, byte[] state) {
        ChainRecord head = em.find(ChainRecord.class, chainId);
        if (head == null) {
            throw new IllegalStateException("chain " + chainId + " is not initialised");
        }
        head.consensusState(state);
    }

    public Optional<BlockRecord> block(String chainId, long height) {
        return Optional.ofNullable(em.find(BlockRecord.class, new BlockRecord.Key(chainId, height)));
    }

    public Optional<BlockRecord> blockByHash(String chainId, String hash) {
        return em.createQuery("SELECT b FROM BlockRecord b WHERE b.chainId = :c AND b.hash = :h", BlockRecord.class)
                .setParameter("c", chainId).setParameter("h", hash).getResultStream().findFirst();
    }

    /** Blocks from..to inclusive, in height order, at most {@code limit}. */
    public List<BlockRecord> blocks(String chainId, long from, long to, int limit) {
        return em.createQuery("SELECT b FROM BlockRecord b WHERE b.chainId = :c AND b.height BETWEEN :f AND :t"
                + " ORDER BY b.height", BlockRecord.class)
                .setParameter("c", chainId).setParameter("f", from).setParameter("t", to)
                .setMaxResults(limit).getResultList();
    }

    public Optional<TransactionRecord> transaction(String chainId, String txHash) {
        return Optional.ofNullable(em.find(TransactionRecord.class, new TransactionRecord.Key(chainId, txHash)));
    }

    public List<TransactionRecord> transactionsOf(String chainId, long height) {
        return em.createQuery("SELECT t FROM TransactionRecord t WHERE t.chainId = :c AND t.height = :h"
                + " ORDER BY t.position", TransactionRecord.class)
                .setParameter("c", chainId).setParameter("h", height).getResultList();
    }

    /** Which of the given replay keys (signer/nonce) have already executed on this chain. */
    public Set<String> usedReplayKeys(String chainId, Collection<String> keys) {
        Set<String> used = new TreeSet<>();
        List<String> all = new ArrayList<>(keys);
        for (int i = 0; i < all.size(); i += IN_LIST_CHUNK) {
            List<String> chunk = all.subList(i, Math.min(all.size(), i + IN_LIST_CHUNK));
            used.addAll(em.createQuery("SELECT t.replayKey FROM TransactionRecord t WHERE t.chainId = :c"
                    + " AND t.replayKey IN :k", String.class)
                    .setParameter("c", chainId).setParameter("k", chunk).getResultList());
        }
        return used;
    }

    /** Every executed replay key of a chain (to warm the node's in-memory filter at start). */
    public List<String> replayKeys(String chainId) {
        return em.createQuery("SELECT t.replayKey FROM TransactionRecord t WHERE t.chainId = :c", String.class)
                .setParameter("c", chainId).getResultList();
    }

    /** Every executed transaction id of a chain (to warm the node's in-memory filter at start). */
    public List<String> txHashes(String chainId) {
        return em.createQuery("SELECT t.txHash FROM TransactionRecord t WHERE t.chainId = :c", String.class)
                .setParameter("c", chainId).getResultList();
    }

    public Optional<StateRecord> state(String chainId, String contract, String key) {
        return Optional.ofNullable(em.find(StateRecord.class, new StateRecord.Key(chainId, contract, key)));
    }

    /** Every state entry of a chain in (contract, key) order — used to rebuild in-memory state at start. */
    public List<StateRecord> allState(String chainId) {
        return em.createQuery("SELECT s FROM StateRecord s WHERE s.chainId = :c ORDER BY s.contract, s.key",
                StateRecord.class).setParameter("c", chainId).getResultList();
    }
}
