package org.fundchain.launcher;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Map;

import org.fundchain.crypto.CryptoSuite;
import org.fundchain.genesis.DemoUser;
import org.fundchain.genesis.Genesis;
import org.fundchain.genesis.Member;

/**
 * {@code liberty/consortium up|down|status|reset [--suite STANDARD|SM]}: the command-line face of
 * {@link Consortium}. Exit codes: 0 success, 1 a problem reported on stderr, 2 usage.
 */
public final class ConsortiumCli {
    private ConsortiumCli() {
    }

    public static void main(String[] args) {
        System.exit(run(args, System.out, System.err));
    }

    static int run(String[] args, PrintStream out, PrintStream err) {
        if (args.length == 0) {
            err.println("usage: consortium up|down|status|reset [--suite STANDARD|SM] [--demo-data]"
                    + " [--database derby|postgresql://user@host:port/db_{node} [--database-password-file FILE]]");
            return 2;
        }
        Path basedir = Path.of(System.getProperty("fundchain.basedir", ".")).toAbsolutePath().normalize();
        LauncherSettings s = LauncherSettings.defaults(basedir);
        boolean demoData = false;
        NodeDatabase database = null;
        Path passwordFile = null;
        for (int i = 1; i < args.length; i++) {
            if (args[i].equals("--suite") && i + 1 < args.length) {
                s = s.withSuite(CryptoSuite.parse(args[++i]));
            } else if (args[i].equals("--demo-data") && args[0].equals("up")) {
                demoData = true;
            } else if (args[i].equals("--database") && i + 1 < args.length && args[0].equals("up")) {
                try {
                    database = NodeDatabase.parse(args[++i]);
                } catch (LauncherException e) {
                    err.println("error: " + e.getMessage());
                    return 2;
                }
            } else if (args[i].equals("--database-password-file") && i + 1 < args.length && args[0].equals("up")) {
                passwordFile = Path.of(args[++i]);
            } else {
                err.println("unknown option " + args[i]);
                return 2;
            }
        }
        Consortium c = new Consortium(s, out);
        long t0 = System.nanoTime();
        try {
            if (database != null) {
                String password;
                try {
                    password = passwordFile != null ? Files600.read(passwordFile).strip() : System.getenv(NodeDatabase.PASSWORD_ENV);
                } catch (java.io.UncheckedIOException e) {
                    throw new LauncherException("cannot read the database password file " + passwordFile + ": " + e.getCause());
                }
                c.withDatabase(database, password);
                out.println("Ledger database: " + database);
            } else if (passwordFile != null) {
                err.println("--database-password-file needs --database postgresql://...");
                return 2;
            }
            switch (args[0]) {
                case "up" -> {
                    out.println("Starting the FundChain consortium (" + s.nodeCount() + " nodes)...");
                    ConsortiumMaterial m = c.up();
                    if (demoData) {
                        DemoData.seed(m, s, out);
                    }
                    printSummary(out, s, m, (System.nanoTime() - t0) / 1_000_000_000L);
                }
                case "down" -> {
                    int killed = c.down();
                    out.println("All nodes stopped" + (killed > 0 ? " (" + killed + " had to be killed)" : "")
                            + "; no FundChain server process is running.");
                }
                case "status" -> printStatus(out, c);
                case "reset" -> {
                    c.reset();
                    out.println("Stopped all nodes and deleted " + s.consortiumDir() + " and the node servers.");
                }
                default -> {
                    err.println("unknown command '" + args[0] + "' (expected up, down, status or reset)");
                    return 2;
                }
            }
            return 0;
        } catch (LauncherException | org.fundchain.genesis.GenesisException e) {
            err.println("error: " + e.getMessage());
            return 1;
        }
    }

    private static void printSummary(PrintStream out, LauncherSettings s, ConsortiumMaterial m, long seconds) {
        Genesis g = m.genesis();
        out.println();
        out.println("FundChain consortium \"" + g.consortium() + "\" is up (" + seconds + " s), suite " + g.suite()
                + ", genesis " + m.genesisHash());
        out.printf("%-7s %-12s %-24s %-40s %s%n", "node", "organisation", "portal", "node API", "Admin Center");
        // every URL is HTTPS: plain HTTP only redirects; the certificates come from the consortium's TLS CA
        for (int i = 0; i < s.nodeCount(); i++) {
            Member mb = g.members().get(i);
            out.printf("%-7s %-12s %-24s %-40s %s%n", mb.nodeId(), mb.organisation(),
                    "https://localhost:" + s.httpsPort(i) + "/", "https://localhost:" + s.httpsPort(i) + "/api/v1/node",
                    "https://localhost:" + s.httpsPort(i) + "/adminCenter/");
        }
        out.println();
        out.println("TLS: the nodes' certificates are issued by the consortium's TLS CA, " + s.consortiumDir().resolve("ca/tls-ca-cert.pem")
                + "; import it into your browser (or accept the warning), and use curl --cacert with it.");
        out.println("Admin Center login (user admin, one password per node, kept in " + s.consortiumDir().resolve("admin") + "):");
        for (int i = 0; i < s.nodeCount(); i++) {
            out.printf("  %-7s admin / %s%n", s.nodeId(i), m.adminPassword(i));
        }
        out.println("Demo users (username / password, role, organisation -> node):");
        Map<String, String> logins = m.demoLogins();
        for (DemoUser u : g.users()) {
            String node = g.organisation(u.organisation()).orElseThrow().node();
            out.printf("  %-11s %-17s %-20s %-16s -> %s%n", u.username(), logins.get(u.username()), u.role(),
                    u.organisation(), node);
        }
        out.println("Demo API client key (LOAD role: the pressure contract only, for load and bench): " + m.demoClientKey());
        out.println("Generated material: " + s.consortiumDir() + "   Stop with: liberty/consortium down");
    }

    private static void printStatus(PrintStream out, Consortium c) {
        out.printf("%-7s %-8s %-14s %-6s %-6s %s%n", "node", "server", "pid", "https", "ready", "live");
        for (Consortium.NodeStatus n : c.status()) {
            out.printf("%-7s %-8s %-14s %-6d %-6s %s%n", n.nodeId(), n.server(),
                    n.running() ? n.pids().toString() : "stopped", n.httpsPort(),
                    n.running() ? (n.ready().ok() ? "UP" : "DOWN") : "-",
                    n.running() ? (n.live().ok() ? "UP" : "DOWN") : "-");
            if (n.running() && !n.ready().ok()) {
                out.println("        " + n.ready().body());
            }
        }
    }
}
