package org.fundchain.consensus;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.fundchain.crypto.Hex;
import org.fundchain.ledger.Block;
import org.fundchain.ledger.BlockHeader;
import org.fundchain.ledger.CommitCertificate;
import org.fundchain.ledger.Duplicates;
import org.fundchain.ledger.Merkle;
import org.fundchain.ledger.Transaction;
import org.fundchain.consensus.Message.*;

/**
 * The normal case of a view: the primary proposes, backups validate the proposal and PREPARE, a quorum of PREPAREs
 * (with the pre-prepare) makes it prepared and this replica COMMITs, and a quorum of COMMITs for one (view, digest)
 * commits the block — whatever view this replica is in by then.
 */
final class NormalCase {
    private final Replica r;
    private final ConsensusConfig cfg;
    private final CommittedChain chain;
    private final Round round;
    private final Mempool mempool;
    private final CensorshipEvidence evidence;
    private final TransactionCheck txCheck;

    NormalCase(Replica r, CommittedChain chain, Round round, Mempool mempool, CensorshipEvidence evidence, TransactionCheck txCheck) {
        this.r = r;
        this.cfg = r.cfg;
        this.chain = chain;
        this.round = round;
        this.mempool = mempool;
        this.evidence = evidence;
        this.txCheck = txCheck;
    }

    void maybePropose() {
        if (round.inViewChange || round.accepted != null || round.reproposal != null || chain.executedHeight != chain.height
                || cfg.self != round.primary(round.view) || !mempool.batchDue(r.now)) {
            return;
        }
        long ts = Math.max(r.now, chain.lastHeader == null ? 0 : chain.lastHeader.timestamp() + 1);
        List<Transaction> txs = mempool.select(ts);
        if (txs.isEmpty()) {
            return; // only transactions dated after our clock (plus the grace) wait: their time comes
        }
        CommitCertificate settles = chain.lastCert != null && chain.lastCert.view() > chain.lastHeader.view() ? chain.lastCert : null;
        BlockHeader header = new BlockHeader(cfg.chainId, chain.height + 1, chain.lastHash, Merkle.rootOf(cfg.hash, txs),
                chain.executedRoot, ts, cfg.self, round.view, failedList(settles, round.view), txs.size());
        Signed pp = r.sign(new PrePrepare(round.view, chain.height + 1, new Block(header, txs), settles));
        r.broadcast(pp);
        onPrePrepare(pp, false);
    }

    void onPrePrepare(Signed s, boolean viaNewView) {
        PrePrepare pp = (PrePrepare) s.body();
        long arrived = pp.view() >= round.view && s.sender() == round.primary(pp.view())
                ? round.firstArrival(pp.view(), pp.block().hash(cfg.hash), r.now) : r.now;
        if (pp.view() != round.view || (round.inViewChange && !viaNewView) || s.sender() != round.primary(round.view)
                || round.accepted != null) {
            return; // wrong view, not the primary, or we already accepted a proposal in this view (no second digest)
        }
        if (round.reproposal != null && !viaNewView) {
            return; // this view's NEW-VIEW re-proposed a block: no other proposal, even if that one is not accepted yet
        }
        if (chain.executedHeight != chain.height) {
            round.deferred = s; // the state root to check against is not known yet
            return;
        }
        String why = validate(pp.block(), pp.view(), pp.settles(), viaNewView, arrived);
        if (why != null) {
            return;
        }
        round.accepted = s;
        round.lastProgress = r.now;
        round.acceptedAt = arrived;
        round.acceptedDigest = pp.block().hash(cfg.hash);
        round.candidates.putIfAbsent(Hex.encode(round.acceptedDigest), pp.block()); // validated above: its body matches the root
        round.dirty = true;
        if (cfg.self != round.primary(round.view)) {
            round.myPrepare = r.sign(new Prepare(round.view, chain.height + 1, round.acceptedDigest));
            round.prepares.put(cfg.self, round.myPrepare);
            r.broadcast(round.myPrepare);
        }
        checkPrepared();
        checkCommitted();
    }

