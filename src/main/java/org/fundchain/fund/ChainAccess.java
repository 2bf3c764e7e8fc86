package org.fundchain.fund;

import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.SortedSet;

import org.fundchain.contract.api.Contract;
import org.fundchain.contracts.FundChainContracts;
import org.fundchain.crypto.Hex;
import org.fundchain.crypto.PublicKey;
import org.fundchain.ledger.MemberKeys;
import org.fundchain.ledger.MemberVerifier;
import org.fundchain.ledger.Transaction;

/**
 * Who may see business data in raw blocks and transactions (ARCHITECTURE §5, THREATS invariant 6) — the one rule,
 * used by the REST chain API and the portal's explorer alike. Payloads (a block's {@code encoded} form) go to
 * signers who see everything ({@link Viewer#seesAll()}: ADMIN and the supervising roles) and to member nodes; a
 * transaction's call, outcome and receipt also go to the transaction's own signer (unless it is a read method:
 * {@link #isRead}). Everyone else — unsigned reads
 * included — gets the public view: headers, hashes, certificates and the transaction status.
 */
public final class ChainAccess {
    /** How much of a block or transaction a reader gets. */
    public enum Access { PUBLIC, FULL }

    /** Who is reading: nobody known, a signer who proved its key (admitted or not), or a member node. */
    public record Reader(Viewer viewer, boolean memberNode) {
        public static final Reader ANONYMOUS = new Reader(null, false);
        public static final Reader MEMBER_NODE = new Reader(null, true);

        public static Reader signer(Viewer v) {
            return new Reader(v, false);
        }

        public boolean seesAll() {
            return memberNode || viewer != null && viewer.seesAll();
        }
    }

    private ChainAccess() {
    }

    /**
     * Who may have a node re-verify its whole chain (every certificate and client signature: seconds of CPU): member
     * nodes and admitted signers — a signed read by a key the registry knows, not a bare key holder or anyone.
     */
    public static boolean mayVerify(Reader r) {
        return r.memberNode() || r.viewer() != null && r.viewer().org() != null;
    }

    public static Access forBlock(Reader r) {
        return r.seesAll() ? Access.FULL : Access.PUBLIC;
    }

    /** @param tx the stored transaction (null when unknown: then only all-seeing readers get it in full) */
    public static Access forTransaction(Reader r, Transaction tx) {
        if (r.seesAll()) {
            return Access.FULL;
        }
        if (r.viewer() != null && r.viewer().signerId() != null && tx != null && !isRead(tx.contract(), tx.method())
                && r.viewer().signerId().equals(signerId(tx.algorithm().jsonName(), tx.signer()))) {
            return Access.FULL;
        }
        return Access.PUBLIC;
    }

    /**
     * The contracts' read methods ({@link Contract#readMethods()}: the contracts declare them). Sent as a transaction,
     * a read answers with whatever record it names — the contract checks only that the caller is admitted — so its
     * outcome is no "own data" of the signer: it goes to all-seeing readers only. Signers read through the
     * role-scoped business API, which applies {@link Viewer}. An unknown contract counts as a read (fail closed).
     */
    static boolean isRead(String contract, String method) {
        SortedSet<String> reads = READS.get(contract);
        return reads == null || reads.contains(method);
    }

    private static final Map<String, SortedSet<String>> READS = reads();

    private static Map<String, SortedSet<String>> reads() {
        Map<String, SortedSet<String>> m = new HashMap<>();
        for (Contract c : FundChainContracts.all()) {
            m.put(c.name(), c.readMethods());
        }
        return Map.copyOf(m);
    }

    /** Whether a signer id ({@code ed25519:<hex>}) names one of the chain's member node keys. */
    public static boolean isMemberNode(MemberVerifier members, String signerId) {
        if (!(members instanceof MemberKeys keys) || signerId == null) {
            return false;
        }
        for (PublicKey m : keys.keys()) {
            if (signerId.equals(signerId(m.algorithm().jsonName(), m.raw()))) {
                return true;
            }
        }
        return false;
    }

    /** The registry's signer id: {@code ed25519:<hex>} / {@code sm2:<hex>} (as ReadSignature.signerId). */
    static String signerId(String algJsonName, byte[] rawKey) {
        return algJsonName.toLowerCase(Locale.ROOT) + ":" + Hex.encode(rawKey);
    }
}
