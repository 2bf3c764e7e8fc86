package org.fundchain.api;

import java.util.Arrays;
import java.util.Optional;

import org.fundchain.crypto.PublicKey;
import org.fundchain.fund.Viewer;
import org.fundchain.ledger.MemberKeys;
import org.fundchain.ledger.MemberVerifier;
import org.fundchain.ledger.Transaction;

/**
 * Who may see business data through the raw chain API (ARCHITECTURE §5, THREATS invariant 6) — the one rule for
 * blocks and transactions. Payloads ({@code encoded} blocks) go to signed reads by signers who see everything
 * ({@link Viewer#seesAll()}: ADMIN and the supervising roles) and to member nodes; a transaction's outcome and
 * receipt also go to the transaction's own signer. Everyone else — unsigned reads included — gets the public view:
 * headers, hashes, certificates and the transaction status.
 */
final class ChainAccess {
    /** Who is reading: nobody known, an admitted signer, or one of the chain's member nodes. */
    record Reader(Viewer viewer, boolean memberNode) {
        static final Reader ANONYMOUS = new Reader(null, false);
        static final Reader MEMBER_NODE = new Reader(null, true);

        static Reader signer(Viewer v) {
            return new Reader(v, false);
        }

        boolean seesAll() {
            return memberNode || viewer != null && viewer.seesAll();
        }
    }

    private ChainAccess() {
    }

    static ChainViews.Access forBlock(Reader r) {
        return r.seesAll() ? ChainViews.Access.FULL : ChainViews.Access.PUBLIC;
    }

    /** @param tx the stored transaction (null when unknown: then only all-seeing readers get it) */
    static ChainViews.Access forTransaction(Reader r, Transaction tx) {
        if (r.seesAll()) {
            return ChainViews.Access.FULL;
        }
        if (r.viewer() != null && r.viewer().signerId() != null && tx != null) {
            Optional<PublicKey> k = ReadAuth.publicKey(r.viewer().signerId());
            if (k.isPresent() && k.get().algorithm() == tx.algorithm() && Arrays.equals(k.get().raw(), tx.signer())) {
                return ChainViews.Access.FULL;
            }
        }
        return ChainViews.Access.PUBLIC;
    }

    /** Whether a signer id ({@code ed25519:<hex>}) names one of the chain's member node keys. */
    static boolean isMemberNode(MemberVerifier members, String signerId) {
        if (!(members instanceof MemberKeys keys)) {
            return false;
        }
        Optional<PublicKey> k = ReadAuth.publicKey(signerId);
        if (k.isEmpty()) {
            return false;
        }
        for (PublicKey m : keys.keys()) {
            if (m.algorithm() == k.get().algorithm() && Arrays.equals(m.raw(), k.get().raw())) {
                return true;
            }
        }
        return false;
    }
}