    void onPrepare(Signed s) {
        Signed old = round.prepares.get(s.sender());
        if (old == null || ((Prepare) old.body()).view() < ((Prepare) s.body()).view()) {
            round.prepares.put(s.sender(), s);
            checkPrepared();
        }
    }

    void onCommit(Signed s) {
        Signed old = round.commits.get(s.sender());
        if (old == null || ((Commit) old.body()).view() < ((Commit) s.body()).view()) {
            round.commits.put(s.sender(), s);
            checkCommitted();
        }
    }

    /**
     * The failed list of a block at height + 1 proposed in {@code v}: first the settlement of the previous block — the
     * primaries of the views from its header's view up to the view of {@code settles}, the certificate that shows where
     * it committed (none if null) — then the primaries that failed at this height before {@code v}.
     */
    private List<Integer> failedList(CommitCertificate settles, long v) {
        List<Integer> out = new ArrayList<>();
        if (settles != null) {
            out.addAll(chain.lastSchedule.failedBetween(chain.lastHeader.view(), settles.view()));
        }
        out.addAll(round.schedule.failedBefore(v));
        return out;
    }

    /**
     * Null if {@code settles}, the settling certificate a PRE-PREPARE carries with the block of header {@code h} at
     * height + 1, is the one that header was made with: none, or a certificate of the previous block from a later view
     * than its header's that verifies, and in either case the header's failed list is the one it implies. The PREPAREs
     * of a prepared certificate vouch for the header only, so {@code ViewChangeProtocol.validPrepared} checks the
     * settles of a PRE-PREPARE its primary may have signed again with this same rule.
     */
    String settlementRefusal(BlockHeader h, CommitCertificate settles) {
        if (settles != null && (chain.lastHeader == null || settles.view() <= chain.lastHeader.view()
                || chain.lastSchedule.primary(settles.view()) < 0
                || settles.check(cfg.chainId, cfg.members, cfg.quorum(), chain.height, chain.lastHash) != null)) {
            return "previous block's certificate settles nothing or does not verify";
        }
        if (!h.failedPrimaries().equals(failedList(settles, h.view()))) {
            return "wrong failed-primary list";
        }
        return null;
    }

