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

/**
 * N concurrent senders, each submitting a signed transaction, waiting (long-poll) until it is final,
 * then sending the next, for a fixed time. Reports client-side latency percentiles and throughput by the
 * thesis' formula over blocks (SPEC §4: TPS = Σ Nᵢ / (tₙ − t₀) over the last 100 blocks of the run).
 */
public final class LoadGenerator {
    private LoadGenerator() {
    }

    public record Report(int senders, int seconds, long committed, long rejected, long refused, long errors,
            double clientTps, double blockTps, int blocksMeasured, double p50, double p95, double p99) {
        public String format() {
            return String.format(Locale.ROOT, "senders=%d duration=%ds committed=%d rejected=%d refused=%d errors=%d%n"
                    + "client TPS=%.1f  block TPS (SPEC §4, last %d blocks)=%.1f%n"
                    + "latency ms: p50=%.1f p95=%.1f p99=%.1f",
                    senders, seconds, committed, rejected, refused, errors, clientTps, blocksMeasured, blockTps, p50, p95, p99);
        }
    }

    public static int run(Consortium c, String chain, SigningKey key, int senders, int seconds, String contract,
            String method, PrintStream out) throws IOException {
        out.printf(Locale.ROOT, "load: %d senders for %d s against %d nodes (%s.%s)%n", senders, seconds, c.nodes().size(), contract, method);
        Report r = measure(c, chain, key, senders, seconds, contract, method, out);
        out.println(r.format());
        return r.committed() > 0 ? 0 : 1;
    }

    public static Report measure(Consortium c, String chain, SigningKey key, int senders, int seconds, String contract,
            String method, PrintStream progress) throws IOException {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).version(HttpClient.Version.HTTP_1_1)
                .executor(java.util.concurrent.Executors.newFixedThreadPool(8)).build();
        FundChainClient client = new FundChainClient(http);
        String run = Long.toString(System.currentTimeMillis(), 36);
        AtomicLong committed = new AtomicLong();
        AtomicLong rejected = new AtomicLong();
        AtomicLong refused = new AtomicLong();
        AtomicLong errors = new AtomicLong();
        long start = System.currentTimeMillis();
        long end = start + seconds * 1000L;
        long startHeight = latestHeight(client, c.nodes().get(0), chain);
        List<Thread> threads = new ArrayList<>();
        List<LatencyStats> stats = new ArrayList<>();
        for (int s = 0; s < senders; s++) {
            final int id = s;
            LatencyStats st = new LatencyStats();
            stats.add(st);
            Thread t = new Thread(() -> {
                URI node = c.nodes().get(id % c.nodes().size());
                long seq = 0;
                while (System.currentTimeMillis() < end) {
                    SignedTransaction tx = SignedTransaction.sign(key, c.suite(), chain, contract, method, Map.of(),
                            run + "-" + id + "-" + seq++, System.currentTimeMillis());
                    long t0 = System.nanoTime();
                    try {
                        FundChainClient.Answer a = client.submitAsync(node, tx).get();
                        if (a.status() == 503) {
                            refused.incrementAndGet();
                            Thread.sleep(20);
                            continue;
                        }
                        if (!a.ok()) {
                            errors.incrementAndGet();
                            continue;
                        }
                        String status = "PENDING";
                        while (status.equals("PENDING") || status.equals("UNKNOWN")) {
                            FundChainClient.Answer st2 = client.statusAsync(node, chain, tx.txHash(), 30_000).get();
                            status = st2.ok() ? st2.string("status") : "UNKNOWN";
                            if (System.currentTimeMillis() > end + 60_000) {
                                break;
                            }
                        }
                        st.add((System.nanoTime() - t0) / 1000);
                        if ("COMMITTED".equals(status)) {
                            committed.incrementAndGet();
                        } else {
                            rejected.incrementAndGet();
                        }
                    } catch (InterruptedException e) {
                        return;
                    } catch (Exception e) {
                        errors.incrementAndGet();
                    }
                }
            }, "sender-" + s);
            t.setDaemon(true);
            threads.add(t);
            t.start();
        }
        long lastReport = start;
        for (Thread t : threads) {
            while (t.isAlive()) {
                try {
                    t.join(1000);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IOException("interrupted");
                }
                long now = System.currentTimeMillis();
                if (progress != null && now - lastReport >= 5000) {
                    progress.printf(Locale.ROOT, "  %3ds: committed %d, rejected %d, errors %d%n", (now - start) / 1000,
                            committed.get(), rejected.get(), errors.get());
                    lastReport = now;
                }
            }
        }
        long elapsed = System.currentTimeMillis() - start;
        LatencyStats all = new LatencyStats();
        stats.forEach(all::addAll);
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
        return new Report(senders, seconds, committed.get(), rejected.get(), refused.get(), errors.get(),
                committed.get() * 1000.0 / elapsed, BlockTps.of(blocks), Math.max(0, blocks.size() - 1),
                all.percentileMs(50), all.percentileMs(95), all.percentileMs(99));
    }

    private static long latestHeight(FundChainClient client, URI node, String chain) throws IOException {
        FundChainClient.Answer a = client.block(node, chain, "latest");
        return a.ok() ? Long.parseLong(a.string("height")) : 0;
    }
}
