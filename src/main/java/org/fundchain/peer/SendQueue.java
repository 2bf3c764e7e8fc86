package org.fundchain.peer;

import java.util.ArrayDeque;
import java.util.function.Consumer;

/**
 * The outgoing frames of one peer link. One frame in flight at a time (a WebSocket session allows one
 * sender), bounded by count and bytes: when a peer is slow or gone, new frames are dropped and counted
 * instead of blocking the caller — consensus tolerates loss and catches up through state sync, while a
 * blocked event loop would stall every other peer.
 */
public final class SendQueue {
    /** Sends one frame asynchronously and reports completion (null on success). */
    public interface Transport {
        void send(byte[] frame, Consumer<Throwable> done);
    }

    private final int maxFrames;
    private final long maxBytes;
    private final ArrayDeque<byte[]> frames = new ArrayDeque<>();
    private long queuedBytes;
    private boolean inFlight;
    private Transport transport;
    private long sent;
    private long dropped;
    private final ThreadLocal<Boolean> pumping = new ThreadLocal<>();

    public SendQueue(int maxFrames, long maxBytes) {
        this.maxFrames = maxFrames;
        this.maxBytes = maxBytes;
    }

    /** Queues a frame; false (and counted as dropped) when the queue is full. Never blocks. */
    public boolean offer(byte[] frame) {
        synchronized (this) {
            if (frames.size() >= maxFrames || queuedBytes + frame.length > maxBytes) {
                dropped++;
                return false;
            }
            frames.addLast(frame);
            queuedBytes += frame.length;
        }
        pump();
        return true;
    }

    /** The link is up: start draining through it. */
    public void attach(Transport t) {
        synchronized (this) {
            transport = t;
            inFlight = false;
        }
        pump();
    }

    /** The link is down: keep (bounded) frames for the next connection. */
    public synchronized void detach() {
        transport = null;
    }

    public synchronized int size() {
        return frames.size();
    }

    public synchronized long sent() {
        return sent;
    }

    public synchronized long dropped() {
        return dropped;
    }

    private void pump() {
        if (Boolean.TRUE.equals(pumping.get())) {
            return; // a synchronous completion inside our own loop: the loop continues
        }
        pumping.set(Boolean.TRUE);
        try {
            while (true) {
                byte[] next;
                Transport t;
                synchronized (this) {
                    if (inFlight || transport == null || frames.isEmpty()) {
                        return;
                    }
                    next = frames.pollFirst();
                    queuedBytes -= next.length;
                    inFlight = true;
                    t = transport;
                }
                try {
                    t.send(next, this::completed);
                } catch (RuntimeException e) {
                    completed(e);
                }
            }
        } finally {
            pumping.remove();
        }
    }

    private void completed(Throwable error) {
        synchronized (this) {
            inFlight = false;
            if (error == null) {
                sent++;
            } else {
                dropped++;
                transport = null;
            }
        }
        pump();
    }
}
