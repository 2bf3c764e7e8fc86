package org.fundchain.ledger.jpa;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/**
 * The genesis a node's database was created for: a single row written on first start. A database
 * created for another genesis (another consortium, or a reset one) is refused instead of silently mixed.
 */
@Entity
@Table(name = "FC_GENESIS_STAMP")
public class GenesisStamp {
    /** There is exactly one row. */
    public static final int ROW_ID = 1;

    @Id
    private int id;

    @Column(name = "GENESIS_HASH", nullable = false, length = 128)
    private String genesisHash;

    @Column(name = "NODE_ID", nullable = false, length = 64)
    private String nodeId;

    @Column(name = "CREATED_AT", nullable = false)
    private long createdAt;

    protected GenesisStamp() {
    }

    public GenesisStamp(String genesisHash, String nodeId, long createdAt) {
        this.id = ROW_ID;
        this.genesisHash = genesisHash;
        this.nodeId = nodeId;
        this.createdAt = createdAt;
    }

    public String genesisHash() {
        return genesisHash;
    }

    public String nodeId() {
        return nodeId;
    }

    public long createdAt() {
        return createdAt;
    }

    /** Null if the stamp matches; otherwise why this database must not be used by this node. */
    public String mismatch(String expectedGenesisHash, String expectedNodeId) {
        if (!genesisHash.equals(expectedGenesisHash)) {
            return "the database was created for genesis " + genesisHash + " but this node runs genesis "
                    + expectedGenesisHash + " (wipe the node's data, e.g. 'liberty/consortium reset')";
        }
        if (!nodeId.equals(expectedNodeId)) {
            return "the database belongs to " + nodeId + ", not to " + expectedNodeId;
        }
        return null;
    }
}
