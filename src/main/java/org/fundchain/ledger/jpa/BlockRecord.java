package org.fundchain.ledger.jpa;

import java.io.Serializable;
import java.util.Objects;

import jakarta.persistence.Basic;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.FetchType;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Index;
import jakarta.persistence.Lob;
import jakarta.persistence.Table;

/**
 * A committed block with its commit certificate, stored as its canonical bytes (so what a peer or client
 * is served is exactly what was certified) plus the header fields needed for lookups.
 */
@Entity
@Table(name = "BLOCKS", indexes = @Index(name = "BLOCKS_BY_HASH", columnList = "CHAIN_ID,HASH", unique = true))
@IdClass(BlockRecord.Key.class)
public class BlockRecord {
    @Id
    @Column(name = "CHAIN_ID", length = 64)
    private String chainId;

    @Id
    @Column(name = "HEIGHT")
    private long height;

    @Column(name = "HASH", length = 64, nullable = false)
    private String hash;

    @Column(name = "PREV_HASH", length = 64, nullable = false)
    private String prevHash;

    @Column(name = "BLOCK_TIME", nullable = false)
    private long timestamp;

    @Column(name = "TX_COUNT", nullable = false)
    private int txCount;

    @Lob
    @Basic(fetch = FetchType.LAZY)
    @Column(name = "ENCODED", nullable = false, length = 1_073_741_823)
    private byte[] encoded;

    protected BlockRecord() {
    }

    public BlockRecord(String chainId, long height, String hash, String prevHash, long timestamp, int txCount, byte[] encoded) {
        this.chainId = chainId;
        this.height = height;
        this.hash = hash;
        this.prevHash = prevHash;
        this.timestamp = timestamp;
        this.txCount = txCount;
        this.encoded = encoded;
    }

    public String chainId() {
        return chainId;
    }

    public long height() {
        return height;
    }

    public String hash() {
        return hash;
    }

    public String prevHash() {
        return prevHash;
    }

    public long timestamp() {
        return timestamp;
    }

    public int txCount() {
        return txCount;
    }

    public byte[] encoded() {
        return encoded;
    }

    /** Composite primary key (chain, height). */
    public static class Key implements Serializable {
        private static final long serialVersionUID = 1L;
        private String chainId;
        private long height;

        public Key() {
        }

        public Key(String chainId, long height) {
            this.chainId = chainId;
            this.height = height;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Key && ((Key) o).height == height && Objects.equals(((Key) o).chainId, chainId);
        }

        @Override
        public int hashCode() {
            return Objects.hash(chainId, height);
        }
    }
}
