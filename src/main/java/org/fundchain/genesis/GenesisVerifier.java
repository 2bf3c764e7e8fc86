package org.fundchain.genesis;

import java.util.Arrays;
import java.util.Locale;

import org.fundchain.codec.CodecException;
import org.fundchain.codec.Json;
import org.fundchain.crypto.PublicKey;

/**
 * Decides whether a node may trust a genesis document. It must be canonical JSON, hash to the value the
 * node pinned when it was set up, be signed by the CA it names, and be internally consistent
 * ({@link GenesisRules}). Any failure refuses the document with a message saying which check failed.
 */
public final class GenesisVerifier {
    private GenesisVerifier() {
    }

    /**
     * @param pinnedHash the hex genesis hash the node was configured with; never null in a node (a genesis
     *                   file alone proves nothing: whoever can replace it can re-sign it with another CA)
     */
    public static Genesis verify(SignedGenesis signed, String pinnedHash) {
        if (pinnedHash == null || pinnedHash.isBlank()) {
            throw new GenesisException("no pinned genesis hash configured: refusing to trust an unpinned genesis");
        }
        byte[] doc = signed.document();
        Genesis g = GenesisCodec.decode(doc);
        requireCanonical(doc);
        String actual = SignedGenesis.hash(g.suite(), doc);
        if (!actual.equals(pinnedHash.trim().toLowerCase(Locale.ROOT))) {
            throw new GenesisException("genesis hash mismatch: the document hashes to " + actual
                    + " but this node is pinned to " + pinnedHash.trim()
                    + " (the genesis was altered or belongs to another consortium)");
        }
        PublicKey ca = GenesisRules.caKey(g);
        if (!ca.verify(doc, signed.signature())) {
            throw new GenesisException("genesis signature does not verify against the consortium CA key " + ca.hex());
        }
        return g;
    }

    private static void requireCanonical(byte[] doc) {
        try {
            byte[] again = Json.writeBytes(Json.parse(doc, GenesisCodec.MAX_BYTES));
            if (!Arrays.equals(doc, again)) {
                throw new GenesisException("genesis is not in canonical JSON form (re-encoding changes its bytes)");
            }
        } catch (CodecException e) {
            throw new GenesisException("genesis is not valid JSON: " + e.getMessage(), e);
        }
    }
}
