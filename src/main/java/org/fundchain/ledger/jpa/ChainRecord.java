package org.fundchain.ledger.jpa;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Lob;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

/**
 * The head of one chain on this node and the consensus core's durable state (view, prepared
 * certificates, checkpoints), advanced in the same database transaction as each committed block.
 */
@Entity
@Table(name = "CHAINS")
public class ChainRecord {
    @Id
    @Column(name = "CHAIN_ID", length = 64)
    private String chainId;

    @Column(name = "HEIGHT", nullable = false)
    private long height;

    @Column(name = "HEAD_HASH", length = 64, nullable = false)
    private String headHash;

    @Column(name = "STATE_ROOT", length = 64, nullable = false)
    private String stateRoot;

    @Lob
    @Column(name = "CONSENSUS_STATE", length = 1_073_741_823)
    private byte[] consensusState;

    @Version
    @Column(name = "ROW_VERSION")
    private long rowVersion;

    protected ChainRecord() {
    }

    public ChainRecord(String chainId, long height, String headHash, String stateRoot, byte[] consensusState) {
        this.chainId = chainId;
        this.height = height;
        this.headHash = headHash;
        this.stateRoot = stateRoot;
        this.consensusState = consensusState;
    }

    public String chainId() {
        return chainId;
    }

    public long height() {
        return height;
    }

    public String headHash() {
        return headHash;
    }

    public String stateRoot() {
        return stateRoot;
    }

    public byte[] consensusState() {
        return consensusState;
    }

    public void advance(long newHeight, String newHead, String newStateRoot) {
        this.height = newHeight;
        this.headHash = newHead;
        this.stateRoot = newStateRoot;
    }

    public void consensusState(byte[] state) {
        this.consensusState = state;
    }
}
