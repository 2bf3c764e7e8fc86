package org.fundchain.consensus;

import java.util.Map;
import java.util.TreeMap;

import org.fundchain.crypto.Hex;
import org.fundchain.consensus.Message.Checkpoint;

/**
 * Checkpoints every K blocks: each member announces its state root after executing a checkpoint height; a quorum on
 * one (block hash, state root) makes it stable, which lets memory below it be dropped and tells the node whether
 * its own execution agrees.
 */
final class Checkpoints {
    private final Replica r;
    private final ConsensusConfig cfg;
    private final CommittedChain chain;

    long stable;
    private final TreeMap<Long, TreeMap<Integer, Checkpoint>> votes = new TreeMap<>();
    private final TreeMap<Long, byte[]> own = new TreeMap<>();

    Checkpoints(Replica r, CommittedChain chain) {
        this.r = r;
        this.cfg = r.cfg;
        this.chain = chain;
    }

    /** This replica executed block {@code h} (a checkpoint height) with hash {@code blockHash} to {@code root}. */
    void executed(long h, byte[] blockHash, byte[] root) {
        own.put(h, root.clone());
        Checkpoint cp = new Checkpoint(h, blockHash, root.clone());
        votes.computeIfAbsent(h, k -> new TreeMap<>()).put(cfg.self, cp);
        r.broadcast(r.sign(cp));
        checkStable(h);
    }

    void onCheckpoint(int sender, Checkpoint cp) {
        long h = cp.checkpointHeight();
        if (h <= stable || h % cfg.checkpointInterval != 0) {
            return;
        }
        if (h > chain.height) {
            r.catchUp.askBlocks(sender);
        }
        if (h > chain.height + 4L * cfg.checkpointInterval) {
            return; // too far ahead to be worth remembering; catch-up brings us there
        }
        votes.computeIfAbsent(h, k -> new TreeMap<>()).put(sender, cp);
        checkStable(h);
    }

    private void checkStable(long h) {
        TreeMap<Integer, Checkpoint> vs = votes.get(h);
        if (vs == null || h > chain.executedHeight || h <= stable) {
            return;
        }
        Map<String, Integer> counts = new TreeMap<>();
        for (Checkpoint c : vs.values()) {
            String key = Hex.encode(c.blockHash()) + Hex.encode(c.stateRoot());
            int k = counts.merge(key, 1, Integer::sum);
            if (k >= cfg.quorum()) {
                stable = h;
                r.out.checkpoints.add(new Ready.StableCheckpoint(h, c.blockHash(), c.stateRoot(), own.get(h)));
                chain.forgetBelow(h); // the node has stored these blocks by now
                votes.headMap(h, true).clear();
                own.headMap(h, true).clear();
                return;
            }
        }
    }
}
