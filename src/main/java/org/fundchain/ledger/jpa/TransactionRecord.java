package org.fundchain.ledger.jpa;

import java.io.Serializable;
import java.util.Objects;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Index;
import jakarta.persistence.Table;

import org.fundchain.contract.ContractLimits;

/**
 * The outcome of one executed transaction. Both keys of the duplicate rule ({@link org.fundchain.ledger.Duplicates})
 * are unique here: the primary key (chain, tx hash) — the public transaction id — and the (chain, replay key)
 * index — (signer, nonce). They are the database's own guarantee that neither repeats, whatever happens above
 * it; consensus applies the same rule before a block commits, so a committed block always stores.
 */
@Entity
@Table(name = "TRANSACTIONS", indexes = {
        @Index(name = "TX_BY_HEIGHT", columnList = "CHAIN_ID,HEIGHT,POSITION"),
        @Index(name = "TX_REPLAY", columnList = "CHAIN_ID,REPLAY_KEY", unique = true) })
@IdClass(TransactionRecord.Key.class)
public class TransactionRecord {
    /** The longest receipt a contract run may produce is exactly what this column holds. */
    public static final int MAX_RESULT_CHARS = ContractLimits.MAX_RECEIPT_CHARS;

    @Id
    @Column(name = "CHAIN_ID", length = 64)
    private String chainId;

    @Id
    @Column(name = "TX_HASH", length = 64)
    private String txHash;

    @Column(name = "HEIGHT", nullable = false)
    private long height;

    @Column(name = "POSITION", nullable = false)
    private int position;

    /** Nonce + "/" + signer (hex raw key): see Transaction#replayKey. */
    @Column(name = "REPLAY_KEY", length = 300, nullable = false)
    private String replayKey;

    @Column(name = "CONTRACT", length = 128, nullable = false)
    private String contract;

    @Column(name = "METHOD", length = 128, nullable = false)
    private String method;

    /** COMMITTED (the contract accepted it) or REJECTED (the contract refused it; no state changed). */
    @Column(name = "STATUS", length = 16, nullable = false)
    private String status;

    /** Canonical JSON result, or the refusal's reason. */
    @Column(name = "RESULT", length = MAX_RESULT_CHARS)
    private String result;

    protected TransactionRecord() {
    }

    public TransactionRecord(String chainId, String txHash, long height, int position, String replayKey, String contract,
            String method, String status, String result) {
        this.chainId = chainId;
        this.txHash = txHash;
        this.height = height;
        this.position = position;
        this.replayKey = replayKey;
        this.contract = contract;
        this.method = method;
        this.status = status;
        this.result = result;
    }

    public String chainId() {
        return chainId;
    }

    public String txHash() {
        return txHash;
    }

    public long height() {
        return height;
    }

    public int position() {
        return position;
    }

    public String replayKey() {
        return replayKey;
    }

    public String contract() {
        return contract;
    }

    public String method() {
        return method;
    }

    public String status() {
        return status;
    }

    public String result() {
        return result;
    }

    /** Composite primary key (chain, transaction hash). */
    public static class Key implements Serializable {
        private static final long serialVersionUID = 1L;
        private String chainId;
        private String txHash;

        public Key() {
        }

        public Key(String chainId, String txHash) {
            this.chainId = chainId;
            this.txHash = txHash;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Key && Objects.equals(((Key) o).chainId, chainId) && Objects.equals(((Key) o).txHash, txHash);
        }

        @Override
        public int hashCode() {
            return Objects.hash(chainId, txHash);
        }
    }
}
