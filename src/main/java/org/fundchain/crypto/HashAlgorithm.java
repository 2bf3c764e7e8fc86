package org.fundchain.crypto;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

import org.bouncycastle.crypto.Digest;
import org.bouncycastle.crypto.digests.SHA256Digest;
import org.bouncycastle.crypto.digests.SM3Digest;

/** The hash functions a consortium may use: SHA-256 (default) or SM3 (Chinese national suite). */
public enum HashAlgorithm {
    SHA256("SHA-256"),
    SM3("SM3");

    private final String displayName;

    HashAlgorithm(String displayName) {
        this.displayName = displayName;
    }

    public String displayName() {
        return displayName;
    }

    /** A fresh, single-threaded digest instance. */
    public Digest newDigest() {
        return this == SHA256 ? new SHA256Digest() : new SM3Digest();
    }

    public byte[] digest(byte[] data) {
        return digest(data, 0, data.length);
    }

    public byte[] digest(byte[] data, int offset, int length) {
        if (this == SHA256) {
            MessageDigest md = sha256();
            md.update(data, offset, length);
            return md.digest();
        }
        Digest d = newDigest();
        d.update(data, offset, length);
        byte[] out = new byte[d.getDigestSize()];
        d.doFinal(out, 0);
        return out;
    }

    /** Hash of the concatenation of the given parts (used for Merkle nodes). */
    public byte[] digest(byte[]... parts) {
        if (this == SHA256) {
            MessageDigest md = sha256();
            for (byte[] p : parts) {
                md.update(p);
            }
            return md.digest();
        }
        Digest d = newDigest();
        for (byte[] p : parts) {
            d.update(p, 0, p.length);
        }
        byte[] out = new byte[d.getDigestSize()];
        d.doFinal(out, 0);
        return out;
    }

    public int size() {
        return 32;
    }

    /**
     * The JDK's SHA-256 (the same function, byte for byte): HotSpot runs it on the CPU's SHA instructions where BC's
     * is plain Java — hashing was 7% of a node's samples under load. One instance per thread; digest() resets it.
     */
    private static MessageDigest sha256() {
        MessageDigest md = JDK_SHA256.get();
        md.reset(); // a call that threw half way (digest(parts) with a null part) left its input in it
        return md;
    }

    private static final ThreadLocal<MessageDigest> JDK_SHA256 = ThreadLocal.withInitial(() -> {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK has no SHA-256", e);
        }
    });
}
