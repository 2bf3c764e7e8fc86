package org.fundchain.consensus;

import java.util.List;

import org.fundchain.ledger.Block;
import org.fundchain.ledger.Duplicates;
import org.fundchain.ledger.Transaction;

/**
 * Censorship judged on evidence only: a primary is blamed for leaving out a transaction only if this node provably
 * gave it to every member in time, in two frames (see {@link #provenSent}). Two uses: a backup refuses to prepare such a proposal
 * ({@link #provenMiss}), and a committed block that did it (not a NEW-VIEW's re-proposal) makes this node complain
 * against its proposer ({@link #noteMisses}, then a view change at the next tick if that proposer is still the primary).
 */
final class CensorshipEvidence {
    private final ConsensusConfig cfg;
    private final TransactionCheck txCheck;
    private final Mempool mempool;

    /** A committed block left out a transaction its primary provably had: complain at the next tick. */
    private boolean censored;
    /**
     * That block's proposer. The complaint is a view change against the current primary, so it is raised only
     * if that is the censor itself: tenure is sampled at ticks, and several heights may commit between two.
     */
    private int censor = -1;

    CensorshipEvidence(ConsensusConfig cfg, TransactionCheck txCheck, Mempool mempool) {
        this.cfg = cfg;
        this.txCheck = txCheck;
        this.mempool = mempool;
    }

    /** Whether to complain against {@code primary} now; the evidence is used up either way. */
    boolean takeComplaint(int primary) {
        boolean complain = censored && primary == censor;
        censored = false;
        return complain;
    }

    /**
     * Censorship evidence from a block this node accepted (at {@code acceptedAt}, in view {@code acceptedView}) and saw
     * commit. A pending transaction was left out unfairly if the block had room for it or holds a transaction that
     * comes after it in the proposal order (a fair primary takes its pending transactions oldest first). It counts
     * only if the transaction was here a grace period before the proposal (gossip takes time): then it is forwarded to
     * every member. If it had already been sent twice a grace period before the proposal, the primary provably had it:
     * complain. Evidence, not age, drives this: under a backlog, full blocks taken in order are not censorship, and
     * re-broadcasting every old transaction would only multiply the load. A block accepted in a later view than its
     * header's is a NEW-VIEW's re-proposal: its header's proposer made it in an earlier view, possibly long before
     * {@code acceptedAt}, so it is never blamed for what arrived since; the misses are only forwarded.
     */
    void noteMisses(Block block, long acceptedView, long acceptedAt) {
        boolean reproposal = block.header().view() < acceptedView;
        List<Transaction> txs = block.transactions();
        long bytes = 0;
        Transaction last = null;
        for (Transaction t : txs) {
            bytes += t.encodedSize();
            if (last == null || Mempool.ORDER.compare(t, last) > 0) {
                last = t;
            }
        }
        long blockTs = block.header().timestamp();
        for (Mempool.Pending p : mempool.pending.values()) {
            if (p.receivedAt + cfg.censorshipGraceMs > acceptedAt || !mempool.proposableAt(p.tx, blockTs)
                    || p.tx.timestamp() < blockTs - cfg.maxTxAgeMs) {
                continue; // not here in time, dated after the block (it could not hold it), or expired
            }
            boolean room = txs.size() < cfg.maxMessageCount && bytes + p.tx.encodedSize() <= cfg.preferredMaxBytes;
            if (!room && (last == null || Mempool.ORDER.compare(p.tx, last) >= 0)) {
                continue;
            }
            if (!reproposal && provenSent(p, acceptedAt)) {
                censored = true;
                censor = block.header().proposer();
            }
            p.forwardDue = true;
        }
    }

    /**
     * Censorship on proof, judged before the block can commit (a primary elected for one height at a time would
     * otherwise never be the current primary when the proof arrives). We broadcast a pending transaction to every
     * member (as this node's client gossip, or as a forward), in two frames, a grace period before this proposal first
     * reached us (at {@code now}), so its primary had it; if the block had room for it, or holds one that comes after it in the
     * proposal order, the primary left it out on purpose. Refuse to prepare, and forward it again at the next tick.
     * Only what this node itself sent counts: a transaction a Byzantine member gossiped to us alone proves nothing.
     */
    String provenMiss(Block b, Duplicates.Index inBlock, long bytes, long now) {
        List<Transaction> txs = b.transactions();
        Transaction last = txs.isEmpty() ? null : txs.get(txs.size() - 1); // validate checked the order
        long blockTs = b.header().timestamp();
        boolean missed = false;
        for (Mempool.Pending p : mempool.pending.values()) {
            if (!provenSent(p, now) || inBlock.conflict(p.tx) != null
                    || !mempool.proposableAt(p.tx, blockTs) || p.tx.timestamp() < blockTs - cfg.maxTxAgeMs || !txCheck.isValid(p.tx)) {
                continue;
            }
            boolean room = txs.size() < cfg.maxMessageCount && bytes + p.tx.encodedSize() <= cfg.preferredMaxBytes;
            if (room || (last != null && Mempool.ORDER.compare(p.tx, last) < 0)) {
                p.forwardDue = true;
                missed = true;
            }
        }
        // No VIEW-CHANGE of our own here: a lone replica leaving the view would fall out of step with the others. If
        // enough members refuse, the round cannot prepare and times out at all of them together; if not, it commits
        // without us (and we catch up).
        return missed ? "leaves out a transaction its primary provably had" : null;
    }

    /**
     * Whether we can prove the primary had this transaction by {@code by}: we sent it to every member twice, in two
     * frames a resend interval apart, once its own time had come (so any honest clock within the skew admits it),
     * both a grace period before {@code by}. One send is no proof of receipt: a single frame to the primary may be
     * lost (a network attacker, a send queue that overflowed), and with f members silent one honest backup's refusal
     * fails the round and puts the honest primary on the chain as failed. A send made while the transaction was
     * still dated ahead of our clock proves nothing: a primary whose clock is behind ours (within the skew) may have
     * found it too far ahead and refused it. {@code by} may lie in the past (a proposal's first arrival): only sends
     * made a grace before it count, later ones neither add nor take away.
     */
    private boolean provenSent(Mempool.Pending p, long by) {
        return p.secondTimelySend >= 0 && p.secondTimelySend + cfg.censorshipGraceMs <= by;
    }
}
