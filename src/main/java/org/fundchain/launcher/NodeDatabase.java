package org.fundchain.launcher;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Which database a node keeps its ledger in. Embedded Derby (under the server's output directory) is the
 * default and needs no configuration; {@code postgresql://[user@]host[:port]/database[?property=value&...]}
 * puts the same JPA unit on a PostgreSQL server. In the database name, {@code {node}} stands for the node id,
 * so one server can hold the four databases of the local consortium ({@code fundchain_{node}} gives
 * fundchain_node0..fundchain_node3); the databases and their owner must exist (the schema is created at start).
 * <p>
 * For a node on PostgreSQL the launcher writes {@code configDropins/overrides/fundchain-database.xml} (the
 * DataSource: host, port, database, user; no secret in it) and puts the password as
 * {@value #PASSWORD_ENV} into the server's {@code server.env} (0600), which the DataSource reads as
 * {@code ${env.FUNDCHAIN_DB_PASSWORD}}. Choosing Derby again removes both.
 */
public final class NodeDatabase {
    /** The environment variable (in server.env) the DataSource takes the password from. */
    public static final String PASSWORD_ENV = "FUNDCHAIN_DB_PASSWORD";
    /** The override file in the server's configDropins/overrides. */
    public static final String OVERRIDE = "fundchain-database.xml";
    public static final NodeDatabase DERBY = new NodeDatabase(null, 0, null, null, Map.of());
    private static final int DEFAULT_PORT = 5432;

    private final String host;
    private final int port;
    private final String database;
    private final String user;
    private final Map<String, String> properties;

    private NodeDatabase(String host, int port, String database, String user, Map<String, String> properties) {
        this.host = host;
        this.port = port;
        this.database = database;
        this.user = user;
        this.properties = properties;
    }

    /** {@code derby}, or {@code postgresql://[user@]host[:port]/database[?user=..&sslmode=..]}; a clear error otherwise. */
    public static NodeDatabase parse(String spec) {
        if (spec == null || spec.isBlank()) {
            throw new LauncherException("--database needs a value: derby or postgresql://user@host:port/database");
        }
        if (spec.equals("derby")) {
            return DERBY;
        }
        if (!spec.startsWith("postgresql://")) {
            throw new LauncherException("unsupported database '" + spec + "': expected derby or postgresql://user@host:port/database");
        }
        URI u;
        try {
            // {node} is not legal in a URI path: parse with a stand-in, put it back afterwards
            u = new URI(spec.replace("{node}", "%7Bnode%7D"));
        } catch (URISyntaxException e) {
            throw new LauncherException("cannot read database URL '" + spec + "': " + e.getMessage());
        }
        if (u.getHost() == null || u.getHost().isEmpty()) {
            throw new LauncherException("database URL '" + spec + "' names no host (postgresql://user@host:port/database)");
        }
        String path = u.getPath() == null ? "" : u.getPath();
        String db = path.startsWith("/") ? path.substring(1) : path;
        if (!db.matches("[A-Za-z_][A-Za-z0-9_$\\-]*(\\{node\\}[A-Za-z0-9_$\\-]*)?")) {
            throw new LauncherException("database URL '" + spec + "' needs a database name (letters, digits, '_', '-', optionally {node})");
        }
        String user = u.getUserInfo();
        if (user != null && user.contains(":")) {
            throw new LauncherException("put no password in the database URL (it would show in the process list): use "
                    + "--database-password-file FILE or the environment variable " + PASSWORD_ENV);
        }
        Map<String, String> props = new TreeMap<>();
        if (u.getRawQuery() != null && !u.getRawQuery().isEmpty()) {
            for (String pair : u.getRawQuery().split("&")) {
                int eq = pair.indexOf('=');
                String k = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
                String v = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
                if (k.equalsIgnoreCase("password")) {
                    throw new LauncherException("put no password in the database URL: use --database-password-file FILE or "
                            + PASSWORD_ENV);
                }
                if (!k.matches("[A-Za-z][A-Za-z0-9]*")) {
                    throw new LauncherException("database URL property '" + k + "' is not a simple name");
                }
                if (k.equals("user")) {
                    user = v;
                } else {
                    props.put(k, v);
                }
            }
        }
        if (user == null || user.isEmpty()) {
            throw new LauncherException("database URL '" + spec + "' names no user (postgresql://user@host:port/database)");
        }
        return new NodeDatabase(u.getHost(), u.getPort() < 0 ? DEFAULT_PORT : u.getPort(), db, user, Map.copyOf(props));
    }

    public boolean isDerby() {
        return host == null;
    }

    /** The database of node {@code nodeId} ({@code {node}} replaced). */
    public String databaseOf(String nodeId) {
        return database.replace("{node}", nodeId);
    }

    /** Several nodes on one database would mix their ledgers (the genesis stamp refuses the second node). */
    public void requireOneDatabasePerNode(int nodeCount) {
        if (!isDerby() && nodeCount > 1 && !database.contains("{node}")) {
            throw new LauncherException("database '" + database + "' would be shared by all " + nodeCount
                    + " nodes: put {node} in its name (e.g. postgresql://" + user + "@" + host + ":" + port + "/fundchain_{node})");
        }
    }

    /**
     * Configures the server directory of node {@code nodeId}: for PostgreSQL the DataSource override and the
     * password in server.env (0600); for Derby removes both, so the server.xml default applies again.
     */
    public void writeTo(Path serverDir, String nodeId, String password) {
        Path override = serverDir.resolve("configDropins/overrides").resolve(OVERRIDE);
        Path env = serverDir.resolve("server.env");
        try {
            List<String> envLines = new ArrayList<>();
            if (Files.exists(env)) {
                for (String line : Files.readAllLines(env, StandardCharsets.UTF_8)) {
                    if (!line.startsWith(PASSWORD_ENV + "=")) {
                        envLines.add(line);
                    }
                }
            }
            if (isDerby()) {
                Files.deleteIfExists(override);
            } else {
                if (password == null || password.isEmpty()) {
                    throw new LauncherException("no password for database user " + user + ": give --database-password-file FILE"
                            + " or set " + PASSWORD_ENV);
                }
                if (password.contains("\n") || password.contains("\r")) {
                    throw new LauncherException("the database password must be one line");
                }
                envLines.add(PASSWORD_ENV + "=" + password);
                Files600.writePublic(override, overrideXml(nodeId));
            }
            if (Files.exists(env) || !envLines.isEmpty()) {
                Files600.writeSecret(env, envLines.isEmpty() ? "" : String.join("\n", envLines) + "\n");
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot configure the database of " + serverDir, e);
        }
    }

    /**
     * The DataSource override. Liberty merges an override into server.xml's element of the same id, and a dataSource
     * takes one properties element only, so Derby's DefaultDataSource cannot become a PostgreSQL one: it is moved
     * aside to an unused JNDI name (it is never connected, so no Derby database is created) and a second
     * DataSource takes the unit's name jdbc/fundchain; the EJB timers' database store follows it.
     */
    String overrideXml(String nodeId) {
        StringBuilder extra = new StringBuilder();
        for (Map.Entry<String, String> e : properties.entrySet()) {
            extra.append(' ').append(e.getKey()).append("=\"").append(xml(e.getValue())).append('"');
        }
        return String.join("\n",
                "<server>",
                "    <!-- Written by the launcher: this node's ledger on PostgreSQL (the server.xml default is embedded",
                "         Derby). The password is " + PASSWORD_ENV + " in server.env (0600). -->",
                "    <library id=\"postgresqlLib\">",
                "        <fileset dir=\"${shared.resource.dir}/postgresql\" includes=\"*.jar\"/>",
                "    </library>",
                "    <dataSource id=\"DefaultDataSource\" jndiName=\"jdbc/fundchain-derby-unused\"/>",
                "    <dataSource id=\"PostgresDataSource\" jndiName=\"jdbc/fundchain\" statementCacheSize=\"64\">",
                "        <jdbcDriver libraryRef=\"postgresqlLib\"/>",
                "        <properties.postgresql serverName=\"" + xml(host) + "\" portNumber=\"" + port + "\" databaseName=\""
                        + xml(databaseOf(nodeId)) + "\"",
                "                               user=\"" + xml(user) + "\" password=\"${env." + PASSWORD_ENV + "}\"" + extra + "/>",
                "        <connectionManager maxPoolSize=\"20\" minPoolSize=\"1\"/>",
                "    </dataSource>",
                "    <!-- persistent EJB timers: the same database as the ledger, as with Derby -->",
                "    <databaseStore id=\"defaultDatabaseStore\" dataSourceRef=\"PostgresDataSource\"/>",
                "</server>", "");
    }

    private static String xml(String s) {
        return s.replace("&", "&amp;").replace("\"", "&quot;").replace("<", "&lt;").replace(">", "&gt;");
    }

    @Override
    public String toString() {
        return isDerby() ? "embedded Derby" : "PostgreSQL " + user + "@" + host + ":" + port + "/" + database;
    }
}
