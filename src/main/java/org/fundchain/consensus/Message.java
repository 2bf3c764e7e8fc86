package org.fundchain.consensus;

import java.util.List;

import org.fundchain.ledger.Block;
import org.fundchain.ledger.CertifiedBlock;
import org.fundchain.ledger.CommitCertificate;
import org.fundchain.ledger.Transaction;

/** Bodies of consensus messages; on the wire each travels inside a {@link Signed} envelope. */
public sealed interface Message {
    /** Height a message is about, or -1 for messages not tied to the current round. */
    default long height() {
        return -1;
    }

    /**
     * A proposal. {@code settles} (null unless the previous block committed in a later view than its header's) is the
     * proposer's commit certificate of the previous block: proof for the failed views its header lists first.
     */
    record PrePrepare(long view, long height, Block block, CommitCertificate settles) implements Message {
        public PrePrepare(long view, long height, Block block) {
            this(view, height, block, null);
        }
    }

    record Prepare(long view, long height, byte[] digest) implements Message {
    }

    record Commit(long view, long height, byte[] digest) implements Message {
    }

    /** A PRE-PREPARE and quorum − 1 matching PREPAREs from other members: proof that a block prepared in a view. */
    record PreparedCert(Signed prePrepare, List<Signed> prepares) {
        public PrePrepare body() {
            return (PrePrepare) prePrepare.body();
        }
    }

    /** Move to {@code newView} at {@code height}, carrying this replica's highest prepared certificate (or null). */
    record ViewChange(long height, long newView, PreparedCert prepared) implements Message {
    }

    /** From the new primary: a quorum of VIEW-CHANGEs and, if any carried a prepared block, its re-proposal. */
    record NewView(long height, long view, List<Signed> viewChanges, Signed prePrepare) implements Message {
    }

    /** State after executing block {@code checkpointHeight}. Not round-bound, so {@link #height()} is -1. */
    record Checkpoint(long checkpointHeight, byte[] blockHash, byte[] stateRoot) implements Message {
        @Override
        public long height() {
            return -1;
        }
    }

    /**
     * Client transactions gossiped or forwarded to the primary, in a batch: one signature per batch
     * (per tick) instead of one per transaction keeps gossip off the hot path.
     */
    record TxMessage(List<Transaction> txs) implements Message {
        public TxMessage {
            txs = List.copyOf(txs);
        }
    }

    /** Ask for committed blocks from {@code fromHeight} on. */
    record BlockRequest(long fromHeight) implements Message {
    }

    /** Committed blocks with their certificates, ascending. */
    record Blocks(List<CertifiedBlock> blocks) implements Message {
    }

    /**
     * {@link Blocks} as this node sends them in catch-up: each block in its stored canonical encoding, so serving a
     * batch copies bytes instead of decoding and re-encoding every transaction. The same bytes on the wire as
     * Blocks (a receiver decodes Blocks and verifies every block); never decoded into this.
     */
    record EncodedBlocks(List<byte[]> blocks) implements Message {
        public EncodedBlocks {
            blocks = List.copyOf(blocks);
        }
    }
}
