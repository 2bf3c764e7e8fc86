package org.fundchain.node;

import java.util.Locale;
import java.util.logging.Logger;

/** While a chain is far behind, a progress line every few seconds (height, target, rate); one line when caught up. */
final class CatchUpLog {
    private static final Logger LOG = Logger.getLogger(ChainRuntime.class.getName());
    /** Far enough behind to call it catching up rather than finishing a round. */
    private static final long CATCH_UP_BLOCKS = 32;
    private static final long CATCH_UP_LOG_NANOS = 5_000_000_000L;

    private final String chainId;
    private long since;
    private long from;
    private long logged;

    CatchUpLog(String chainId) {
        this.chainId = chainId;
    }

    void observe(ChainRuntime.Status st) {
        long t = System.nanoTime();
        if (st.behind() >= CATCH_UP_BLOCKS) {
            if (since == 0) {
                since = t;
                from = st.height();
                logged = t;
                LOG.info(() -> "chain " + chainId + ": catching up from height " + st.height() + " to " + st.networkHeight());
            } else if (t - logged >= CATCH_UP_LOG_NANOS) {
                logged = t;
                double rate = (st.height() - from) * 1e9 / (t - since);
                LOG.info(() -> String.format(Locale.ROOT, "chain %s: catching up, height %d of %d (%.0f blocks/s)",
                        chainId, st.height(), st.networkHeight(), rate));
            }
        } else if (since != 0 && st.behind() == 0) {
            double secs = (t - since) / 1e9;
            long blocks = st.height() - from;
            since = 0;
            LOG.info(() -> String.format(Locale.ROOT, "chain %s: caught up to height %d (%d blocks in %.1f s)",
                    chainId, st.height(), blocks, secs));
        }
    }
}
