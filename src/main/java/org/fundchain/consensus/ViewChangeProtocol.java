package org.fundchain.consensus;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.fundchain.crypto.HashAlgorithm;
import org.fundchain.crypto.Hex;
import org.fundchain.ledger.Block;
import org.fundchain.consensus.Message.*;

/**
 * The view change: a replica that gives up on a view sends VIEW-CHANGE with its highest prepared certificate; f+1
 * such messages for higher views make others join; the new primary's NEW-VIEW carries a quorum of them and
 * re-proposes the highest prepared block, which is then the only proposal of that view (package-info, rules 1–3).
 */
final class ViewChangeProtocol {
    private final Replica r;
    private final ConsensusConfig cfg;
    private final HashAlgorithm hash;
    private final CommittedChain chain;
    private final Round round;

    ViewChangeProtocol(Replica r, CommittedChain chain, Round round) {
        this.r = r;
        this.cfg = r.cfg;
        this.hash = cfg.hash;
        this.chain = chain;
        this.round = round;
    }

    void startViewChange(long newViewNumber) {
        if (newViewNumber <= round.view) {
            return;
        }
        round.view = newViewNumber;
        round.inViewChange = true;
        round.clearView();
        round.roundStart = r.now;
        round.myViewChange = r.sign(new ViewChange(chain.height + 1, round.view, round.prepared));
        round.viewChanges.put(cfg.self, round.myViewChange);
        round.lastProgress = r.now;
        r.broadcast(round.myViewChange);
        tryNewView();
    }

    /** Null if the certificate proves a block prepared at height + 1 in a view below {@code belowView}. */
    private boolean validPrepared(PreparedCert c, long belowView) {
        PrePrepare pp = c.body();
        Signed pps = c.prePrepare();
        if (pp.height() != chain.height + 1 || pp.view() >= belowView || pps.sender() != round.primary(pp.view())
                || !pps.chainId().equals(cfg.chainId) || !pps.verify(cfg.members)) {
            return false;
        }
        // The prepares vouch for the header hash only: the body must be the one that header commits to.
        if (!pp.block().txRootMatches(hash)) {
            return false;
        }
        // Nor do they vouch for the settling certificate, which the primary may sign again in a second PRE-PREPARE of
        // the same block: check it as a proposal's (NormalCase.validate). Unchecked, it could carry 1,024 junk votes —
        // past what Wire.maxViewChangeBlockBytes budgets for a copy, so a NEW-VIEW holding it exceeds every member's
        // frame — and an honest new primary that picked it would re-propose a block no member accepts. A certificate
        // that verifies is not enough either: it must be the one the header's failed list was made with (or none if
        // the list settles nothing), or the block signed again without it would be re-proposed and refused (red team 9).
        if (r.normal.settlementRefusal(pp.block().header(), pp.settles()) != null) {
            return false;
        }
        byte[] d = pp.block().hash(hash);
        Set<Integer> senders = new HashSet<>();
        for (Signed s : c.prepares()) {
            Prepare p = (Prepare) s.body();
            if (s.sender() == pps.sender() || s.sender() >= cfg.n() || p.view() != pp.view() || p.height() != pp.height()
                    || !Arrays.equals(p.digest(), d) || !s.chainId().equals(cfg.chainId) || !senders.add(s.sender())
                    || !s.verify(cfg.members)) {
                return false;
            }
        }
        return senders.size() >= cfg.quorum() - 1;
    }

    void onViewChange(Signed s) {
        ViewChange vc = (ViewChange) s.body();
        Signed old = round.viewChanges.get(s.sender());
        if (vc.newView() <= round.schedule.viewBase() || (old != null && ((ViewChange) old.body()).newView() >= vc.newView())
                || round.primary(vc.newView()) < 0) {
            return;
        }
        if (vc.prepared() != null) {
            // A NEW-VIEW carries quorum VIEW-CHANGEs whole, and its re-proposal: each must fit one copy's share of a
            // member's frame, or a Byzantine member's VIEW-CHANGE padded with fields nobody checks (a settling
            // certificate of 1,024 votes, extra PREPAREs) would push the NEW-VIEW past every frame (red team 8).
            // An honest VIEW-CHANGE (a preparable block and its envelopes) always fits: Wire.maxViewChangeBlockBytes.
            if (s.signingBytes().length + 256 > Wire.viewChangeCopyShare(cfg.absoluteMaxBytes, cfg.quorum())) {
                return;
            }
            if (!validPrepared(vc.prepared(), vc.newView())) {
                return;
            }
            Block b = vc.prepared().body().block();
            round.candidates.putIfAbsent(Hex.encode(b.hash(hash)), b); // never replaces a candidate (same hash ⇒ same body)
        }
        round.viewChanges.put(s.sender(), s);
        // f+1 replicas want a higher view: at least one is honest, so join the smallest such view.
        List<Long> higher = new ArrayList<>();
        for (Signed other : round.viewChanges.values()) {
            long v = ((ViewChange) other.body()).newView();
            if (other.sender() != cfg.self && v > round.view) {
                higher.add(v);
            }
        }
        if (higher.size() >= cfg.f() + 1) {
            higher.sort(Comparator.reverseOrder());
            startViewChange(higher.get(cfg.f()));
        }
        tryNewView();
    }

