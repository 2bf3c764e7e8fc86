package org.fundchain.codec;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.math.BigDecimal;
import java.util.Random;

import org.fundchain.crypto.Hex;
import org.junit.jupiter.api.Test;

class CanonicalCodecTest {

    @Test
    void goldenBytes() {
        byte[] b = new CanonicalWriter()
                .u8(7).bool(true).i32(-2).i64(0x0102030405060708L).string("汇票").decimal(new BigDecimal("-12.50"))
                .toByteArray();
        assertEquals("07" + "01" + "fffffffe" + "0102030405060708" + "00000006" + "e6b187e7a5a8"
                + "00000002" + "fb1e" + "00000002", Hex.encode(b));
    }

    @Test
    void roundTrip() {
        byte[] b = new CanonicalWriter().u8(255).bool(false).i32(Integer.MIN_VALUE).i64(Long.MAX_VALUE)
                .bytes(new byte[] { 1, 2, 3 }).raw(new byte[] { 9, 9 }).string("").decimal(new BigDecimal("100.00"))
                .toByteArray();
        CanonicalReader r = new CanonicalReader(b);
        assertEquals(255, r.u8());
        assertEquals(false, r.bool());
        assertEquals(Integer.MIN_VALUE, r.i32());
        assertEquals(Long.MAX_VALUE, r.i64());
        assertArrayEquals(new byte[] { 1, 2, 3 }, r.bytes(10));
        assertArrayEquals(new byte[] { 9, 9 }, r.raw(2));
        assertEquals("", r.string(10));
        BigDecimal d = r.decimal();
        assertEquals("100.00", d.toPlainString());
        r.requireEnd();
    }

    @Test
    void hostileInputIsRefusedWithCodecException() {
        byte[] ok = new CanonicalWriter().string("hello").i64(5).toByteArray();
        for (int cut = 0; cut < ok.length; cut++) {
            byte[] truncated = java.util.Arrays.copyOf(ok, cut);
            assertThrows(CodecException.class, () -> {
                CanonicalReader r = new CanonicalReader(truncated);
                r.string(100);
                r.i64();
            }, "cut at " + cut);
        }
        // declared length above the caller's limit: refused before allocating
        byte[] huge = new CanonicalWriter().i32(Integer.MAX_VALUE).toByteArray();
        assertThrows(CodecException.class, () -> new CanonicalReader(huge).bytes(1024));
        byte[] negative = new CanonicalWriter().i32(-1).toByteArray();
        assertThrows(CodecException.class, () -> new CanonicalReader(negative).bytes(1024));
        // invalid UTF-8
        byte[] badUtf8 = new CanonicalWriter().bytes(new byte[] { (byte) 0xc3, (byte) 0x28 }).toByteArray();
        assertThrows(CodecException.class, () -> new CanonicalReader(badUtf8).string(10));
        // trailing bytes
        byte[] trailing = new CanonicalWriter().u8(1).u8(2).toByteArray();
        CanonicalReader r = new CanonicalReader(trailing);
        r.u8();
        assertThrows(CodecException.class, r::requireEnd);
        // boolean other than 0/1
        assertThrows(CodecException.class, () -> new CanonicalReader(new byte[] { 2 }).bool());
    }

    @Test
    void randomGarbageOnlyEverThrowsCodecException() {
        Random rnd = new Random(42);
        for (int i = 0; i < 20_000; i++) {
            byte[] junk = new byte[rnd.nextInt(40)];
            rnd.nextBytes(junk);
            try {
                CanonicalReader r = new CanonicalReader(junk);
                r.string(16);
                r.decimal();
                r.bytes(8);
                r.requireEnd();
            } catch (CodecException expected) {
                // the only acceptable failure
            }
        }
    }

    @Test
    void base64Url() {
        byte[] data = { (byte) 0xfb, (byte) 0xff, 0x01 };
        assertEquals("-_8B", Base64Url.encode(data));
        assertArrayEquals(data, Base64Url.decode("-_8B", "x"));
        CodecException e = assertThrows(CodecException.class, () -> Base64Url.decode("+/*", "signature"));
        assertEquals(true, e.getMessage().startsWith("signature"));
        assertThrows(CodecException.class, () -> Base64Url.decode(null, "signer"));
    }
}
