package org.fundchain.node;

import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.atomic.AtomicInteger;

import org.fundchain.codec.Json;
import org.fundchain.consensus.ConsensusConfig;
import org.fundchain.consensus.KeySigner;
import org.fundchain.contract.ContractRegistry;
import org.fundchain.contracts.FundChainContracts;
import org.fundchain.crypto.CryptoSuite;
import org.fundchain.crypto.SigningKey;
import org.fundchain.envelope.SignedTransaction;
import org.fundchain.ledger.MemberKeys;
import org.fundchain.peer.PeerLinks;

/**
 * Not a test: measures the node pipeline without HTTP and WebSockets — four {@link ChainRuntime}s in one JVM,
 * each on its own on-disk Derby ledger, fed pre-signed {@code pressure.add} transactions. Prints wall-clock
 * throughput and, more usefully on a shared machine, process CPU time per committed transaction.
 * Then wipes node3's ledger and times how fast it rebuilds the chain from its peers (catch-up in bulk).
 * {@code mvn -q test-compile exec:java -Dexec.classpathScope=test -Dexec.mainClass=org.fundchain.node.PipelineBench -Dexec.args="20000"}
 */
public final class PipelineBench {
    private static final String CHAIN = "main";
    private static final CryptoSuite SUITE = CryptoSuite.STANDARD;

