package org.fundchain.launcher;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.stream.IntStream;
import java.util.stream.Stream;

/**
 * The local consortium: generate material, create node servers, start them and wait until each is ready;
 * report; stop them leaving no process behind; wipe. Used by the {@code liberty/consortium} script
 * (through {@link ConsortiumCli}) and by the cluster test, so both exercise the same code.
 */
public final class Consortium {
    private final LauncherSettings s;
    private final PrintStream out;
    private final LibertyControl control;
    private final OurProcesses processes;
    private final HealthProbe probe = new HealthProbe();
    /** Null: each node keeps the database its server is configured with (embedded Derby unless told otherwise). */
    private NodeDatabase database;
    private String databasePassword;

    public Consortium(LauncherSettings settings, PrintStream out) {
        this.s = settings;
        this.out = out;
        this.control = new LibertyControl(settings);
        this.processes = new OurProcesses(settings);
    }

    public LauncherSettings settings() {
        return s;
    }

    /**
     * Nodes started from now on keep their ledger in {@code db} (see {@link NodeDatabase}); {@code password} is the
     * database user's (ignored for Derby). Without this call a node keeps what its server was configured with.
     */
    public Consortium withDatabase(NodeDatabase db, String password) {
        db.requireOneDatabasePerNode(s.nodeCount());
        this.database = db;
        this.databasePassword = password;
        return this;
    }

    /** One node as {@code status} sees it. */
    public record NodeStatus(String nodeId, String server, List<Long> pids, int httpPort, int httpsPort,
            HealthProbe.Answer ready, HealthProbe.Answer live) {
        public boolean running() {
            return !pids.isEmpty();
        }
    }

    /** Starts every node that is not running and waits until all are ready. Harmless when already up. */
    public ConsortiumMaterial up() {
        return up(org.fundchain.genesis.BlockParameters.defaults());
    }

    /** As {@link #up()}; a consortium created now gets {@code params} for its chain (an existing one keeps its genesis). */
    public ConsortiumMaterial up(org.fundchain.genesis.BlockParameters params) {
        requireBuilt();
        ConsortiumMaterial material = ConsortiumMaterial.ensure(s, params);
        List<Integer> toStart = new ArrayList<>();
        Map<Integer, String> ports = new TreeMap<>();
        for (int i = 0; i < s.nodeCount(); i++) {
            if (!processes.of(i).isEmpty()) {
                out.println("  " + s.serverName(i) + " is already running");
                continue;
            }
            toStart.add(i);
            ports.put(s.httpPort(i), s.serverName(i) + " HTTP");
            ports.put(s.httpsPort(i), s.serverName(i) + " HTTPS");
            ports.put(s.peerPort(i), s.serverName(i) + " peer (mutual TLS)");
        }
        Ports.requireFree(ports);
        NodeServers servers = new NodeServers(s, material);
        toStart.forEach(servers::write);
        if (database != null) {
            for (int i : toStart) {
                database.writeTo(s.serverDir(i), s.nodeId(i), databasePassword);
            }
        }
        long t0 = System.nanoTime();
        List<CompletableFuture<Void>> starts = new ArrayList<>();
        for (int i : toStart) {
            out.println("  starting " + s.serverName(i) + " (https " + s.httpsPort(i) + ", http " + s.httpPort(i)
                    + " redirects, peers " + s.peerPort(i) + ")");
            starts.add(CompletableFuture.runAsync(() -> {
                int rc = control.start(i);
                if (rc != 0 && rc != 1) {
                    out.println("  note: 'server start " + s.serverName(i) + "' returned " + rc + "; waiting for readiness");
                }
            }));
        }
        // Liberty's start script returns only once its server has started; poll readiness meanwhile so the
        // user sees progress, then collect the scripts' results.
        awaitReady(t0);
        CompletableFuture.allOf(starts.toArray(CompletableFuture[]::new)).join();
        return material;
    }