    private static PreparedCert best(List<Signed> vcs, HashAlgorithm hash) {
        PreparedCert best = null;
        for (Signed s : vcs) {
            PreparedCert c = ((ViewChange) s.body()).prepared();
            if (c == null) {
                continue;
            }
            if (best == null || c.body().view() > best.body().view() || (c.body().view() == best.body().view()
                    && Hex.encode(c.body().block().hash(hash)).compareTo(Hex.encode(best.body().block().hash(hash))) < 0)) {
                best = c;
            }
        }
        return best;
    }

    private void tryNewView() {
        if (!round.inViewChange || round.primary(round.view) != cfg.self || round.newView != null) {
            return;
        }
        int quorum = cfg.quorum();
        List<Signed> vcs = new ArrayList<>();
        for (Signed s : round.viewChanges.values()) {
            if (((ViewChange) s.body()).newView() == round.view && vcs.size() < quorum) {
                vcs.add(s);
            }
        }
        if (vcs.size() < quorum) {
            return;
        }
        PreparedCert best = best(vcs, hash);
        Signed pp = best == null ? null
                : r.sign(new PrePrepare(round.view, chain.height + 1, best.body().block(), best.body().settles()));
        Signed nv = r.sign(new NewView(chain.height + 1, round.view, List.copyOf(vcs), pp));
        r.broadcast(nv);
        enterView(nv);
    }

    void onNewView(Signed s) {
        NewView nv = (NewView) s.body();
        if (nv.view() < round.view || (nv.view() == round.view && !round.inViewChange) || s.sender() != round.primary(nv.view())) {
            return;
        }
        Set<Integer> senders = new HashSet<>();
        for (Signed vs : nv.viewChanges()) {
            ViewChange vc = (ViewChange) vs.body();
            if (vs.sender() >= cfg.n() || !senders.add(vs.sender()) || vc.height() != chain.height + 1 || vc.newView() != nv.view()
                    || !vs.chainId().equals(cfg.chainId) || !vs.verify(cfg.members)
                    || (vc.prepared() != null && !validPrepared(vc.prepared(), nv.view()))) {
                return;
            }
        }
        if (senders.size() < cfg.quorum()) {
            return;
        }
        PreparedCert best = best(nv.viewChanges(), hash);
        Signed pp = nv.prePrepare();
        if (best == null ? pp != null : pp == null) {
            return;
        }
        if (pp != null) {
            PrePrepare p = (PrePrepare) pp.body();
            if (pp.sender() != s.sender() || p.view() != nv.view() || p.height() != chain.height + 1 || !pp.chainId().equals(cfg.chainId)
                    || !pp.verify(cfg.members) || !Arrays.equals(p.block().hash(hash), best.body().block().hash(hash))
                    || !p.block().txRootMatches(hash)) {
                return;
            }
        }
        round.view = nv.view();
        enterView(s);
    }

    private void enterView(Signed nvSigned) {
        NewView nv = (NewView) nvSigned.body();
        round.inViewChange = false;
        round.clearView();
        round.newView = nvSigned;
        round.reproposal = nv.prePrepare();
        round.roundStart = r.now;
        round.lastProgress = r.now;
        for (Signed vs : nv.viewChanges()) {
            PreparedCert c = ((ViewChange) vs.body()).prepared();
            if (c != null) { // checked by validPrepared (tryNewView: checked on receipt), body included
                round.candidates.putIfAbsent(Hex.encode(c.body().block().hash(hash)), c.body().block());
            }
        }
        if (nv.prePrepare() != null) {
            r.normal.onPrePrepare(nv.prePrepare(), true);
        } else {
            r.normal.maybePropose();
        }
        r.normal.checkPrepared();
    }
}
