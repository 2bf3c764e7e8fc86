package org.fundchain.consensus;

import java.util.ArrayDeque;
import java.util.TreeMap;

import org.fundchain.crypto.HashAlgorithm;
import org.fundchain.ledger.Block;
import org.fundchain.ledger.BlockHeader;
import org.fundchain.ledger.CertifiedBlock;
import org.fundchain.ledger.CommitCertificate;
import org.fundchain.ledger.Duplicates;
import org.fundchain.ledger.Transaction;

/**
 * What a replica knows of the committed chain (raft's log): the head, credit scores folded over every block, the
 * blocks committed since the stable checkpoint (served to peers, not yet known to be stored), the ones the node has
 * not yet executed, and the executed state. The durable chain itself is the node's {@link CommittedLedger}.
 */
final class CommittedChain {
    private final ConsensusConfig cfg;
    private final CommittedLedger ledger;
    private final HashAlgorithm hash;

    long height;
    BlockHeader lastHeader;
    byte[] lastHash;
    /** The schedule of the last committed height and our certificate of its block: what the next block settles. */
    PrimarySchedule lastSchedule;
    CommitCertificate lastCert;
    final CreditScores scores;
    final TreeMap<Long, CertifiedBlock> recent = new TreeMap<>();
    /** Transactions committed and not yet garbage-collected (the ledger answers for the older ones). */
    final Duplicates.Index committedKeys = new Duplicates.Index();
    final ArrayDeque<CertifiedBlock> unexecuted = new ArrayDeque<>();
    long executedHeight = -1;
    byte[] executedRoot;

    CommittedChain(ConsensusConfig cfg, CommittedLedger ledger) {
        this.cfg = cfg;
        this.ledger = ledger;
        this.hash = cfg.hash;
        int n = cfg.n();
        this.scores = new CreditScores(n, cfg.creditWindow, cfg.censorshipGraceMs, cfg.maxMessageCount);
        this.height = ledger.height();
        this.lastHash = cfg.genesisHash.clone();
        // Scores are a fold over the chain; replaying it keeps them a pure function of committed data.
        for (long h = 1; h <= height; h++) {
            CertifiedBlock cb = ledger.block(h);
            if (cb == null) {
                throw new IllegalStateException("ledger has no block " + h + " below its height " + height);
            }
            if (h == height) {
                lastSchedule = new PrimarySchedule(cfg.primaryPolicy, n, h, viewBase(), scores, lastHash, hash);
                lastCert = cb.certificate();
            }
            scores.apply(cb.block().header(), cb.block().transactions());
            lastHeader = cb.block().header();
            lastHash = cb.block().hash(hash);
        }
    }

    /** The first view at height + 1: the previous block's view. */
    long viewBase() {
        return lastHeader == null ? 0 : lastHeader.view();
    }

    /** The schedule of height + 1. */
    PrimarySchedule nextSchedule() {
        return new PrimarySchedule(cfg.primaryPolicy, cfg.n(), height + 1, viewBase(), scores, lastHash, hash);
    }

    /** Null unless {@code t} duplicates a committed transaction ({@link Duplicates}: same id or same replay key). */
    String committedDuplicate(Transaction t) {
        String why = committedKeys.conflict(t);
        return why != null ? why : Duplicates.conflict(t, Duplicates.seen(ledger::containsTxHash, ledger::containsReplayKey));
    }

    /** Appends a block committed at height + 1 under {@code schedule} (the round's) and returns it certified. */
    CertifiedBlock append(Block block, CommitCertificate cert, PrimarySchedule schedule) {
        CertifiedBlock cb = new CertifiedBlock(block, cert);
        height = block.height();
        lastHeader = block.header();
        lastHash = block.hash(hash);
        lastSchedule = schedule;
        lastCert = cert;
        recent.put(height, cb);
        unexecuted.add(cb);
        for (Transaction t : block.transactions()) {
            committedKeys.add(t);
        }
        scores.apply(block.header(), block.transactions());
        return cb;
    }

    /** A committed block, from memory or the ledger (null if neither has it). */
    CertifiedBlock block(long h) {
        CertifiedBlock cb = recent.get(h);
        return cb != null ? cb : ledger.block(h);
    }

    /** A committed block's canonical encoding, from memory or the ledger (null if neither has it). */
    byte[] encodedBlock(long h) {
        CertifiedBlock cb = recent.get(h);
        return cb != null ? cb.encode() : ledger.encodedBlock(h);
    }

    /** Forgets blocks below a stable checkpoint: the node has stored them by now. */
    void forgetBelow(long h) {
        for (CertifiedBlock old : recent.headMap(h, false).values()) {
            for (Transaction t : old.block().transactions()) {
                committedKeys.removeTxHash(t.hashHex());
            }
        }
        recent.headMap(h, false).clear();
    }
}
