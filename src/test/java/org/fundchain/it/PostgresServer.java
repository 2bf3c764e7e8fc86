package org.fundchain.it;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A throw-away PostgreSQL server for a test, from Debian's {@code postgresql} package: {@code initdb} into a
 * directory under target/, {@code pg_ctl} on a free local port (TCP on 127.0.0.1 only, password
 * authentication), stopped by {@link #close()}. PostgreSQL refuses to run as root: as root the
 * server runs as the {@code postgres} user the package creates.
 */
public final class PostgresServer implements AutoCloseable {
    public static final String SUPERUSER = "fundchain";

    private final Path dir;
    private final Path bin;
    private final int port;
    private final String password;
    private boolean started;

    private PostgresServer(Path dir, Path bin, int port, String password) {
        this.dir = dir;
        this.bin = bin;
        this.port = port;
        this.password = password;
    }

    /** The newest installed /usr/lib/postgresql/N/bin, or null when the package is not installed. */
    public static Path binaries() {
        Path root = Path.of("/usr/lib/postgresql");
        if (!Files.isDirectory(root)) {
            return null;
        }
        try (Stream<Path> versions = Files.list(root)) {
            return versions.map(v -> v.resolve("bin")).filter(b -> Files.isExecutable(b.resolve("pg_ctl")))
                    .max(Comparator.comparingInt(b -> versionOf(b.getParent().getFileName().toString()))).orElse(null);
        } catch (IOException e) {
            return null;
        }
    }

    private static int versionOf(String name) {
        try {
            return Integer.parseInt(name.replaceAll("[^0-9].*", ""));
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    /** initdb into {@code dir} (wiped first) and start on a free port. */
    public static PostgresServer start(Path dir) throws IOException, InterruptedException {
        Path bin = binaries();
        if (bin == null) {
            throw new IllegalStateException("PostgreSQL is not installed (Debian: apt-get install postgresql; .ci/run installs it)");
        }
        deleteTree(dir);
        Files.createDirectories(dir);
        String password = Base64.getUrlEncoder().withoutPadding().encodeToString(new SecureRandom().generateSeed(18));
        Path pwfile = dir.resolve("superuser.pw");
        Files.writeString(pwfile, password + "\n", StandardCharsets.UTF_8);
        Files.setPosixFilePermissions(pwfile, PosixFilePermissions.fromString("rw-------"));
        Path data = dir.resolve("data");
        PostgresServer pg = new PostgresServer(dir, bin, freePort(), password);
        if (isRoot()) {
            run(List.of("chown", "-R", "postgres", dir.toString()), dir.resolve("chown.log"));
        }
        pg.asServerUser(List.of(bin.resolve("initdb").toString(), "-D", data.toString(), "-U", SUPERUSER,
                "--pwfile=" + pwfile, "-A", "scram-sha-256", "-E", "UTF8", "--locale=C.UTF-8", "--no-sync"), dir.resolve("initdb.log"));
        Files.deleteIfExists(pwfile);
        // fsync and synchronous_commit stay on: a committed block is on disk, as a member's server would have it
        pg.asServerUser(List.of(bin.resolve("pg_ctl").toString(), "-D", data.toString(), "-l", dir.resolve("server.log").toString(),
                "-w", "-t", "60", "-o", "-p " + pg.port + " -c listen_addresses=127.0.0.1 -k " + dir
                        + " -c max_connections=200 -c shared_buffers=64MB", "start"), dir.resolve("pg_ctl-start.log"));
        pg.started = true;
        return pg;
    }

    public int port() {
        return port;
    }

    public String password() {
        return password;
    }

    /** Creates an empty database owned by the superuser of this server. */
    public void createDatabase(String name) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of(bin.resolve("createdb").toString(), "-h", "127.0.0.1", "-p",
                Integer.toString(port), "-U", SUPERUSER, name));
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(dir.resolve("createdb.log").toFile());
        pb.environment().put("PGPASSWORD", password);
        Process p = pb.start();
        if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
            throw new IOException("createdb " + name + " failed: " + Files.readString(dir.resolve("createdb.log")));
        }
    }

    /** Runs a query with psql and returns its unaligned output (tuples only). */
    public String psql(String database, String sql) throws IOException, InterruptedException {
        Path out = dir.resolve("psql.out");
        ProcessBuilder pb = new ProcessBuilder(bin.resolve("psql").toString(), "-h", "127.0.0.1", "-p", Integer.toString(port),
                "-U", SUPERUSER, "-d", database, "-At", "-v", "ON_ERROR_STOP=1", "-c", sql)
                .redirectErrorStream(true).redirectOutput(out.toFile());
        pb.environment().put("PGPASSWORD", password);
        Process p = pb.start();
        if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
            throw new IOException("psql failed: " + Files.readString(out));
        }
        return Files.readString(out).strip();
    }

    /** Stops the server (fast shutdown); its directory (logs) stays under target/ for a look afterwards. */
    @Override
    public void close() throws IOException, InterruptedException {
        if (started) {
            started = false;
            asServerUser(List.of(bin.resolve("pg_ctl").toString(), "-D", dir.resolve("data").toString(), "-m", "fast", "-w",
                    "-t", "60", "stop"), dir.resolve("pg_ctl-stop.log"));
        }
    }

    public Path log() {
        return dir.resolve("server.log");
    }

    private void asServerUser(List<String> cmd, Path log) throws IOException, InterruptedException {
        if (isRoot()) {
            // su runs one shell command: quote every word
            StringBuilder sh = new StringBuilder();
            for (String w : cmd) {
                sh.append('\'').append(w.replace("'", "'\\''")).append("' ");
            }
            run(List.of("su", "postgres", "-s", "/bin/sh", "-c", sh.toString()), log);
        } else {
            run(cmd, log);
        }
    }

    private static void run(List<String> cmd, Path log) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        if (!p.waitFor(120, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new IOException(String.join(" ", cmd) + " timed out; see " + log);
        }
        if (p.exitValue() != 0) {
            throw new IOException(String.join(" ", cmd) + " failed (" + p.exitValue() + "): " + Files.readString(log));
        }
    }

    private static boolean isRoot() {
        return "root".equals(System.getProperty("user.name"));
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    private static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }
}
