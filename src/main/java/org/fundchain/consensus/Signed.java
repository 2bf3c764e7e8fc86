package org.fundchain.consensus;

import org.fundchain.codec.CanonicalWriter;
import org.fundchain.ledger.MemberVerifier;

/**
 * A message as sent: type tag, chain id, sender index and body ({@link #signingBytes()}), followed by the
 * sender's signature over those bytes. Keeping the exact bytes lets certificates embed and re-verify it.
 */
public final class Signed {
    private final String chainId;
    private final int sender;
    private final Message body;
    private final byte[] signingBytes;
    private final byte[] signature;

    Signed(String chainId, int sender, Message body, byte[] signingBytes, byte[] signature) {
        this.chainId = chainId;
        this.sender = sender;
        this.body = body;
        this.signingBytes = signingBytes;
        this.signature = signature;
    }

    public String chainId() { return chainId; }
    public int sender() { return sender; }
    public Message body() { return body; }
    byte[] signingBytes() { return signingBytes; }
    byte[] signature() { return signature; }

    /**
     * The verifier these exact bytes verified under, once they did: a frame the peer thread checked
     * ({@code SubmitGate.preverify}) is not checked again by the core. It vouches only for this object's own final
     * bytes, and only under that very verifier (the same members); a failed check is never remembered.
     */
    private volatile MemberVerifier verifiedBy;

    public boolean verify(MemberVerifier members) {
        if (members != null && members == verifiedBy) {
            return true;
        }
        boolean ok = members.verify(sender, signingBytes, signature);
        if (ok) {
            verifiedBy = members;
        }
        return ok;
    }

    /** The complete wire bytes. */
    public byte[] encode() {
        CanonicalWriter w = new CanonicalWriter(signingBytes.length + signature.length + 4);
        w.raw(signingBytes).bytes(signature);
        return w.toByteArray();
    }

    @Override
    public String toString() {
        return body.getClass().getSimpleName() + " from " + sender;
    }
}
