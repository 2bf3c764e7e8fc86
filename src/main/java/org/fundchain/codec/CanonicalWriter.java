package org.fundchain.codec;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * The canonical binary encoding of everything FundChain hashes or signs. Fixed-width big-endian
 * integers, length-prefixed byte strings and UTF-8 strings, no padding, no optional fields: two nodes
 * writing the same values produce identical bytes on any JVM, locale or time zone. Callers write fields
 * in a fixed order and collections in a defined (sorted or sequence) order.
 */
public final class CanonicalWriter {
    private byte[] buf;
    private int len;

    public CanonicalWriter() {
        this(128);
    }

    public CanonicalWriter(int initialCapacity) {
        buf = new byte[Math.max(16, initialCapacity)];
    }

    private void ensure(int extra) {
        if (len + extra > buf.length) {
            buf = Arrays.copyOf(buf, Math.max(buf.length * 2, len + extra));
        }
    }

    public CanonicalWriter u8(int v) {
        ensure(1);
        buf[len++] = (byte) v;
        return this;
    }

    public CanonicalWriter bool(boolean v) {
        return u8(v ? 1 : 0);
    }

    public CanonicalWriter i32(int v) {
        ensure(4);
        buf[len++] = (byte) (v >>> 24);
        buf[len++] = (byte) (v >>> 16);
        buf[len++] = (byte) (v >>> 8);
        buf[len++] = (byte) v;
        return this;
    }

    public CanonicalWriter i64(long v) {
        ensure(8);
        for (int s = 56; s >= 0; s -= 8) {
            buf[len++] = (byte) (v >>> s);
        }
        return this;
    }

    /** A length-prefixed (u32) byte string. */
    public CanonicalWriter bytes(byte[] v) {
        i32(v.length);
        return raw(v);
    }

    /** Bytes with no length prefix; only for fixed-size fields such as hashes. */
    public CanonicalWriter raw(byte[] v) {
        ensure(v.length);
        System.arraycopy(v, 0, buf, len, v.length);
        len += v.length;
        return this;
    }

    /** A length-prefixed UTF-8 string; null is not allowed (use an explicit flag). */
    public CanonicalWriter string(String v) {
        return bytes(v.getBytes(StandardCharsets.UTF_8));
    }

    /** A decimal as its unscaled value and scale, so 1.0 and 1.00 stay distinct and exact. */
    public CanonicalWriter decimal(BigDecimal v) {
        bytes(v.unscaledValue().toByteArray());
        return i32(v.scale());
    }

    public int size() {
        return len;
    }

    public byte[] toByteArray() {
        return Arrays.copyOf(buf, len);
    }
}
