package org.fundchain.consensus;

import org.fundchain.ledger.Transaction;

/**
 * The pure validity check the core applies to every transaction it admits or finds in a proposed block
 * (signature, admission of the signer, ...). The node may cache results (a signature check is the
 * expensive part); it must give the same answer for the same transaction on every honest replica.
 */
@FunctionalInterface
public interface TransactionCheck {
    boolean isValid(Transaction tx);

    /** Checks only the client's signature over the payload. */
    static TransactionCheck signatureOnly() {
        return Transaction::verifySignature;
    }
}
