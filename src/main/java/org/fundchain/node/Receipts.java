package org.fundchain.node;

import java.nio.charset.StandardCharsets;
import java.util.Optional;

import org.fundchain.crypto.SigningKey;
import org.fundchain.ledger.Block;
import org.fundchain.ledger.CertifiedBlock;
import org.fundchain.ledger.Reply;
import org.fundchain.ledger.Transaction;
import org.fundchain.ledger.jpa.BlockRecord;
import org.fundchain.ledger.jpa.Ledger;
import org.fundchain.ledger.jpa.TransactionRecord;

/**
 * This node's signed REPLY for a committed transaction: the one the core signed at execution if it is
 * still in memory, else the same statement signed now from the ledger (same bytes: view, height, tx hash,
 * client time, replica, result), so receipts survive restarts.
 */
public final class Receipts {
    private Receipts() {
    }

    /** This node's reply, preferring the one the core signed at execution, else signed now from the ledger. */
    public static Optional<Reply> of(ChainRuntime chain, Ledger ledger, SigningKey nodeKey, TransactionRecord t) {
        Reply cached = chain.reply(t.txHash());
        if (cached != null) {
            return Optional.of(cached);
        }
        return fromLedger(chain, ledger, nodeKey, t);
    }

    /** The same statement the core signs at execution, rebuilt from the stored block and outcome. */
    static Optional<Reply> fromLedger(ChainRuntime chain, Ledger ledger, SigningKey nodeKey, TransactionRecord t) {
        Optional<BlockRecord> br = ledger.block(chain.chainId(), t.height());
        if (br.isEmpty()) {
            return Optional.empty();
        }
        ChainSetup s = chain.setup();
        Block b = CertifiedBlock.decode(br.get().encoded(), s.suite().hash()).block();
        Transaction tx = b.transactions().get(t.position());
        byte[] result = t.result() == null ? new byte[0] : t.result().getBytes(StandardCharsets.UTF_8);
        byte[] bytes = Reply.signingBytes(s.chainId(), b.header().view(), t.height(), tx.hash(), tx.timestamp(), s.self(), result);
        return Optional.of(new Reply(s.chainId(), b.header().view(), t.height(), tx.hash(), tx.timestamp(), s.self(), result,
                nodeKey.sign(bytes)));
    }
}
