package org.fundchain.codec;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Reads {@link CanonicalWriter} output from untrusted bytes. Every read is bounds-checked and every
 * variable-length field takes a caller-supplied maximum, so a hostile frame can neither overrun nor
 * make us allocate more than the caller allows. Invalid UTF-8 is refused, not replaced.
 */
public final class CanonicalReader {
    private final byte[] buf;
    private int pos;
    private final int end;

    public CanonicalReader(byte[] buf) {
        this(buf, 0, buf.length);
    }

    public CanonicalReader(byte[] buf, int offset, int length) {
        if (offset < 0 || length < 0 || offset + length > buf.length) {
            throw new CodecException("bad slice");
        }
        this.buf = buf;
        this.pos = offset;
        this.end = offset + length;
    }

    private void need(int n, String what) {
        if (n < 0 || end - pos < n) {
            throw new CodecException("truncated input reading " + what + " at offset " + pos);
        }
    }

    public int u8() {
        need(1, "u8");
        return buf[pos++] & 0xff;
    }

    public boolean bool() {
        int v = u8();
        if (v > 1) {
            throw new CodecException("boolean must be 0 or 1, got " + v);
        }
        return v == 1;
    }

    public int i32() {
        need(4, "i32");
        int v = ((buf[pos] & 0xff) << 24) | ((buf[pos + 1] & 0xff) << 16) | ((buf[pos + 2] & 0xff) << 8)
                | (buf[pos + 3] & 0xff);
        pos += 4;
        return v;
    }

    public long i64() {
        need(8, "i64");
        long v = 0;
        for (int i = 0; i < 8; i++) {
            v = (v << 8) | (buf[pos++] & 0xffL);
        }
        return v;
    }

    /** A non-negative count no larger than {@code max}. */
    public int count(int max, String what) {
        int n = i32();
        if (n < 0 || n > max) {
            throw new CodecException(what + " count " + n + " outside 0.." + max);
        }
        return n;
    }

    public byte[] bytes(int maxLength) {
        int n = count(maxLength, "byte string");
        need(n, "byte string");
        byte[] out = Arrays.copyOfRange(buf, pos, pos + n);
        pos += n;
        return out;
    }

    public byte[] raw(int length) {
        need(length, "fixed bytes");
        byte[] out = Arrays.copyOfRange(buf, pos, pos + length);
        pos += length;
        return out;
    }

    public String string(int maxBytes) {
        byte[] b = bytes(maxBytes);
        try {
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(b)).toString();
        } catch (CharacterCodingException e) {
            throw new CodecException("string is not valid UTF-8", e);
        }
    }

    public BigDecimal decimal() {
        byte[] unscaled = bytes(64);
        if (unscaled.length == 0) {
            throw new CodecException("decimal has no digits");
        }
        int scale = i32();
        if (scale < 0 || scale > 64) {
            throw new CodecException("decimal scale " + scale + " outside 0..64");
        }
        return new BigDecimal(new BigInteger(unscaled), scale);
    }

    public int remaining() {
        return end - pos;
    }

    /** Refuses trailing bytes: a canonical encoding has exactly one byte form. */
    public void requireEnd() {
        if (pos != end) {
            throw new CodecException((end - pos) + " unexpected trailing bytes");
        }
    }
}
