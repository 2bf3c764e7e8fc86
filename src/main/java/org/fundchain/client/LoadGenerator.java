package org.fundchain.client;

import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

import org.fundchain.crypto.SigningKey;
import org.fundchain.envelope.SignedTransaction;

/**
 * Keeps N signed transactions in flight against all nodes (round robin) for a fixed time. Reports client-side latency percentiles and throughput by the
 * thesis' formula over blocks (SPEC §4: TPS = Σ Nᵢ / (tₙ − t₀) over the last 100 blocks of the run).
 */
public final class LoadGenerator {
    private LoadGenerator() {
    }

    /** {@code notSeen}: accepted transactions never seen in a block within a minute after the run. */
    public record Report(int senders, int seconds, long committed, long notSeen, long refused, long errors,
            double clientTps, double blockTps, int blocksMeasured, double p50, double p95, double p99) {
        public String format() {
            return String.format(Locale.ROOT, "in-flight window=%d duration=%ds committed=%d not-seen=%d refused(503)=%d errors=%d%n"
                    + "client TPS=%.1f  block TPS (SPEC §4, last %d blocks)=%.1f%n"
                    + "latency ms: p50=%.1f p95=%.1f p99=%.1f",
                    senders, seconds, committed, notSeen, refused, errors, clientTps, blocksMeasured, blockTps, p50, p95, p99);
        }
    }

    public static int run(Consortium c, String chain, SigningKey key, int senders, int batch, int seconds, String contract,
            String method, PrintStream out) throws IOException {
        out.printf(Locale.ROOT, "load: %d in flight (%d per request) for %d s against %d nodes (%s.%s)%n", senders, batch,
                seconds, c.nodes().size(), contract, method);
        Report r = measure(c, chain, key, senders, batch, seconds, contract, method, out);
        out.println(r.format());
        return r.committed() > 0 ? 0 : 1;
    }

    /**
     * Each sender keeps up to {@code window} transactions of its own in flight; a watcher follows the
     * committed blocks of one node and, for every transaction it sees, records the client-side latency
     * (submit to "visible in a committed block") and frees the sender's slot. One block request serves
     * hundreds of transactions, so the client measures the chain, not its own polling.
     */
    public static Report measure(Consortium c, String chain, SigningKey key, int senders, int seconds, String contract,
            String method, PrintStream progress) throws IOException {
        return measure(c, chain, key, senders, 1, seconds, contract, method, progress);
    }

