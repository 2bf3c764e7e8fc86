package org.fundchain.node;

import org.fundchain.consensus.CommittedLedger;
import org.fundchain.ledger.CertifiedBlock;
import org.fundchain.ledger.jpa.BlockRecord;
import org.fundchain.ledger.jpa.ChainRecord;
import org.fundchain.ledger.jpa.Ledger;

/** The stored chain as the consensus core reads it. */
final class StoredChain implements CommittedLedger {
    private final ChainSetup setup;
    private final Ledger ledger;
    private final ExecutedTransactions executed;

    StoredChain(ChainSetup setup, Ledger ledger, ExecutedTransactions executed) {
        this.setup = setup;
        this.ledger = ledger;
        this.executed = executed;
    }

    @Override
    public long height() {
        return ledger.head(setup.chainId()).map(ChainRecord::height).orElse(0L);
    }

    @Override
    public CertifiedBlock block(long height) {
        return ledger.block(setup.chainId(), height).map(BlockRecord::encoded)
                .map(b -> CertifiedBlock.decode(b, setup.suite().hash())).orElse(null);
    }

    /** The stored bytes as they are: they are the certified block's canonical encoding (BlockExecutor stores it). */
    @Override
    public byte[] encodedBlock(long height) {
        return ledger.block(setup.chainId(), height).map(BlockRecord::encoded).orElse(null);
    }

    @Override
    public boolean containsReplayKey(String replayKey) {
        return executed.hasReplayKey(replayKey);
    }

    @Override
    public boolean containsTxHash(String txHash) {
        return executed.hasTxHash(txHash);
    }
}
