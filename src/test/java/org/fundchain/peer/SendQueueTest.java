package org.fundchain.peer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

import org.junit.jupiter.api.Test;

class SendQueueTest {

    @Test
    void oneFrameInFlightInOrder() {
        List<Consumer<Throwable>> pending = new ArrayList<>();
        List<Integer> wire = new ArrayList<>();
        SendQueue q = new SendQueue(10, 1000);
        q.attach((f, done) -> {
            wire.add((int) f[0]);
            pending.add(done);
        });
        q.offer(new byte[] { 1 });
        q.offer(new byte[] { 2 });
        q.offer(new byte[] { 3 });
        assertEquals(List.of(1), wire, "second frame waits for the first to complete");
        pending.get(0).accept(null);
        assertEquals(List.of(1, 2), wire);
        pending.get(1).accept(null);
        pending.get(2).accept(null);
        assertEquals(List.of(1, 2, 3), wire);
        assertEquals(3, q.sent());
    }

    @Test
    void fullQueueDropsInsteadOfBlocking() {
        SendQueue q = new SendQueue(2, 1000); // no transport: a dead peer
        assertTrue(q.offer(new byte[10]));
        assertTrue(q.offer(new byte[10]));
        assertFalse(q.offer(new byte[10]));
        assertEquals(1, q.dropped());
        SendQueue bytes = new SendQueue(100, 15);
        assertTrue(bytes.offer(new byte[10]));
        assertFalse(bytes.offer(new byte[10]));
    }

    @Test
    void synchronousTransportDoesNotRecurse() {
        SendQueue q = new SendQueue(200_000, Long.MAX_VALUE);
        for (int i = 0; i < 100_000; i++) {
            q.offer(new byte[1]);
        }
        int[] count = { 0 };
        q.attach((f, done) -> {
            count[0]++;
            done.accept(null);
        });
        assertEquals(100_000, count[0]);
        assertEquals(0, q.size());
    }

    @Test
    void failedSendDetachesAndKeepsTheRestForReconnect() {
        SendQueue q = new SendQueue(10, 1000);
        q.offer(new byte[] { 1 });
        q.offer(new byte[] { 2 });
        q.attach((f, done) -> done.accept(new RuntimeException("broken pipe")));
        assertEquals(1, q.size());
        List<Integer> wire = new ArrayList<>();
        q.attach((f, done) -> {
            wire.add((int) f[0]);
            done.accept(null);
        });
        assertEquals(List.of(2), wire);
    }
}