    public static void main(String[] args) throws Exception {
        int n = args.length > 0 ? Integer.parseInt(args[0]) : 20_000;
        int window = args.length > 1 ? Integer.parseInt(args[1]) : 4000;
        int rounds = args.length > 2 ? Integer.parseInt(args[2]) : 3;
        SecureRandom rnd = new SecureRandom();
        List<String> ids = List.of("node0", "node1", "node2", "node3");
        List<SigningKey> nodeKeys = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            nodeKeys.add(SigningKey.generate(SUITE.signature(), rnd));
        }
        SigningKey admin = SigningKey.generate(SUITE.signature(), rnd);
        SigningKey client = SigningKey.generate(SUITE.signature(), rnd);
        byte[] genesisHash = SUITE.hash().digest("bench genesis".getBytes(StandardCharsets.UTF_8));
        Path dir = Path.of("target/pipeline-bench");
        if (Files.exists(dir)) {
            try (var s = Files.walk(dir)) {
                s.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
        Files.createDirectories(dir);
        System.setProperty("derby.stream.error.file", dir.resolve("derby.log").toString());
        System.setProperty("derby.storage.logBufferSize", "4194304"); // as liberty/jvm.options sets them for a node
        System.setProperty("derby.storage.pageCacheSize", "4000");
        Map<String, ChainRuntime> live = new ConcurrentHashMap<>();
        ScheduledExecutorService scheduler = Executors.newScheduledThreadPool(2);
        // One reader thread per link (from, to), as a WebSocket session has: receive() runs there, not on the sender.
        Map<String, java.util.concurrent.ExecutorService> readers = new ConcurrentHashMap<>();
        List<LocalLedger> ledgers = new ArrayList<>();
        MemberKeys members = new MemberKeys(nodeKeys.stream().map(SigningKey::publicKey).toList());
        for (int i = 0; i < 4; i++) {
            ledgers.add(new LocalLedger("jdbc:derby:" + dir.toAbsolutePath().resolve("db" + i) + ";create=true"));
        }
        java.util.function.IntFunction<ChainRuntime> newRuntime = i -> {
            ConsensusConfig cfg = ConsensusConfig.builder(CHAIN, SUITE.hash(), members, i, new KeySigner(nodeKeys.get(i)),
                    genesisHash).viewTimeout(2000, 30000).signReplies(false).build();
            ContractRegistry registry = new ContractRegistry();
            FundChainContracts.all().forEach(registry::register);
            ChainSetup setup = new ChainSetup(CHAIN, SUITE, cfg, members, ids, genesisHash, registry,
                    genesis(admin, client), 1_700_000_000_000L, 50_000);
            String self = ids.get(i);
            PeerLinks links = new PeerLinks() {
                public boolean send(String to, String chain, byte[] payload) {
                    if (self.equals("node3") && firstAsk.get() == 0 && asksBlocks(payload)) {
                        firstAsk.compareAndSet(0, System.nanoTime());
                    }
                    if (to.equals("node3") && catchingUp && payload.length > 1 << 16) {
                        blocksBytesToWiped.addAndGet(payload.length);
                    }
                    readers.computeIfAbsent(self + ">" + to, k -> Executors.newSingleThreadExecutor(d -> {
                        Thread t = new Thread(d, "link");
                        t.setDaemon(true);
                        loopOf.put(t.getId(), to); // a link reader works for the node it delivers to
                        return t;
                    })).execute(() -> {
                        ChainRuntime r = live.get(to);
                        if (r != null) {
                            r.receive(payload);
                        }
                    });
                    return true;
                }

                public void broadcast(String chain, byte[] payload) {
                    for (String id : ids) {
                        if (!id.equals(self)) {
                            send(id, chain, payload);
                        }
                    }
                }
            };
            java.util.concurrent.ThreadFactory named = task -> {
                Thread t = Executors.defaultThreadFactory().newThread(task);
                loopOf.put(t.getId(), self);
                return t;
            };
            return new ChainRuntime(setup, ledgers.get(i), links, scheduler, named);
        };
        for (int i = 0; i < 4; i++) {
            ChainRuntime r = newRuntime.apply(i);
            r.start();
            live.put(ids.get(i), r);
        }
        System.out.printf(Locale.ROOT, "signing %d transactions...%n", n);
        String run = Long.toString(System.nanoTime(), 36);
        List<Map<String, Object>> envelopes = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            envelopes.add(envelope(SignedTransaction.sign(client, SUITE, CHAIN, "pressure", "add", Map.of(), run + i,
                    System.currentTimeMillis())));
        }
        var os = (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        long cpu0 = os.getProcessCpuTime();
        long t0 = System.nanoTime();
        AtomicInteger next = new AtomicInteger();
        AtomicInteger refused = new AtomicInteger();
        List<Thread> senders = new ArrayList<>();
        java.util.Queue<java.util.concurrent.CompletableFuture<Void>> answers = new java.util.concurrent.ConcurrentLinkedQueue<>();
        ChainRuntime watch = live.get("node0");
        for (int s = 0; s < 4; s++) {
            Thread t = new Thread(() -> {
                int i;
                while ((i = next.getAndIncrement()) < n) {
                    while ((long) i - committedCount(watch) > window) {
                        sleep(2);
                    }
                    ChainRuntime r = live.get(ids.get(i % 4));
                    // answered by the loop's next turn: count refusals without waiting for each
                    answers.add(r.submit(envelopes.get(i)).thenAccept(res -> {
                        if (res.outcome() != SubmitResult.Outcome.ACCEPTED) {
                            refused.incrementAndGet();
                        }
                    }));
                }
            });
            t.start();
            senders.add(t);
        }
        for (Thread t : senders) {
            t.join();
        }
        answers.forEach(java.util.concurrent.CompletableFuture::join);
        long target = n - refused.get();
        long lastPrint = System.nanoTime();
        while (committedCount(watch) < target) {
            sleep(5);
            if (System.nanoTime() - lastPrint > 5_000_000_000L) {
                System.out.printf(Locale.ROOT, "  committed %d / %d, height %d%n", committedCount(watch), target,
                        watch.status().height());
                lastPrint = System.nanoTime();
            }
        }
        long wall = System.nanoTime() - t0;
        long cpu = os.getProcessCpuTime() - cpu0;
        System.out.printf(Locale.ROOT, "%d tx (refused %d) in %.2f s: %.0f TPS; height %d; CPU %.2f s = %.0f us/tx%n",
                target, refused.get(), wall / 1e9, target * 1e9 / wall, watch.status().height(), cpu / 1e9,
                cpu / 1e3 / target);
        // Catch-up: node3 loses its ledger and rebuilds the whole chain from its peers' certified blocks, several
        // times (each a new empty ledger), once every node has stored the chain, so that no peer is still storing
        // while it replays; single rounds varied by up to 2x.
        long chainHeight = watch.status().height();
        for (String id : ids) {
            while (live.get(id).status().height() < chainHeight) {
                sleep(5);
            }
        }
        sleep(3000);
        for (int round = 1; round <= rounds; round++) {
            System.out.printf(Locale.ROOT, "catch-up round %d of %d%n", round, rounds);
            catchUp(round, chainHeight, target, dir, live, ledgers, newRuntime, watch);
            sleep(2000);
        }
        live.values().forEach(ChainRuntime::stop);
        scheduler.shutdownNow();
        readers.values().forEach(java.util.concurrent.ExecutorService::shutdownNow);
        Thread.sleep(500);
        System.exit(0);
    }

    /** Wipes node3 (a new, empty ledger), restarts it and times how fast it rebuilds the chain from its peers. */
    private static void catchUp(int round, long chainHeight, long target, Path dir, Map<String, ChainRuntime> live,
            List<LocalLedger> ledgers, java.util.function.IntFunction<ChainRuntime> newRuntime, ChainRuntime watch) {
        live.remove("node3").stop();
        ledgers.get(3).close();
        ledgers.set(3, new LocalLedger("jdbc:derby:" + dir.toAbsolutePath().resolve("db3-wiped-" + round) + ";create=true"));
        firstAsk.set(0);
        catchingUp = true;
        Map<Long, Long> cpuAtStart = threadCpu();
        long c0 = System.nanoTime();
        ChainRuntime wiped = newRuntime.apply(3);
        wiped.start();
        live.put("node3", wiped);
        long lastPrint = System.nanoTime();
        long firstBlock = 0;
        System.out.printf(Locale.ROOT, "catch-up starts at epoch ms %d%n", System.currentTimeMillis());
        while (wiped.status().height() < chainHeight) {
            if (firstBlock == 0 && wiped.status().height() > 0) {
                firstBlock = System.nanoTime();
            }
            if (wiped.status().failure() != null) {
                throw new IllegalStateException("the wiped node stopped: " + wiped.status().failure());
            }
            sleep(5);
            if (System.nanoTime() - lastPrint > 5_000_000_000L) {
                System.out.printf(Locale.ROOT, "  catch-up at height %d / %d%n", wiped.status().height(), chainHeight);
                lastPrint = System.nanoTime();
            }
        }
        long done = System.nanoTime();
        printCpu(cpuAtStart, threadCpu(), target);
        long chainBytes = 0;
        for (long h = 1; h <= chainHeight; h++) {
            chainBytes += ledgers.get(0).block(CHAIN, h).orElseThrow().encoded().length;
        }
        System.out.printf(Locale.ROOT, "  block bytes sent to the wiped node: %.1f MB for a chain of %.1f MB%n",
                blocksBytesToWiped.get() / 1e6, chainBytes / 1e6);
        double secs = (done - c0) / 1e9;
        System.out.printf(Locale.ROOT, "catch-up ends at epoch ms %d%n", System.currentTimeMillis());
        System.out.printf(Locale.ROOT, "catch-up of a wiped node: %d blocks, %d tx in %.2f s: %.0f blocks/s, %.0f tx/s%n",
                chainHeight, target, secs, chainHeight / secs, target / secs);
        // Before its first request the node starts (schema creation) and idles until the core's first anti-entropy
        // round (10 resend intervals after its first step); from that request on it replays.
        if (firstAsk.get() != 0) {
            double replay = (done - firstAsk.get()) / 1e9;
            System.out.printf(Locale.ROOT, "  replay (first block request to caught up): %.2f s = %.0f tx/s, %.0f blocks/s;"
                    + " start-up and wait before it %.2f s; first block stored after %.2f s%n", replay, target / replay,
                    chainHeight / replay, (firstAsk.get() - c0) / 1e9, (firstBlock - c0) / 1e9);
        }
    }

    private static volatile boolean catchingUp;
    private static final java.util.concurrent.atomic.AtomicLong blocksBytesToWiped = new java.util.concurrent.atomic.AtomicLong();

    /** Loop threads by thread id: which node each belongs to (the loop renames its thread after the chain). */
    private static final Map<Long, String> loopOf = new ConcurrentHashMap<>();

    private static Map<Long, Long> threadCpu() {
        var mx = ManagementFactory.getThreadMXBean();
        Map<Long, Long> cpu = new TreeMap<>();
        for (long id : mx.getAllThreadIds()) {
            long c = mx.getThreadCpuTime(id);
            if (c >= 0) {
                cpu.put(id, c);
            }
        }
        return cpu;
    }

    /** Thread CPU spent during catch-up, per node loop and per other thread group, in us per replayed transaction. */
    private static void printCpu(Map<Long, Long> before, Map<Long, Long> after, long txs) {
        var mx = ManagementFactory.getThreadMXBean();
        Map<String, Long> by = new TreeMap<>();
        long total = 0;
        for (var e : after.entrySet()) {
            long d = e.getValue() - before.getOrDefault(e.getKey(), 0L);
            if (d <= 0) {
                continue;
            }
            String node = loopOf.get(e.getKey());
            var info = mx.getThreadInfo(e.getKey());
            String who = info == null ? "?" : info.getThreadName().replaceAll("[-#]?\\d+$", "").replaceAll("\\d+", "N");
            if (node != null) {
                who = node + " " + who;
            }
            by.merge(who, d, Long::sum);
            total += d;
        }
        StringBuilder sb = new StringBuilder("  catch-up thread CPU (us/tx):");
        by.entrySet().stream().sorted((a, b) -> Long.compare(b.getValue(), a.getValue())).limit(8)
                .forEach(e -> sb.append(String.format(Locale.ROOT, " %s %.1f;", e.getKey(), e.getValue() / 1e3 / txs)));
        sb.append(String.format(Locale.ROOT, " all threads %.1f", total / 1e3 / txs));
        System.out.println(sb);
    }

    /** When the restored node first asked its peers for blocks: replay starts there (before it, start-up and idling). */
    private static final java.util.concurrent.atomic.AtomicLong firstAsk = new java.util.concurrent.atomic.AtomicLong();

    private static boolean asksBlocks(byte[] payload) {
        try {
            return org.fundchain.consensus.Wire.decode(payload, SUITE.hash()).body()
                    instanceof org.fundchain.consensus.Message.BlockRequest;
        } catch (RuntimeException e) {
            return false;
        }
    }

    private static long committedCount(ChainRuntime r) {
        return r.tracker().committedCount();
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static SortedMap<String, Object> genesis(SigningKey admin, SigningKey client) {
        SortedMap<String, Object> registry = new TreeMap<>();
        registry.put("organisations", List.of(
                new TreeMap<>(Map.of("id", "admin-org", "name", "Platform", "type", "ADMIN", "account", "ACC-ADMIN")),
                new TreeMap<>(Map.of("id", "bank", "name", "Bank", "type", "COMMERCIAL_BANK", "account", "ACC-BANK"))));
        registry.put("signers", List.of(
                new TreeMap<>(Map.of("id", "ed25519:" + admin.publicKey().hex(), "org", "admin-org", "name", "admin",
                        "roles", List.of("ADMIN"))),
                new TreeMap<>(Map.of("id", "ed25519:" + client.publicKey().hex(), "org", "bank", "name", "client",
                        "roles", List.of("COMMERCIAL_BANK")))));
        SortedMap<String, Object> contracts = new TreeMap<>();
        contracts.put("registry", registry);
        contracts.put("pressure", new TreeMap<>(Map.of("accounts", new TreeMap<>(Map.of("A", 100)))));
        return new TreeMap<>(Map.of("contracts", contracts));
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> envelope(SignedTransaction t) {
        return (Map<String, Object>) Json.parse(t.json());
    }
}
