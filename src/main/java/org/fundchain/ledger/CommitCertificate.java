package org.fundchain.ledger;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;

import org.fundchain.codec.CanonicalReader;
import org.fundchain.codec.CanonicalWriter;
import org.fundchain.codec.CodecException;

/**
 * Proof that a block committed: 2f+1 members' signed COMMIT votes for (view, height, block hash). The
 * signatures are over exactly the bytes of the consensus COMMIT message ({@link #signingBytes}), so the
 * votes collected during consensus are the certificate; anyone holding the member keys can check a
 * block without trusting the node that served it.
 */
public final class CommitCertificate {
    /** Message tag of COMMIT in the consensus wire format; part of the signed bytes. */
    public static final int COMMIT_TAG = 3;
    public static final int MAX_VOTES = 1024;

    /** One member's signature. */
    public record Vote(int member, byte[] signature) {
    }

    private final long view;
    private final long height;
    private final byte[] blockHash;
    private final List<Vote> votes;

    /** Votes are stored sorted by member, which makes the encoding canonical. */
    public CommitCertificate(long view, long height, byte[] blockHash, List<Vote> votes) {
        if (blockHash.length != 32) {
            throw new CodecException("block hash must be 32 bytes");
        }
        List<Vote> sorted = new ArrayList<>(votes);
        sorted.sort((a, b) -> Integer.compare(a.member(), b.member()));
        for (int i = 1; i < sorted.size(); i++) {
            if (sorted.get(i).member() == sorted.get(i - 1).member()) {
                throw new CodecException("duplicate vote from member " + sorted.get(i).member());
            }
        }
        this.view = view;
        this.height = height;
        this.blockHash = blockHash.clone();
        this.votes = Collections.unmodifiableList(sorted);
    }

    /** The bytes member {@code member} signs to vote COMMIT for (view, height, blockHash) on chain {@code chainId}. */
    public static byte[] signingBytes(String chainId, int member, long view, long height, byte[] blockHash) {
        CanonicalWriter w = new CanonicalWriter(96);
        w.u8(COMMIT_TAG).string(chainId).i32(member);
        w.i64(view).i64(height).raw(blockHash);
        return w.toByteArray();
    }

    /**
     * Null if this certificate proves that the block with {@code expectedHash} at {@code expectedHeight}
     * committed (at least {@code quorum} distinct members with valid signatures); otherwise the reason.
     */
    public String check(String chainId, MemberVerifier members, int quorum, long expectedHeight, byte[] expectedHash) {
        if (height != expectedHeight) {
            return "certificate is for height " + height + ", not " + expectedHeight;
        }
        if (!Arrays.equals(blockHash, expectedHash)) {
            return "certificate is for another block";
        }
        int valid = 0;
        for (Vote v : votes) {
            if (v.member() < 0 || v.member() >= members.size()) {
                return "vote from unknown member " + v.member();
            }
            if (!members.verify(v.member(), signingBytes(chainId, v.member(), view, height, blockHash), v.signature())) {
                return "vote of member " + v.member() + " does not verify";
            }
            valid++;
        }
        return valid >= quorum ? null : "only " + valid + " votes, need " + quorum;
    }

    public long view() { return view; }
    public long height() { return height; }
    public byte[] blockHash() { return blockHash.clone(); }
    public List<Vote> votes() { return votes; }

    public void write(CanonicalWriter w) {
        w.i64(view).i64(height).raw(blockHash).i32(votes.size());
        for (Vote v : votes) {
            w.i32(v.member()).bytes(v.signature());
        }
    }

    /** The largest encoding of a certificate of {@code members} members' votes (signatures of at most 128 bytes). */
    public static long maxEncodedSize(int members) {
        return 8 + 8 + 32 + 4 + (long) members * (4 + 4 + 128);
    }

    public static CommitCertificate read(CanonicalReader r) {
        long view = r.i64();
        long height = r.i64();
        byte[] hash = r.raw(32);
        int n = r.count(MAX_VOTES, "votes");
        List<Vote> votes = new ArrayList<>(n);
        int last = -1;
        for (int i = 0; i < n; i++) {
            int m = r.i32();
            if (m <= last) {
                throw new CodecException("votes must be sorted by member without duplicates");
            }
            last = m;
            votes.add(new Vote(m, r.bytes(128)));
        }
        return new CommitCertificate(view, height, hash, votes);
    }
}
