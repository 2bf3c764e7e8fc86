package org.fundchain.ledger;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;

import org.fundchain.codec.CanonicalReader;
import org.fundchain.codec.CanonicalWriter;
import org.fundchain.codec.CodecException;
import org.fundchain.crypto.HashAlgorithm;
import org.fundchain.crypto.Hex;

/**
 * A block header. The block hash (= the digest consensus agrees on) is the suite hash of this canonical
 * encoding. {@code stateRoot} is the contract-state root after executing every block up to height − 1
 * (the proposer cannot know the effect of its own block before it commits). {@code failedPrimaries} are
 * the members whose rounds at this height failed before this block's view (at most N entries, oldest
 * first): with {@code proposer} and {@code view} they make credit scores a pure function of the chain.
 */
public final class BlockHeader {
    public static final int MAX_CHAIN_ID = 64;
    public static final int MAX_FAILED = 1024;

    private final String chainId;
    private final long height;
    private final byte[] prevHash;
    private final byte[] txRoot;
    private final byte[] stateRoot;
    private final long timestamp;
    private final int proposer;
    private final long view;
    private final List<Integer> failedPrimaries;
    private final int txCount;

    public BlockHeader(String chainId, long height, byte[] prevHash, byte[] txRoot, byte[] stateRoot, long timestamp,
            int proposer, long view, List<Integer> failedPrimaries, int txCount) {
        if (prevHash.length != 32 || txRoot.length != 32 || stateRoot.length != 32) {
            throw new CodecException("header hashes must be 32 bytes");
        }
        if (height < 1 || view < 0 || proposer < 0 || txCount < 0 || failedPrimaries.size() > MAX_FAILED) {
            throw new CodecException("header field out of range");
        }
        this.chainId = chainId;
        this.height = height;
        this.prevHash = prevHash.clone();
        this.txRoot = txRoot.clone();
        this.stateRoot = stateRoot.clone();
        this.timestamp = timestamp;
        this.proposer = proposer;
        this.view = view;
        this.failedPrimaries = Collections.unmodifiableList(new ArrayList<>(failedPrimaries));
        this.txCount = txCount;
    }

    public void write(CanonicalWriter w) {
        w.string(chainId).i64(height).raw(prevHash).raw(txRoot).raw(stateRoot).i64(timestamp).i32(proposer).i64(view);
        w.i32(failedPrimaries.size());
        for (int p : failedPrimaries) {
            w.i32(p);
        }
        w.i32(txCount);
    }

    public byte[] encode() {
        CanonicalWriter w = new CanonicalWriter(200);
        write(w);
        return w.toByteArray();
    }

    public static BlockHeader read(CanonicalReader r) {
        String chainId = r.string(MAX_CHAIN_ID);
        long height = r.i64();
        byte[] prev = r.raw(32);
        byte[] txRoot = r.raw(32);
        byte[] stateRoot = r.raw(32);
        long ts = r.i64();
        int proposer = r.i32();
        long view = r.i64();
        int nf = r.count(MAX_FAILED, "failed primaries");
        List<Integer> failed = new ArrayList<>(nf);
        for (int i = 0; i < nf; i++) {
            int p = r.i32();
            if (p < 0) {
                throw new CodecException("negative member index");
            }
            failed.add(p);
        }
        int txCount = r.count(Block.MAX_TXS, "transactions");
        return new BlockHeader(chainId, height, prev, txRoot, stateRoot, ts, proposer, view, failed, txCount);
    }

    public byte[] hash(HashAlgorithm alg) {
        return alg.digest(encode());
    }

    public String chainId() { return chainId; }
    public long height() { return height; }
    public byte[] prevHash() { return prevHash.clone(); }
    public byte[] txRoot() { return txRoot.clone(); }
    public byte[] stateRoot() { return stateRoot.clone(); }
    public long timestamp() { return timestamp; }
    public int proposer() { return proposer; }
    public long view() { return view; }
    public List<Integer> failedPrimaries() { return failedPrimaries; }
    public int txCount() { return txCount; }

    boolean prevHashEquals(byte[] h) { return Arrays.equals(prevHash, h); }

    @Override
    public String toString() {
        return "Header(h=" + height + " v=" + view + " proposer=" + proposer + " txs=" + txCount + " prev="
                + Hex.encode(prevHash).substring(0, 8) + ")";
    }
}