    private void awaitReady(long t0) {
        boolean[] ready = new boolean[s.nodeCount()];
        long deadline = System.nanoTime() + s.readyTimeout().toNanos();
        long nextHeartbeat = 30;
        while (true) {
            int pending = 0;
            for (int i = 0; i < s.nodeCount(); i++) {
                if (ready[i]) {
                    continue;
                }
                HealthProbe.Answer a = probe.get(s.httpsPort(i), "/health/ready");
                if (a.ok()) {
                    ready[i] = true;
                    out.printf("  %-8s ready after %3d s%n", s.serverName(i), (System.nanoTime() - t0) / 1_000_000_000L);
                    continue;
                }
                if (a.body().contains("\"FAILED\"")) {
                    throw new LauncherException(s.serverName(i) + " refused to start: " + a.body()
                            + " (log: " + s.serverDir(i).resolve("logs/messages.log") + ")");
                }
                if (processes.of(i).isEmpty() && System.nanoTime() - t0 > 60_000_000_000L) {
                    throw new LauncherException(s.serverName(i) + " is not running any more; see "
                            + s.serverDir(i).resolve("logs/console.log") + " and messages.log");
                }
                pending++;
            }
            if (pending == 0) {
                return;
            }
            long elapsed = (System.nanoTime() - t0) / 1_000_000_000L;
            if (elapsed >= nextHeartbeat) {
                nextHeartbeat = elapsed + 30;
                out.println("  ... " + elapsed + " s, still waiting for " + waitingFor(ready));
            }
            if (System.nanoTime() > deadline) {
                throw new LauncherException(pending + " node(s) not ready after " + s.readyTimeout().toSeconds()
                        + " s; see the logs under " + s.wlpDir().resolve("usr/servers"));
            }
            sleep(1000);
        }
    }

    private String waitingFor(boolean[] ready) {
        List<String> names = new ArrayList<>();
        for (int i = 0; i < ready.length; i++) {
            if (!ready[i]) {
                boolean listening = probe.get(s.httpsPort(i), "/health/live").status() != -1;
                names.add(s.serverName(i) + (listening ? " (application starting)" : " (server starting)"));
            }
        }
        return String.join(", ", names);
    }

    /** Stops every node and verifies no JVM of ours remains; kills stragglers. Returns how many were killed. */
    public int down() {
        if (!Files.isExecutable(control.script())) {
            return 0;
        }
        List<CompletableFuture<Void>> stops = new ArrayList<>();
        for (int i = 0; i < s.nodeCount(); i++) {
            final int n = i;
            if (!processes.of(n).isEmpty()) {
                out.println("  stopping " + s.serverName(n));
                stops.add(CompletableFuture.runAsync(() -> control.stop(n)));
            }
        }
        CompletableFuture.allOf(stops.toArray(CompletableFuture[]::new)).join();
        int killed = 0;
        for (int i = 0; i < s.nodeCount(); i++) {
            List<ProcessHandle> left = processes.of(i);
            if (!left.isEmpty()) {
                out.println("  " + s.serverName(i) + " did not stop cleanly; killing " + left.stream().map(ProcessHandle::pid).toList());
                killed += processes.kill(left);
            }
        }
        List<Long> remaining = IntStream.range(0, s.nodeCount()).boxed()
                .flatMap(i -> processes.of(i).stream()).map(ProcessHandle::pid).toList();
        if (!remaining.isEmpty()) {
            throw new LauncherException("processes still running after down: " + remaining);
        }
        return killed;
    }

    /** Stops one node (tests use it to restart a single node). */
    public void stop(int i) {
        if (!processes.of(i).isEmpty()) {
            control.stop(i);
        }
        processes.kill(processes.of(i));
    }

    public List<NodeStatus> status() {
        if (Files.exists(s.consortiumDir().resolve("genesis").resolve(org.fundchain.genesis.GenesisFiles.DOCUMENT))) {
            ConsortiumMaterial.ensure(s); // loads (never generates) and trusts its TLS CA, so the probes can speak HTTPS
        }
        List<NodeStatus> out = new ArrayList<>();
        for (int i = 0; i < s.nodeCount(); i++) {
            List<Long> pids = processes.of(i).stream().map(ProcessHandle::pid).toList();
            HealthProbe.Answer ready = pids.isEmpty() ? new HealthProbe.Answer(-1, "") : probe.get(s.httpsPort(i), "/health/ready");
            HealthProbe.Answer live = pids.isEmpty() ? new HealthProbe.Answer(-1, "") : probe.get(s.httpsPort(i), "/health/live");
            out.add(new NodeStatus(s.nodeId(i), s.serverName(i), pids, s.httpPort(i), s.httpsPort(i), ready, live));
        }
        return out;
    }

    /** down, then deletes the generated material and the node servers (their databases and logs). */
    public void reset() {
        down();
        delete(s.consortiumDir());
        for (int i = 0; i < s.nodeCount(); i++) {
            delete(s.serverDir(i));
        }
    }

    private void requireBuilt() {
        if (!Files.isExecutable(control.script())) {
            throw new LauncherException("OpenLiberty is not installed in " + s.wlpDir() + ": run 'mvn -DskipTests package'");
        }
        if (!Files.isRegularFile(s.war())) {
            throw new LauncherException("no WAR at " + s.war() + ": run 'mvn -DskipTests package'");
        }
    }

    private static void delete(Path dir) {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete " + dir, e);
        }
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new LauncherException("interrupted", e);
        }
    }
}
