package org.fundchain.peer;

import java.security.SecureRandom;
import java.util.Optional;

import org.fundchain.codec.CanonicalWriter;
import org.fundchain.crypto.PublicKey;

/**
 * The mutual handshake. Each side signs the other side's fresh nonce, bound to the genesis hash and to
 * both node ids, so a signature can neither be replayed on another link nor relayed to a third node.
 *
 * <pre>
 *   acceptor B                      dialer A
 *   CHALLENGE(genesis, B, nB)  --&gt;
 *                              &lt;--  AUTH(A, nA, sig_A(genesis, A, B, nB))
 *   AUTH(B, -, sig_B(genesis, B, A, nA)) --&gt;
 * </pre>
 */
public final class PeerAuth {
    private static final String DOMAIN = "fundchain/peer-auth/v1";
    private static final SecureRandom RANDOM = new SecureRandom();

    private PeerAuth() {
    }

    public static byte[] newNonce() {
        byte[] n = new byte[PeerFrame.NONCE_BYTES];
        RANDOM.nextBytes(n);
        return n;
    }

    /** The bytes {@code signerId} signs to prove itself to {@code verifierId}, who chose {@code nonce}. */
    static byte[] transcript(String genesisHash, String signerId, String verifierId, byte[] nonce) {
        return new CanonicalWriter(128).string(DOMAIN).string(genesisHash).string(signerId).string(verifierId)
                .raw(nonce).toByteArray();
    }

    public static byte[] sign(PeerDirectory dir, String verifierId, byte[] verifierNonce) {
        return dir.selfKey().sign(transcript(dir.genesisHash(), dir.selfId(), verifierId, verifierNonce));
    }

    /**
     * Checks a peer's AUTH; returns null when it is good, else the reason for refusing the link.
     *
     * @param expectedId the node the dialer meant to reach, or null on the acceptor side (any member)
     */
    public static String check(PeerDirectory dir, PeerFrame.Auth auth, String expectedId, byte[] ourNonce) {
        if (auth.nodeId().equals(dir.selfId())) {
            return "peer claims our own node id " + auth.nodeId();
        }
        if (expectedId != null && !expectedId.equals(auth.nodeId())) {
            return "expected node " + expectedId + " but peer is " + auth.nodeId();
        }
        Optional<PublicKey> key = dir.memberKey(auth.nodeId());
        if (key.isEmpty()) {
            return "node " + auth.nodeId() + " is not an admitted member of this consortium";
        }
        byte[] t = transcript(dir.genesisHash(), auth.nodeId(), dir.selfId(), ourNonce);
        if (!key.get().verify(t, auth.signature())) {
            return "handshake signature of " + auth.nodeId() + " does not verify";
        }
        return null;
    }
}