    /** Null if a proposed block, first received at {@code arrived}, is acceptable at height + 1 in {@code ppView}; otherwise why not. */
    private String validate(Block b, long ppView, CommitCertificate settles, boolean reproposal, long arrived) {
        BlockHeader h = b.header();
        if (!h.chainId().equals(cfg.chainId) || h.height() != chain.height + 1) {
            return "wrong chain or height";
        }
        if (!Arrays.equals(h.prevHash(), chain.lastHash)) {
            return "does not extend our chain";
        }
        if (!Arrays.equals(h.stateRoot(), chain.executedRoot)) {
            return "state root differs from ours";
        }
        if (chain.lastHeader != null && h.timestamp() <= chain.lastHeader.timestamp()) {
            return "timestamp not after the previous block";
        }
        // A NEW-VIEW may re-propose a block first proposed in an earlier view at this height.
        if (reproposal ? (h.view() < round.schedule.viewBase() || h.view() > ppView) : h.view() != ppView) {
            return "wrong view in header";
        }
        String unsettled = settlementRefusal(h, settles);
        if (unsettled != null) {
            return unsettled;
        }
        if (h.proposer() != round.primary(h.view())) {
            return "wrong proposer";
        }
        // Block time is bounded both ways by our clock (a NEW-VIEW's re-proposal was checked so when first proposed,
        // by every member that prepared it), so no primary can date a block past an honest clock's skew.
        if (!reproposal && h.timestamp() > r.now + cfg.maxClockSkewMs) {
            return "timestamp in the future";
        }
        if (!reproposal && h.timestamp() < r.now - cfg.maxClockSkewMs) {
            return "timestamp too far behind our clock";
        }
        if (b.transactions().size() > cfg.maxMessageCount || !b.txRootMatches(cfg.hash)) {
            return "too many transactions or wrong transaction root";
        }
        long bytes = 0;
        Duplicates.Index inBlock = new Duplicates.Index();
        Transaction prev = null;
        for (Transaction t : b.transactions()) {
            bytes += t.encodedSize();
            if (!t.chain().equals(cfg.chainId)) {
                return "transaction for another chain";
            }
            String dup = inBlock.add(t);
            if (dup != null || (dup = chain.committedDuplicate(t)) != null) {
                return "duplicate transaction " + t + ": " + dup; // storage would refuse it: refuse it here
            }
            if (prev != null && Mempool.ORDER.compare(prev, t) >= 0) {
                return "transactions not ordered by time";
            }
            if (!mempool.proposableAt(t, h.timestamp())) {
                return "block dated before a transaction it contains";
            }
            if (t.timestamp() < h.timestamp() - cfg.maxTxAgeMs) {
                return "transaction older than maxTxAge at the block's time";
            }
            if (!mempool.holds(t) && !txCheck.isValid(t)) {
                return "invalid transaction " + t;
            }
            prev = t;
        }
        if (bytes > cfg.absoluteMaxBytes) {
            return "block larger than AbsoluteMaxBytes";
        }
        if (bytes + h.encode().length > Wire.maxViewChangeBlockBytes(cfg.absoluteMaxBytes, cfg.n(), cfg.quorum())) {
            return "block too large for a view change to carry it";
        }
        // Committed, it is served in catch-up with its certificate: a block that would not fit a peer's frame then
        // could never reach a member behind it (a PRE-PREPARE just under the frame limit carries no certificate).
        if (bytes + h.encode().length + CommitCertificate.maxEncodedSize(cfg.n()) > CatchUp.responseLimit(cfg)) {
            return "block too large to be served with its certificate";
        }
        return reproposal || h.proposer() == cfg.self ? null : evidence.provenMiss(b, inBlock, bytes, arrived);
    }

    void checkPrepared() {
        if (round.accepted == null || round.myCommit != null) {
            return;
        }
        int primary = round.primary(round.view);
        List<Signed> match = new ArrayList<>();
        for (Signed p : round.prepares.values()) {
            Prepare b = (Prepare) p.body();
            if (p.sender() != primary && b.view() == round.view && Arrays.equals(b.digest(), round.acceptedDigest)) {
                match.add(p);
            }
        }
        int quorum = cfg.quorum();
        if (match.size() < quorum - 1) { // with the pre-prepare, a quorum
            return;
        }
        round.prepared = new PreparedCert(round.accepted, List.copyOf(match.subList(0, quorum - 1)));
        round.myCommit = r.sign(new Commit(round.view, chain.height + 1, round.acceptedDigest));
        round.commits.put(cfg.self, round.myCommit);
        round.lastProgress = r.now;
        round.dirty = true;
        r.broadcast(round.myCommit);
        checkCommitted();
    }

    private void checkCommitted() {
        // A quorum of COMMITs for the same (view, digest) proves the block, whatever view we are in now.
        Map<String, List<Signed>> groups = new TreeMap<>();
        for (Signed c : round.commits.values()) {
            Commit b = (Commit) c.body();
            groups.computeIfAbsent(b.view() + ":" + Hex.encode(b.digest()), k -> new ArrayList<>()).add(c);
        }
        for (List<Signed> g : groups.values()) {
            if (g.size() < cfg.quorum()) {
                continue;
            }
            Commit b = (Commit) g.get(0).body();
            Block block = round.candidates.get(Hex.encode(b.digest()));
            if (block == null) {
                continue;
            }
            List<CommitCertificate.Vote> votes = new ArrayList<>();
            for (Signed c : g) {
                votes.add(new CommitCertificate.Vote(c.sender(), c.signature()));
            }
            r.commit(block, new CommitCertificate(b.view(), chain.height + 1, b.digest(), votes));
            return;
        }
    }
}
