package org.fundchain.api;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Random;

import org.junit.jupiter.api.Test;

/**
 * The attack of issue 11 item 4: a 40 MiB POST must cost the node at most the limit (plus one read
 * chunk), refused with 413 while reading — not after buffering the whole body.
 */
class BoundedBodyTest {
    /**
     * An endless body that counts what the server pulled from it, its largest single read and the largest buffer
     * it was asked to fill (what the body cost the reader in memory).
     */
    static final class Endless extends InputStream {
        long served;
        long largestRead;
        final java.util.IdentityHashMap<byte[], Boolean> buffers = new java.util.IdentityHashMap<>();

        @Override
        public int read() {
            served++;
            return '{';
        }

        @Override
        public int read(byte[] b, int off, int len) {
            java.util.Arrays.fill(b, off, off + len, (byte) ' ');
            served += len;
            largestRead = Math.max(largestRead, len);
            buffers.put(b, Boolean.TRUE);
            return len;
        }

        /** The largest buffer the reader filled: what the body cost it in memory. */
        int largestBuffer() {
            return buffers.keySet().stream().mapToInt(x -> x.length).max().orElse(0);
        }
    }

    @Test
    void aHugeChunkedBodyIsRefusedAsSoonAsTheLimitIsPassedAndNeverBuffered() {
        Endless in = new Endless();
        BoundedBody.TooLarge e = assertThrows(BoundedBody.TooLarge.class, () -> BoundedBody.read(in, null, 1000));
        assertEquals(413, e.status());
        assertTrue(in.largestBuffer() <= Math.max(1001, RestLimits.READ_CHUNK_BYTES), "buffered " + in.largestBuffer());
        // the rest is discarded, bounded: an endless body is not read to its end
        assertTrue(in.served <= 1001 + RestLimits.MAX_DRAIN_BYTES, "read " + in.served);
    }

    @Test
    void aDeclaredContentLengthFarAboveTheLimitIsRefusedWithoutReadingAByte() {
        Endless in = new Endless();
        assertThrows(BoundedBody.TooLarge.class, () -> BoundedBody.read(in, Long.toString(40L << 20), RestLimits.MAX_ENVELOPE_BYTES));
        assertEquals(0, in.served);
    }

    @Test
    void aSlightlyOversizedDeclaredBodyIsDiscardedNotBufferedSoTheClientReadsIts413() throws Exception {
        int size = 5 << 20;
        InputStream in = new ByteArrayInputStream(new byte[size]);
        BoundedBody.TooLarge e = assertThrows(BoundedBody.TooLarge.class,
                () -> BoundedBody.read(in, Integer.toString(size), RestLimits.MAX_BATCH_BYTES));
        assertEquals(413, e.status());
        assertTrue(e.getMessage().contains("limit"), e.getMessage());
        assertEquals(0, in.available(), "drained to the end");
        Endless counted = new Endless();
        assertThrows(BoundedBody.TooLarge.class, () -> BoundedBody.read(counted, Integer.toString(size), RestLimits.MAX_BATCH_BYTES));
        assertTrue(counted.largestBuffer() <= RestLimits.READ_CHUNK_BYTES, "buffered " + counted.largestBuffer());
    }

    @Test
    void aLyingContentLengthDoesNotRaiseTheLimit() {
        Endless in = new Endless();
        assertThrows(BoundedBody.TooLarge.class, () -> BoundedBody.read(in, "10", 1000));
        assertTrue(in.largestBuffer() <= Math.max(1001, RestLimits.READ_CHUNK_BYTES), "buffered " + in.largestBuffer());
    }

    @Test
    void bodiesUpToTheLimitAreReadWhole() throws Exception {
        byte[] body = new byte[1000];
        new Random(7).nextBytes(body);
        assertArrayEquals(body, BoundedBody.read(new ByteArrayInputStream(body), "1000", 1000));
        assertArrayEquals(body, BoundedBody.read(new ByteArrayInputStream(body), null, 1000));
        assertEquals(0, BoundedBody.read(new ByteArrayInputStream(new byte[0]), null, 1000).length);
        assertEquals(0, BoundedBody.read(null, null, 1000).length);
    }

    @Test
    void aMalformedContentLengthIsABadRequest() {
        BoundedBody.TooLarge e = assertThrows(BoundedBody.TooLarge.class,
                () -> BoundedBody.read(new ByteArrayInputStream(new byte[3]), "-1", 1000));
        assertEquals(400, e.status());
        assertEquals(400, assertThrows(BoundedBody.TooLarge.class,
                () -> BoundedBody.read(new ByteArrayInputStream(new byte[3]), "12x", 1000)).status());
    }

    @Test
    void aBrokenConnectionIsABadRequest() {
        InputStream broken = new InputStream() {
            @Override
            public int read() throws IOException {
                throw new IOException("connection reset");
            }
        };
        assertEquals(400, assertThrows(BoundedBody.TooLarge.class, () -> BoundedBody.read(broken, null, 1000)).status());
    }

    @Test
    void theParsedBodyIsBoundedToo() {
        Endless in = new Endless();
        BoundedBody.Parsed p = BoundedBody.parseObject(in, null, RestLimits.MAX_ENVELOPE_BYTES);
        assertEquals(413, p.status());
        assertTrue(in.largestBuffer() <= RestLimits.MAX_ENVELOPE_BYTES + 1, "buffered " + in.largestBuffer());
        assertEquals(400, BoundedBody.parseObject(new ByteArrayInputStream(new byte[0]), null, 100).status());
        assertEquals(400, BoundedBody.parseObject(new ByteArrayInputStream("[1]".getBytes()), null, 100).status());
        assertEquals("{\"a\":1}", org.fundchain.codec.Json.write(
                BoundedBody.parseObject(new ByteArrayInputStream("{\"a\":1}".getBytes()), "7", 100).doc()));
    }

    /** Whatever the container reads into a byte[] or String parameter is read whole before our code runs. */
    @Test
    void noResourceLetsTheContainerBufferARequestBody() {
        for (Class<?> c : new Class<?>[] {ChainResource.class, BankFlowResource.class, FundResource.class, NodeResource.class}) {
            for (java.lang.reflect.Method m : c.getDeclaredMethods()) {
                if (m.isAnnotationPresent(jakarta.ws.rs.POST.class) || m.isAnnotationPresent(jakarta.ws.rs.PUT.class)) {
                    for (java.lang.reflect.Parameter p : m.getParameters()) {
                        boolean annotated = p.getAnnotations().length > 0;
                        assertTrue(annotated || p.getType() == InputStream.class,
                                c.getSimpleName() + "." + m.getName() + " takes its body as " + p.getType().getSimpleName());
                    }
                }
            }
        }
    }
}
