package org.fundchain.ledger.jpa;

import java.io.Serializable;
import java.util.Objects;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Lob;
import jakarta.persistence.Table;

import org.fundchain.contract.ContractLimits;

/** World state: one value per (chain, contract, key), with the height of the block that last wrote it. */
@Entity
@Table(name = "WORLD_STATE")
@IdClass(StateRecord.Key.class)
public class StateRecord {
    @Id
    @Column(name = "CHAIN_ID", length = 64)
    private String chainId;

    @Id
    @Column(name = "CONTRACT", length = 128)
    private String contract;

    @Id
    @Column(name = "STATE_KEY", length = ContractLimits.MAX_STATE_KEY_CHARS)
    private String key;

    @Lob
    @Column(name = "STATE_VALUE", nullable = false, length = 16_777_216)
    private String value;

    @Column(name = "VERSION", nullable = false)
    private long version;

    protected StateRecord() {
    }

    public StateRecord(String chainId, String contract, String key, String value, long version) {
        this.chainId = chainId;
        this.contract = contract;
        this.key = key;
        this.value = value;
        this.version = version;
    }

    public String chainId() {
        return chainId;
    }

    public String contract() {
        return contract;
    }

    public String key() {
        return key;
    }

    public String value() {
        return value;
    }

    public long version() {
        return version;
    }

    public void update(String newValue, long newVersion) {
        this.value = newValue;
        this.version = newVersion;
    }

    /** Composite primary key (chain, contract, key). */
    public static class Key implements Serializable {
        private static final long serialVersionUID = 1L;
        private String chainId;
        private String contract;
        private String key;

        public Key() {
        }

        public Key(String chainId, String contract, String key) {
            this.chainId = chainId;
            this.contract = contract;
            this.key = key;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Key && Objects.equals(((Key) o).chainId, chainId)
                    && Objects.equals(((Key) o).contract, contract) && Objects.equals(((Key) o).key, key);
        }

        @Override
        public int hashCode() {
            return Objects.hash(chainId, contract, key);
        }
    }
}
