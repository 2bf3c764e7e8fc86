package org.fundchain.node;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Random;

import org.fundchain.crypto.Hex;
import org.fundchain.ledger.jpa.LedgerStore;

/**
 * Not a test: times {@link LedgerStore#append} alone on an on-disk Derby ledger, as catch-up calls it (batches of
 * blocks in one transaction), with synthetic rows shaped like PipelineBench's (pressure.add, ~100-character receipts).
 * {@code mvn -q -o test-compile exec:java -Dexec.classpathScope=test -Dexec.mainClass=org.fundchain.node.LedgerAppendBench -Dexec.args="20000 476 28"}
 * ({@code MAVEN_OPTS=-Dnoresult=true} stores no receipt text: what the RESULT column costs).
 *
 * <p>Measured 2026-12-03 (2 cores, shared, Derby 10.16, warm third round): about 45 us of thread CPU per transaction
 * row (a heap row plus the three indexes: primary key (chain, tx hash), unique (chain, replay key), (chain, height,
 * position)), whatever the knobs: a JDBC batch or multi-row VALUES of 64, rows sorted by hash, LOCK TABLE in
 * exclusive mode, derby.storage.logBufferSize 1 MiB, pageCacheSize 20000 all stayed within the noise (44-48 us).
 * Without the height index and without the receipt text it was about 38 us: the two unique keys of the duplicate
 * rule and the row itself are the floor of storing one row per transaction in Derby.
 */
public final class LedgerAppendBench {
    public static void main(String[] args) throws Exception {
        int n = args.length > 0 ? Integer.parseInt(args[0]) : 20_000;
        int perBlock = args.length > 1 ? Integer.parseInt(args[1]) : 476;
        int perBatch = args.length > 2 ? Integer.parseInt(args[2]) : 28;
        Path dir = Path.of("target/append-bench");
        if (Files.exists(dir)) {
            try (var s = Files.walk(dir)) {
                s.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
        Files.createDirectories(dir);
        System.setProperty("derby.stream.error.file", dir.resolve("derby.log").toString());
        Random rnd = new Random(1);
        for (int round = 0; round < 3; round++) {
            try (LocalLedger ledger = new LocalLedger("jdbc:derby:" + dir.toAbsolutePath().resolve("db" + round) + ";create=true")) {
                String prev = hex(rnd);
                ledger.initChain("main", prev, hex(rnd), List.of(new LedgerStore.StateWrite("pressure", "account/A", "100")));
                List<LedgerStore.BlockAppend> batch = new ArrayList<>();
                long t0 = System.nanoTime();
                var threads = java.lang.management.ManagementFactory.getThreadMXBean();
                long cpu0 = threads.getCurrentThreadCpuTime();
                long height = 0;
                int done = 0;
                while (done < n) {
                    int k = Math.min(perBlock, n - done);
                    List<LedgerStore.TxOutcome> txs = new ArrayList<>(k);
                    byte[] body = new byte[k * 330];
                    rnd.nextBytes(body);
                    for (int i = 0; i < k; i++) {
                        String h = hex(rnd);
                        txs.add(new LedgerStore.TxOutcome(h, i, "r" + round + "-" + (done + i) + "/" + hex(rnd), "pressure", "add", true, Boolean.getBoolean("noresult") ? null :
                                "{\"events\":[],\"result\":" + (100 + done + i) + ",\"status\":\"COMMITTED\",\"txHash\":\"" + h + "\"}"));
                    }
                    done += k;
                    String hash = hex(rnd);
                    height++;
                    batch.add(new LedgerStore.BlockAppend("main", height, hash, prev, 1_700_000_000_000L + height, body, txs,
                            List.of(new LedgerStore.StateWrite("pressure", "account/A", Long.toString(100 + done))), hex(rnd),
                            null));
                    prev = hash;
                    if (batch.size() == perBatch || done == n) {
                        ledger.append(batch);
                        batch = new ArrayList<>();
                    }
                }
                double secs = (System.nanoTime() - t0) / 1e9;
                double cpu = (threads.getCurrentThreadCpuTime() - cpu0) / 1e9;
                System.out.printf(Locale.ROOT, "round %d: %d tx in %d blocks appended in %.2f s = %.1f us/tx (%.0f tx/s);"
                        + " thread CPU %.1f us/tx%n", round, n, height, secs, secs * 1e6 / n, n / secs, cpu * 1e6 / n);
            }
        }
    }

    private static String hex(Random rnd) {
        byte[] b = new byte[32];
        rnd.nextBytes(b);
        return Hex.encode(b);
    }
}
