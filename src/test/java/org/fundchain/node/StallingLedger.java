package org.fundchain.node;

import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import org.fundchain.ledger.jpa.BlockRecord;
import org.fundchain.ledger.jpa.ChainRecord;
import org.fundchain.ledger.jpa.Ledger;
import org.fundchain.ledger.jpa.LedgerStore;
import org.fundchain.ledger.jpa.StateRecord;
import org.fundchain.ledger.jpa.TransactionRecord;

/**
 * A ledger whose writes can be held (armed) and then let through or failed — a disk that stalls, or a node that dies
 * between executing blocks and storing them. Reads always pass.
 */
final class StallingLedger implements Ledger {
    private final Ledger inner;
    private boolean armed;
    private boolean logsToo;
    private boolean fail;
    private int waiting;
    private int heldAppends;

    StallingLedger(Ledger inner) {
        this.inner = inner;
    }

    /** Holds every write from now on. */
    synchronized void arm() {
        armed = true;
        logsToo = true;
    }

    /** Holds block appends from now on; consensus logs alone still pass. */
    synchronized void armAppends() {
        armed = true;
        logsToo = false;
    }

    /** Lets the held writes (and later ones) through, or fails them all ({@code fail}). */
    synchronized void release(boolean fail) {
        this.fail = fail;
        armed = false;
        notifyAll();
    }

    /** How many appends are being held right now. */
    synchronized int heldAppends() {
        return heldAppends;
    }

    /** How many writes are being held right now. */
    synchronized int waiting() {
        return waiting;
    }

    private synchronized void gate(boolean append) {
        if (!append && !logsToo && !fail) {
            return;
        }
        waiting++;
        heldAppends += append ? 1 : 0;
        try {
            while (armed) {
                wait();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted");
        } finally {
            waiting--;
            heldAppends -= append ? 1 : 0;
        }
        if (fail) {
            throw new IllegalStateException("simulated crash: the write never reached the disk");
        }
    }

    @Override
    public ChainRecord initChain(String c, String g, String r, List<LedgerStore.StateWrite> s) {
        return inner.initChain(c, g, r, s);
    }

    @Override
    public void append(List<LedgerStore.BlockAppend> blocks) {
        gate(true);
        inner.append(blocks);
    }

    @Override
    public void saveConsensusState(String chainId, byte[] state) {
        gate(false);
        inner.saveConsensusState(chainId, state);
    }

    @Override public Optional<ChainRecord> head(String c) { return inner.head(c); }
    @Override public Optional<BlockRecord> block(String c, long h) { return inner.block(c, h); }
    @Override public List<BlockRecord> blocks(String c, long f, long t, int l) { return inner.blocks(c, f, t, l); }
    @Override public Optional<TransactionRecord> transaction(String c, String h) { return inner.transaction(c, h); }
    @Override public List<TransactionRecord> transactionsOf(String c, long h) { return inner.transactionsOf(c, h); }
    @Override public Set<String> usedReplayKeys(String c, Collection<String> k) { return inner.usedReplayKeys(c, k); }
    @Override public List<String> replayKeys(String c) { return inner.replayKeys(c); }
    @Override public List<String> txHashes(String c) { return inner.txHashes(c); }
    @Override public List<StateRecord> allState(String c) { return inner.allState(c); }
}
