package org.fundchain.consensus;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.fundchain.ledger.Block;
import org.fundchain.ledger.CertifiedBlock;
import org.fundchain.ledger.Duplicates;
import org.fundchain.ledger.Transaction;
import org.fundchain.consensus.Message.*;

/**
 * Catch-up (raft's progress tracking, for certified blocks): asking peers for blocks after ours, serving ours to
 * peers that ask or are visibly behind (rate-limited, with bulk replay for a peer that makes progress), verifying
 * and committing what arrives, and the heights peers have shown.
 */
final class CatchUp {
    /** Catch-up sends up to this many blocks per response (the wire allows 64) ... */
    static final int MAX_BLOCKS_PER_RESPONSE = 64;
    /** ... and stops adding blocks past this many bytes (a response always carries at least one block) ... */
    private static final long MAX_RESPONSE_BYTES = 4L * 1024 * 1024;
    /** How many resend intervals a node one height behind gets before its blocks are pushed to it. */
    static final int LAGGING_PATIENCE = 5;

    private final Replica r;
    private final ConsensusConfig cfg;
    private final CommittedChain chain;

    private final long[] lastAsked;
    private final long[] lastServed;
    private final long[] lastServedTo;
    /** The highest committed height each peer has shown in a verified message (progress report only). */
    private final long[] peerHeight;

    CatchUp(Replica r, CommittedChain chain) {
        this.r = r;
        this.cfg = r.cfg;
        this.chain = chain;
        int n = cfg.n();
        this.lastAsked = new long[n];
        this.lastServed = new long[n];
        this.lastServedTo = new long[n];
        this.peerHeight = new long[n];
        Arrays.fill(lastAsked, Long.MIN_VALUE / 2);
        Arrays.fill(lastServed, Long.MIN_VALUE / 2);
    }

    /**
     * ... and never adds one past this: the blocks a BLOCKS message may carry and still fit a peer's frame (a frame
     * past the limit closes the link at the receiver, and asking again gets the same response). The first block always
     * goes: NormalCase.validate accepts only blocks that fit a response on their own, certificate included.
     */
    static long responseLimit(ConsensusConfig cfg) {
        return Wire.maxMessageBytes(cfg.absoluteMaxBytes) - Wire.BLOCKS_ENVELOPE_BYTES;
    }

    /**
     * A response of this many bytes is full (the peer has more: ask again at once): {@link #MAX_RESPONSE_BYTES}, or half
     * the {@link #responseLimit} if less. A response short of it ends at the server's head, or before a block of more
     * than half the limit, which the next request gets on its own (itself a full response then).
     */
    static long fullResponseBytes(ConsensusConfig cfg) {
        return Math.min(MAX_RESPONSE_BYTES, responseLimit(cfg) / 2);
    }

    /** See {@link Replica#networkHeight()}. */
    long networkHeight() {
        long[] hs = peerHeight.clone();
        hs[cfg.self] = chain.height;
        Arrays.sort(hs);
        return Math.max(chain.height, hs[cfg.n() - 1 - cfg.f()]);
    }

    void notePeerHeight(int sender, Message m) {
        long h;
        if (m instanceof Blocks b) {
            h = b.blocks().isEmpty() ? 0 : b.blocks().get(b.blocks().size() - 1).height();
        } else if (m instanceof Checkpoint c) {
            h = c.checkpointHeight();
        } else if (m instanceof BlockRequest q) {
            h = q.fromHeight() - 1;
        } else if (m instanceof TxMessage) {
            return;
        } else {
            h = m.height() - 1; // a round message for height h means its sender committed h − 1
        }
        if (h > peerHeight[sender]) {
            peerHeight[sender] = h;
        }
    }

    void askBlocks(int peer) {
        askBlocks(peer, cfg.resendIntervalMs);
    }

    void askBlocks(int peer, long interval) {
        if (r.now - lastAsked[peer] >= interval) {
            lastAsked[peer] = r.now;
            r.send(peer, r.sign(new BlockRequest(chain.height + 1)));
        }
    }

    /** Sends committed blocks from {@code from} to a peer that asked or is visibly behind (rate-limited). */
    void serve(int peer, long from, boolean asked) {
        long height = chain.height;
        // Unasked, a peer just one height behind (from == height) is most likely finishing that height itself.
        long interval = asked ? cfg.resendIntervalMs / 3 : from == height ? LAGGING_PATIENCE * cfg.resendIntervalMs : cfg.resendIntervalMs;
        if (from < 1 || from > height) {
            return;
        }
        // A peer far behind that asks for the blocks after the last batch we sent it is making progress: answer at
        // once, so a node restored from nothing replays in bulk. Repeated, unasked or near-head requests stay
        // rate-limited (the normal case, where a lagging node mostly finishes its round itself).
        boolean progress = asked && from == lastServedTo[peer] + 1 && height - from >= MAX_BLOCKS_PER_RESPONSE;
        if (!progress && r.now - lastServed[peer] < interval) {
            return;
        }
        lastServed[peer] = r.now;
        List<byte[]> blocks = new ArrayList<>();
        long bytes = 0;
        long limit = responseLimit(cfg);
        long full = fullResponseBytes(cfg);
        for (long h = from; h <= height && blocks.size() < MAX_BLOCKS_PER_RESPONSE && bytes < full; h++) {
            byte[] cb = chain.encodedBlock(h);
            if (cb == null || (!blocks.isEmpty() && bytes + cb.length > limit)) {
                break;
            }
            blocks.add(cb);
            bytes += cb.length;
            lastServedTo[peer] = Math.max(lastServedTo[peer], h); // only grows: one bulk pass per peer
        }
        if (!blocks.isEmpty()) {
            r.send(peer, r.sign(new EncodedBlocks(blocks)));
        }
    }

    /** Certified blocks from a peer: each is verified (certificate, hash link, body, no duplicate) and committed. */
    void onBlocks(int sender, List<CertifiedBlock> blocks) {
        long before = chain.height;
        for (CertifiedBlock cb : blocks) {
            if (cb.height() != chain.height + 1) {
                continue;
            }
            Block b = cb.block();
            if (!Arrays.equals(b.header().prevHash(), chain.lastHash)
                    || cb.check(cfg.chainId, cfg.hash, cfg.members, cfg.quorum()) != null) {
                return;
            }
            Duplicates.Index inBlock = new Duplicates.Index();
            for (Transaction t : b.transactions()) {
                if (inBlock.add(t) != null || chain.committedDuplicate(t) != null) {
                    return; // a certified block cannot hold a duplicate; refuse rather than execute (or store) twice
                }
            }
            r.commit(b, cb.certificate());
        }
        long bytes = 0;
        for (CertifiedBlock cb : blocks) {
            bytes += cb.encodedSize(); // as serve counts them: the exact encoded length
        }
        boolean full = blocks.size() >= MAX_BLOCKS_PER_RESPONSE || bytes >= fullResponseBytes(cfg);
        if (chain.height > before && full && blocks.get(blocks.size() - 1).height() == chain.height) {
            // A full response, all of it new: the peer has more; ask it for what follows at once (bulk catch-up).
            lastAsked[sender] = r.now;
            r.send(sender, r.sign(new BlockRequest(chain.height + 1)));
        }
    }
}
