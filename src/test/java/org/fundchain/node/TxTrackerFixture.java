package org.fundchain.node;

import org.fundchain.ledger.Transaction;

/** A {@link TxTracker} driven as the chain loop drives it, for tests outside this package (e.g. the portal's wait). */
public final class TxTrackerFixture {
    public final TxTracker tracker = new TxTracker(10, 1 << 20, 2);

    /** The node's checks passed and the core took {@code tx}: it is held. */
    public void hold(Transaction tx) {
        SubmitResult refused = tracker.reserve(tx, null);
        if (refused != null) {
            throw new IllegalStateException(refused.reason());
        }
    }

    /** A block holding {@code tx} is stored (call after the test's ledger shows it, as the chain loop does). */
    public void committed(Transaction tx) {
        tracker.committed(tx);
    }

    public void expired(String txHash, String reason) {
        tracker.expired(txHash, reason);
    }

    /** Transaction ids someone waits on. */
    public int waitedOn() {
        return tracker.waiterCount();
    }
}
