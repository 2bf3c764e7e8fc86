package org.fundchain.ledger;

import java.util.ArrayList;
import java.util.List;

import org.fundchain.crypto.HashAlgorithm;

/**
 * Binary Merkle root over transactions' {@linkplain Transaction#envelopeHash() envelope hashes} — payload, algorithm,
 * signer and signature — so a block header, and the commit certificate over it, pins exactly the envelopes the
 * members checked: the same payload re-signed (or forged) under another signer is another body and fails the root.
 * Leaves and inner nodes are domain-separated (0x00 / 0x01 prefixes) so a leaf can never pass for a node; an odd node is carried up unchanged rather than
 * duplicated, so two different lists can never share a root (the Bitcoin CVE-2012-2459 shape).
 * The root of no transactions is 32 zero bytes.
 */
public final class Merkle {
    private static final byte[] LEAF = {0};
    private static final byte[] NODE = {1};

    private Merkle() {
    }

    public static byte[] root(HashAlgorithm hash, List<byte[]> leafHashes) {
        if (leafHashes.isEmpty()) {
            return new byte[32];
        }
        List<byte[]> level = new ArrayList<>(leafHashes.size());
        for (byte[] l : leafHashes) {
            level.add(hash.digest(LEAF, l));
        }
        while (level.size() > 1) {
            List<byte[]> next = new ArrayList<>((level.size() + 1) / 2);
            for (int i = 0; i < level.size(); i += 2) {
                next.add(i + 1 < level.size() ? hash.digest(NODE, level.get(i), level.get(i + 1)) : level.get(i));
            }
            level = next;
        }
        return level.get(0);
    }

    public static byte[] rootOf(HashAlgorithm hash, List<Transaction> txs) {
        List<byte[]> leaves = new ArrayList<>(txs.size());
        for (Transaction t : txs) {
            leaves.add(t.envelopeHashUnsafe());
        }
        return root(hash, leaves);
    }
}
