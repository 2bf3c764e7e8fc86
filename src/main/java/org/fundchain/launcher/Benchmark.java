package org.fundchain.launcher;

import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.fundchain.client.FundChainClient;
import org.fundchain.client.LoadGenerator;
import org.fundchain.crypto.CryptoSuite;
import org.fundchain.crypto.Pem;
import org.fundchain.crypto.SigningKey;
import org.fundchain.genesis.BlockParameters;

/**
 * {@code liberty/fundchain bench [--profile thesis|default|both] [--senders N] [--batch B] [--seconds S] [--warmup W]}:
 * starts a fresh 4-node consortium per profile (its own ports and directory), loads it with signed
 * {@code pressure.add} transactions and prints TPS (SPEC §4 formula and client-side) and latency
 * percentiles. A command, not a test: it asserts nothing about speed.
 */
public final class Benchmark {
    private Benchmark() {
    }

    public static void main(String[] args) throws Exception {
        String profile = "both";
        int senders = 256;
        int seconds = 60;
        int warmup = 15;
        int batch = 1;
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            if (i + 1 >= args.length) {
                usage("option " + a + " needs a value");
            }
            switch (a) {
                case "--profile": profile = args[++i]; break;
                case "--senders": senders = Integer.parseInt(args[++i]); break;
                case "--seconds": seconds = Integer.parseInt(args[++i]); break;
                case "--warmup": warmup = Integer.parseInt(args[++i]); break;
                case "--batch": batch = Integer.parseInt(args[++i]); break;
                default: usage("unknown option " + a);
            }
        }
        Path base = Path.of(System.getProperty("fundchain.basedir", ".")).toAbsolutePath().normalize();
        PrintStream out = System.out;
        if (profile.equals("thesis") || profile.equals("both")) {
            run(base, "thesis", BlockParameters.thesis(), senders, batch, seconds, warmup, out);
        }
        if (profile.equals("default") || profile.equals("both")) {
            run(base, "default", BlockParameters.defaults(), senders, batch, seconds, warmup, out);
        }
        if (!List.of("thesis", "default", "both").contains(profile)) {
            usage("profile must be thesis, default or both");
        }
    }

    private static void usage(String why) {
        System.err.println("error: " + why);
        System.err.println("usage: fundchain bench [--profile thesis|default|both] [--senders 256] [--batch 1] [--seconds 60] [--warmup 15]");
        System.exit(2);
    }

    static void run(Path base, String name, BlockParameters params, int senders, int batch, int seconds, int warmup, PrintStream out)
            throws Exception {
        Path target = base.resolve("target");
        LauncherSettings s = new LauncherSettings(base, target.resolve("liberty/wlp"), target.resolve("fundchain.war"),
                target.resolve("bench-" + name), "bench", 4, 9580, 9943, CryptoSuite.STANDARD, "FundChain benchmark",
                Duration.ofSeconds(300));
        Consortium c = new Consortium(s, out);
        out.printf(Locale.ROOT, "%n=== profile %s: BatchTimeout %d ms, MaxMessageCount %d, PreferredMaxBytes %d, batch by load %s ===%n",
                name, params.batchTimeoutMs(), params.maxMessageCount(), params.preferredMaxBytes(), params.batchByLoad());
        c.reset();
        try {
            ConsortiumMaterial m = c.up(params);
            org.fundchain.client.Consortium view = org.fundchain.client.Consortium.fromGenesis(m.genesisFile(), "main");
            SigningKey key = Pem.readPrivateKey(Files.readString(m.demoClientKey()), new SecureRandom());
            awaitPeers(view.nodes(), Duration.ofSeconds(120));
            if (warmup > 0) {
                out.printf(Locale.ROOT, "warm-up %d s%n", warmup);
                LoadGenerator.measure(view, "main", key, senders, batch, warmup, "pressure", "add", null);
            }
            out.printf(Locale.ROOT, "measuring %d s: %d transactions in flight, %d per request%n", seconds, senders, batch);
            LoadGenerator.Report r = LoadGenerator.measure(view, "main", key, senders, batch, seconds, "pressure", "add", out);
            out.println(r.format());
        } finally {
            c.down();
        }
    }

    private static void awaitPeers(List<URI> nodes, Duration timeout) throws IOException, InterruptedException {
        FundChainClient client = new FundChainClient();
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            boolean all = true;
            for (URI n : nodes) {
                for (Object p : (List<?>) client.node(n).body().get("peers")) {
                    all &= Boolean.TRUE.equals(((Map<?, ?>) p).get("connected"));
                }
            }
            if (all) {
                return;
            }
            Thread.sleep(500);
        }
        throw new IOException("peers did not connect within " + timeout.toSeconds() + " s");
    }
}
