package org.fundchain.ledger;

import org.fundchain.codec.CanonicalReader;
import org.fundchain.codec.CanonicalWriter;
import org.fundchain.crypto.HashAlgorithm;

/** A committed block with the certificate that proves it; the unit of storage and of catch-up. */
public record CertifiedBlock(Block block, CommitCertificate certificate) {

    public long height() {
        return block.height();
    }

    /** Null if the certificate proves this block (right hash, height, quorum of valid votes), else why not. */
    public String check(String chainId, HashAlgorithm hash, MemberVerifier members, int quorum) {
        if (!block.header().chainId().equals(chainId)) {
            return "block is for chain " + block.header().chainId();
        }
        if (!block.txRootMatches(hash)) {
            return "transaction root does not match";
        }
        return certificate.check(chainId, members, quorum, block.height(), block.hash(hash));
    }

    public void write(CanonicalWriter w) {
        block.write(w);
        certificate.write(w);
    }

    /** The exact length of {@link #encode()} (catch-up's response limit counts it, on both sides). */
    public int encodedSize() {
        CanonicalWriter w = new CanonicalWriter(1024);
        block.header().write(w);
        certificate.write(w);
        int s = w.size();
        for (Transaction t : block.transactions()) {
            s += t.encodedSize();
        }
        return s;
    }

    public byte[] encode() {
        CanonicalWriter w = new CanonicalWriter(block.encodedSize() + 512);
        write(w);
        return w.toByteArray();
    }

    public static CertifiedBlock read(CanonicalReader r, HashAlgorithm hash) {
        return new CertifiedBlock(Block.read(r, hash), CommitCertificate.read(r));
    }

    public static CertifiedBlock decode(byte[] bytes, HashAlgorithm hash) {
        CanonicalReader r = new CanonicalReader(bytes);
        CertifiedBlock b = read(r, hash);
        r.requireEnd();
        return b;
    }
}
