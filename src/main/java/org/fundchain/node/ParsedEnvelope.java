package org.fundchain.node;

import org.fundchain.ledger.Transaction;

/** A client envelope parsed once ({@link ChainRuntime#parse}): the transaction, or why it is none. */
public record ParsedEnvelope(Transaction tx, SubmitResult refusal) {
    public boolean ok() {
        return tx != null;
    }
}
