package org.fundchain.ledger;

/**
 * Checks a consortium member's signature by member index (the order of the member list). Production
 * uses {@link MemberKeys}; the simulator plugs in a cheaper keyed scheme.
 */
public interface MemberVerifier {
    /** Number of members, N. */
    int size();

    /** True if {@code signature} is member {@code member}'s valid signature of {@code message}; never throws. */
    boolean verify(int member, byte[] message, byte[] signature);
}