    /** {@code batch} > 1: each request carries up to that many transactions ({@code POST .../transactions/batch}). */
    public static Report measure(Consortium c, String chain, SigningKey key, int senders, int batch, int seconds,
            String contract, String method, PrintStream progress) throws IOException {
        if (batch < 1 || batch > 1000) {
            throw new IllegalArgumentException("batch must be 1..1000, got " + batch);
        }
        HttpClient http = ConsortiumTrust.httpClient().connectTimeout(Duration.ofSeconds(5)).version(HttpClient.Version.HTTP_1_1)
                .executor(java.util.concurrent.Executors.newFixedThreadPool(8)).build();
        FundChainClient client = new FundChainClient(http);
        String run = Long.toString(System.currentTimeMillis(), 36);
        java.util.concurrent.ConcurrentHashMap<String, long[]> inFlight = new java.util.concurrent.ConcurrentHashMap<>();
        java.util.concurrent.Semaphore slots = new java.util.concurrent.Semaphore(senders);
        AtomicLong committed = new AtomicLong();
        AtomicLong rejected = new AtomicLong();
        AtomicLong refused = new AtomicLong();
        AtomicLong errors = new AtomicLong();
        LatencyStats latency = new LatencyStats();
        long startHeight = latestHeight(client, c.nodes().get(0), chain);
        long start = System.currentTimeMillis();
        long end = start + seconds * 1000L;
        java.util.concurrent.atomic.AtomicBoolean sending = new java.util.concurrent.atomic.AtomicBoolean(true);

        Thread watcher = new Thread(() -> {
            long next = startHeight + 1;
            URI node = c.nodes().get(0);
            while (sending.get() || (!inFlight.isEmpty() && System.currentTimeMillis() < end + 60_000)) {
                try {
                    FundChainClient.Answer b = client.block(node, chain, Long.toString(next));
                    if (b.status() == 404) {
                        Thread.sleep(20); // blocks come every ~100 ms or more: polling harder only loads node0
                        continue;
                    }
                    long seen = System.nanoTime();
                    for (Object h : (List<?>) b.body().get("transactions")) {
                        long[] t0 = inFlight.remove((String) h);
                        if (t0 != null) {
                            synchronized (latency) {
                                latency.add((seen - t0[0]) / 1000);
                            }
                            committed.incrementAndGet();
                            slots.release();
                        }
                    }
                    next++;
                } catch (IOException e) {
                    errors.incrementAndGet();
                } catch (InterruptedException e) {
                    return;
                }
            }
        }, "block-watcher");
        watcher.setDaemon(true);
        watcher.start();

        List<Thread> threads = new ArrayList<>();
        // Blocking submitters: enough to keep the window full; with batches each one carries up to `batch`.
        int senderThreads = Math.max(1, Math.min(128, (senders + batch - 1) / batch));
        AtomicLong seq = new AtomicLong();
        for (int s = 0; s < senderThreads; s++) {
            final int id = s;
            Thread t = new Thread(() -> {
                while (System.currentTimeMillis() < end) {
                    try {
                        if (!slots.tryAcquire(100, java.util.concurrent.TimeUnit.MILLISECONDS)) {
                            continue;
                        }
                        int taken = 1;
                        while (taken < batch && slots.tryAcquire()) {
                            taken++;
                        }
                        long first = seq.getAndAdd(taken);
                        URI node = c.nodes().get((int) ((first / batch) % c.nodes().size()));
                        List<SignedTransaction> txs = new ArrayList<>(taken);
                        for (int k = 0; k < taken; k++) {
                            SignedTransaction tx = SignedTransaction.sign(key, c.suite(), chain, contract, method, Map.of(),
                                    run + "-" + (first + k), System.currentTimeMillis());
                            inFlight.put(tx.txHash(), new long[] { System.nanoTime() });
                            txs.add(tx);
                        }
                        List<Integer> statuses = new ArrayList<>(taken);
                        if (batch == 1) {
                            statuses.add(client.submitAsync(node, txs.get(0)).get().status());
                        } else {
                            FundChainClient.Answer a = client.submitBatchAsync(node, chain, txs).get();
                            List<?> results = a.status() == 200 ? (List<?>) a.body().get("results") : null;
                            for (int k = 0; k < taken; k++) {
                                statuses.add(results == null ? a.status()
                                        : ((Number) ((Map<?, ?>) results.get(k)).get("status")).intValue());
                            }
                        }
                        boolean busy = false;
                        for (int k = 0; k < taken; k++) {
                            int st = statuses.get(k);
                            if (st != 202) {
                                inFlight.remove(txs.get(k).txHash());
                                slots.release();
                                if (st == 503) {
                                    refused.incrementAndGet();
                                    busy = true;
                                } else {
                                    errors.incrementAndGet();
                                }
                            }
                        }
                        if (busy) {
                            Thread.sleep(20);
                        }
                    } catch (InterruptedException e) {
                        return;
                    } catch (Exception e) {
                        errors.incrementAndGet();
                    }
                }
            }, "sender-" + id);
            t.setDaemon(true);
            threads.add(t);
            t.start();
        }
        long lastReport = start;
        while (System.currentTimeMillis() < end) {
            try {
                Thread.sleep(500);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException("interrupted");
            }
            long now = System.currentTimeMillis();
            if (progress != null && now - lastReport >= 5000) {
                progress.printf(Locale.ROOT, "  %3ds: committed %d, in flight %d, refused %d, errors %d%n", (now - start) / 1000,
                        committed.get(), inFlight.size(), refused.get(), errors.get());
                lastReport = now;
            }
        }
        long elapsed = System.currentTimeMillis() - start;
        long committedInWindow = committed.get();
        sending.set(false);
        for (Thread t : threads) {
            try {
                t.join(30_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        try {
            watcher.join(70_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        long lost = inFlight.size();
        long endHeight = latestHeight(client, c.nodes().get(0), chain);
        List<BlockTps.Block> blocks = new ArrayList<>();
        for (long h = Math.max(startHeight + 1, endHeight - 100); h <= endHeight; h++) {
            FundChainClient.Answer b = client.block(c.nodes().get(0), chain, Long.toString(h));
            if (b.ok()) {
                blocks.add(new BlockTps.Block(h, Long.parseLong(b.string("timestamp")),
                        ((List<?>) b.body().get("transactions")).size()));
            }
        }
        http.executor().ifPresent(e -> ((java.util.concurrent.ExecutorService) e).shutdownNow());
        return new Report(senders, seconds, committed.get(), lost, refused.get(), errors.get(),
                committedInWindow * 1000.0 / elapsed, BlockTps.of(blocks), Math.max(0, blocks.size() - 1),
                latency.percentileMs(50), latency.percentileMs(95), latency.percentileMs(99));
    }

    private static long latestHeight(FundChainClient client, URI node, String chain) throws IOException {
        FundChainClient.Answer a = client.block(node, chain, "latest");
        return a.ok() ? Long.parseLong(a.string("height")) : 0;
    }
}
