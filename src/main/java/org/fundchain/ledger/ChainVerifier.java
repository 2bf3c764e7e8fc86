package org.fundchain.ledger;

import java.util.Arrays;
import java.util.List;

import org.fundchain.crypto.HashAlgorithm;

/**
 * Verifies a chain from genesis without trusting whoever stored it: consecutive heights, hash links,
 * transaction roots, commit certificates ({@link #quorum} member signatures), every transaction's client signature
 * over its payload, and no duplicate transaction ({@link Duplicates}: no transaction id and no (signer, nonce) twice).
 * A certificate vouches for the block the members saw; it does not make a bad client signature good.
 */
public final class ChainVerifier {
    /** How far a chain verifies: {@code verifiedHeight} is the last good block; {@code error} is null if all were good. */
    public record Result(long verifiedHeight, String error) {
        public boolean ok() {
            return error == null;
        }
    }

    private final String chainId;
    private final HashAlgorithm hash;
    private final MemberVerifier members;
    private final byte[] genesisHash;

    public ChainVerifier(String chainId, HashAlgorithm hash, MemberVerifier members, byte[] genesisHash) {
        this.chainId = chainId;
        this.hash = hash;
        this.members = members;
        this.genesisHash = genesisHash.clone();
    }

    /**
     * ⌈(N + f + 1) / 2⌉ with f = ⌊(N−1)/3⌋ — the one quorum of consensus and of certificate checks. Two quorums
     * share at least f + 1 members, so an honest one, for every N (2f+1 is that only when N = 3f + 1: with N = 6
     * two quorums of 3 can be disjoint).
     */
    public static int quorum(int n) {
        int f = (n - 1) / 3;
        return (n + f + 2) / 2;
    }

    public Result verify(List<CertifiedBlock> chain) {
        Run run = start();
        for (CertifiedBlock cb : chain) {
            if (!run.add(cb)) {
                break;
            }
        }
        return run.result();
    }

    /** A verification fed one block at a time, so a caller can stream a stored chain instead of loading it. */
    public Run start() {
        return new Run();
    }

    /**
     * One pass over a chain from genesis. Keeps only the previous block's hash and time and the duplicate index
     * (transaction ids and (signer, nonce) keys: that rule needs the whole history), never the blocks.
     */
    public final class Run {
        private byte[] prev = genesisHash;
        private long prevTime = Long.MIN_VALUE;
        private final Duplicates.Index seen = new Duplicates.Index();
        private final int quorum = quorum(members.size());
        private long height;
        private String error;

        private Run() {
        }

        /** Checks the next block; false (and {@link #result()} says why) once one fails — later blocks are ignored. */
        public boolean add(CertifiedBlock cb) {
            if (error == null) {
                error = check(cb);
            }
            return error == null;
        }

        public Result result() {
            return new Result(height, error);
        }

        private String check(CertifiedBlock cb) {
            BlockHeader h = cb.block().header();
            if (h.height() != height + 1) {
                return "expected height " + (height + 1) + ", found " + h.height();
            }
            if (!Arrays.equals(h.prevHash(), prev)) {
                return "block " + h.height() + " does not link to the previous block";
            }
            if (h.timestamp() <= prevTime) {
                return "block " + h.height() + " timestamp does not increase";
            }
            String why = cb.check(chainId, hash, members, quorum);
            if (why != null) {
                return "block " + h.height() + ": " + why;
            }
            int pos = 0;
            for (Transaction t : cb.block().transactions()) {
                if (!t.verifySignature()) {
                    return "block " + h.height() + ": the client signature of transaction " + pos + " (" + t.hashHex()
                            + ") does not verify over its payload";
                }
                String dup = seen.add(t);
                if (dup != null) {
                    return "block " + h.height() + ": transaction " + pos + " is a " + dup;
                }
                pos++;
            }
            prev = cb.block().hash(hash);
            prevTime = h.timestamp();
            height = h.height();
            return null;
        }
    }
}
