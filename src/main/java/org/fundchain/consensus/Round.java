package org.fundchain.consensus;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.TreeMap;
import java.util.function.Function;

import org.fundchain.codec.CodecException;
import org.fundchain.crypto.HashAlgorithm;
import org.fundchain.crypto.Hex;
import org.fundchain.ledger.Block;
import org.fundchain.consensus.Message.*;

/**
 * The round at height + 1, shared by the normal case and the view change: its view and schedule, the one proposal
 * accepted in the view, the votes and VIEW-CHANGEs collected, the candidate blocks, and the round's timers.
 * {@link #dirty} marks a change of what {@link #snapshot} persists.
 */
final class Round {
    PrimarySchedule schedule;
    long view;
    boolean inViewChange;
    Signed accepted;
    byte[] acceptedDigest;
    Signed myPrepare;
    Signed myCommit;
    PreparedCert prepared;
    Signed myViewChange;
    /** The NEW-VIEW this view was entered through (null if none). Persisted and resent. */
    Signed newView;
    /**
     * The pre-prepare the NEW-VIEW of this view re-proposed (null if none): the view admits no other proposal.
     * Persisted (inside the NEW-VIEW), so a restarted replica stays bound to it.
     */
    Signed reproposal;
    /** A proposal waiting for the node to report the state it must be checked against. */
    Signed deferred;
    final TreeMap<Integer, Signed> prepares = new TreeMap<>();
    final TreeMap<Integer, Signed> commits = new TreeMap<>();
    final TreeMap<Integer, Signed> viewChanges = new TreeMap<>();
    /** Blocks by hash that a quorum of COMMITs may commit; entries are only ever added in a round. */
    final TreeMap<String, Block> candidates = new TreeMap<>();
    /** Messages for the height after this one, replayed once it starts. */
    final List<Signed> future = new ArrayList<>();

    long roundStart;
    long lastProgress;
    /** When this height's proposal first reached this replica (local clock; see {@link #firstArrival}). */
    long acceptedAt;
    boolean dirty;
    /**
     * Per view, the first proposal its primary sent at this height: header hash and local time. One entry per view,
     * so a member that leads a later view (a decoy proposal) cannot move another view's first arrival; the lowest
     * {@link #MAX_ARRIVAL_VIEWS} views are kept (the current view is the lowest that can still be accepted).
     */
    private final TreeMap<Long, Arrival> firstArrivals = new TreeMap<>();
    static final int MAX_ARRIVAL_VIEWS = 8;

    private record Arrival(byte[] digest, long at) {
    }

    int primary(long v) {
        return schedule.primary(v);
    }

    /**
     * When the proposal {@code digest} of view {@code v} first reached us, taken or not: a copy that arrives before
     * its view's NEW-VIEW is dropped, or one waits for execution, and the primary re-sends it while the round
     * stalls. Evidence of censorship is judged at that first arrival, never at a later copy's: the primary made
     * the block before it, and a transaction we sent in between proves nothing against it.
     */
    long firstArrival(long v, byte[] digest, long now) {
        firstArrivals.headMap(view).clear(); // views this height has left can no longer be accepted
        Arrival a = firstArrivals.get(v);
        if (a != null) {
            return Arrays.equals(a.digest(), digest) ? a.at() : now;
        }
        if (firstArrivals.size() >= MAX_ARRIVAL_VIEWS) {
            if (v > firstArrivals.lastKey()) {
                return now;
            }
            firstArrivals.pollLastEntry();
        }
        firstArrivals.put(v, new Arrival(digest.clone(), now));
        return now;
    }

    /** A new height: the view starts at the schedule's base and nothing of the last height's round survives. */
    void start(PrimarySchedule s, long now) {
        schedule = s;
        view = s.viewBase();
        inViewChange = false;
        clearView();
        prepared = null;
        prepares.clear();
        commits.clear();
        viewChanges.clear();
        candidates.clear();
        firstArrivals.clear();
        roundStart = now;
        lastProgress = now;
    }

    /** Forget per-view progress (on entering a view); prepared certificate and view changes survive. */
    void clearView() {
        accepted = null;
        acceptedDigest = null;
        myPrepare = null;
        myCommit = null;
        myViewChange = null;
        newView = null;
        reproposal = null;
        deferred = null;
        dirty = true;
    }

    long timeout(ConsensusConfig cfg) {
        long failures = Math.min(view - schedule.viewBase(), 20);
        return Math.min(cfg.viewTimeoutBaseMs << failures, cfg.viewTimeoutMaxMs);
    }

    PersistentState snapshot(long height) {
        List<byte[]> ps = new ArrayList<>();
        byte[] pp = null;
        if (prepared != null) {
            pp = prepared.prePrepare().encode();
            for (Signed s : prepared.prepares()) {
                ps.add(s.encode());
            }
        }
        return new PersistentState(height, view, inViewChange, accepted == null ? null : accepted.encode(), pp, ps,
                myCommit != null, newView == null ? null : newView.encode());
    }

    /** Resumes the round at height {@code next} from the persisted log (the replica resends what it said). */
    void restore(PersistentState log, long next, int self, HashAlgorithm hash, Function<Message, Signed> sign) {
        view = Math.max(view, log.view);
        inViewChange = log.inViewChange;
        try {
            if (log.preparedPrePrepare != null) {
                List<Signed> ps = new ArrayList<>();
                for (byte[] b : log.preparedPrepares) {
                    ps.add(Wire.decode(b, hash));
                }
                prepared = new PreparedCert(Wire.decode(log.preparedPrePrepare, hash), List.copyOf(ps));
                Block b = prepared.body().block();
                candidates.putIfAbsent(Hex.encode(b.hash(hash)), b);
            }
            if (log.newView != null && !inViewChange) {
                newView = Wire.decode(log.newView, hash);
                reproposal = ((NewView) newView.body()).prePrepare(); // (the replica resends it at its first step)
            } else if (log.reproposal != null && !inViewChange) {
                reproposal = Wire.decode(log.reproposal, hash); // a version 2 log
            }
            if (reproposal != null && log.acceptedPrePrepare == null) {
                deferred = reproposal; // accepted (validated again) once the node reports its executed state
            }
            if (log.acceptedPrePrepare != null && !inViewChange) {
                accepted = reproposal != null && Arrays.equals(log.acceptedPrePrepare, reproposal.encode()) ? reproposal
                        : Wire.decode(log.acceptedPrePrepare, hash);
                Block b = ((PrePrepare) accepted.body()).block();
                acceptedDigest = b.hash(hash);
                candidates.putIfAbsent(Hex.encode(acceptedDigest), b);
                if (self != primary(view)) {
                    myPrepare = sign.apply(new Prepare(view, next, acceptedDigest));
                    prepares.put(self, myPrepare);
                }
                if (log.sentCommit) {
                    myCommit = sign.apply(new Commit(view, next, acceptedDigest));
                    commits.put(self, myCommit);
                }
            }
        } catch (CodecException e) {
            throw new IllegalStateException("persisted consensus log is corrupt", e);
        }
        if (inViewChange) {
            myViewChange = sign.apply(new ViewChange(next, view, prepared));
            viewChanges.put(self, myViewChange);
        }
    }
}
