package org.fundchain.ledger;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;

import org.fundchain.codec.CanonicalReader;
import org.fundchain.codec.CanonicalWriter;
import org.fundchain.codec.CodecException;
import org.fundchain.crypto.HashAlgorithm;

/** A header and its ordered transactions. The block's hash is its header's hash. */
public final class Block {
    public static final int MAX_TXS = 1 << 16;

    private final BlockHeader header;
    private final List<Transaction> transactions;
    private byte[] hash; // cached; a block is immutable
    private HashAlgorithm hashAlg;

    public Block(BlockHeader header, List<Transaction> transactions) {
        if (header.txCount() != transactions.size()) {
            throw new CodecException("header says " + header.txCount() + " transactions, block has " + transactions.size());
        }
        this.header = header;
        this.transactions = Collections.unmodifiableList(new ArrayList<>(transactions));
    }

    public BlockHeader header() { return header; }
    public List<Transaction> transactions() { return transactions; }
    public long height() { return header.height(); }

    public byte[] hash(HashAlgorithm alg) {
        if (hash == null || hashAlg != alg) {
            hash = header.hash(alg);
            hashAlg = alg;
        }
        return hash.clone();
    }

    /** True if the header's transaction root matches the transactions. */
    public boolean txRootMatches(HashAlgorithm alg) {
        return Arrays.equals(header.txRoot(), Merkle.rootOf(alg, transactions));
    }

    public int encodedSize() {
        int s = 256;
        for (Transaction t : transactions) {
            s += t.encodedSize();
        }
        return s;
    }

    public void write(CanonicalWriter w) {
        header.write(w);
        for (Transaction t : transactions) {
            t.write(w);
        }
    }

    public byte[] encode() {
        CanonicalWriter w = new CanonicalWriter(encodedSize());
        write(w);
        return w.toByteArray();
    }

    public static Block read(CanonicalReader r, HashAlgorithm alg) {
        BlockHeader h = BlockHeader.read(r);
        List<Transaction> txs = new ArrayList<>(Math.min(h.txCount(), 1024));
        for (int i = 0; i < h.txCount(); i++) {
            txs.add(Transaction.read(r, alg));
        }
        return new Block(h, txs);
    }

    public static Block decode(byte[] bytes, HashAlgorithm alg) {
        CanonicalReader r = new CanonicalReader(bytes);
        Block b = read(r, alg);
        r.requireEnd();
        return b;
    }

    @Override
    public String toString() {
        return "Block(" + header + ")";
    }
}
