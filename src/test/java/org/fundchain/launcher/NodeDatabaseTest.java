package org.fundchain.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The node's database choice: what the launcher accepts, refuses, and writes into a server directory. */
class NodeDatabaseTest {
    @TempDir
    Path dir;

    @Test
    void aPostgresUrlBecomesADataSourceOverrideWithThePasswordOnlyInServerEnv() throws Exception {
        Files600.writeSecret(dir.resolve("server.env"), "keystore_password=ks\n");
        NodeDatabase db = NodeDatabase.parse("postgresql://fc@db.example:6543/fundchain_{node}?sslmode=require");
        db.requireOneDatabasePerNode(4);
        db.writeTo(dir, "node2", "s3cret");
        String xml = Files.readString(dir.resolve("configDropins/overrides").resolve(NodeDatabase.OVERRIDE));
        assertTrue(xml.contains("serverName=\"db.example\" portNumber=\"6543\" databaseName=\"fundchain_node2\""), xml);
        assertTrue(xml.contains("user=\"fc\" password=\"${env.FUNDCHAIN_DB_PASSWORD}\" sslmode=\"require\""), xml);
        assertTrue(xml.contains("jndiName=\"jdbc/fundchain\""), xml);
        assertFalse(xml.contains("s3cret"));
        String env = Files.readString(dir.resolve("server.env"));
        assertEquals("keystore_password=ks\nFUNDCHAIN_DB_PASSWORD=s3cret\n", env);
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(dir.resolve("server.env"))));

        // again with another password: one line, replaced; then back to Derby: both gone, the keystore password kept
        db.writeTo(dir, "node2", "other");
        assertEquals("keystore_password=ks\nFUNDCHAIN_DB_PASSWORD=other\n", Files.readString(dir.resolve("server.env")));
        NodeDatabase.parse("derby").writeTo(dir, "node2", null);
        assertFalse(Files.exists(dir.resolve("configDropins/overrides").resolve(NodeDatabase.OVERRIDE)));
        assertEquals("keystore_password=ks\n", Files.readString(dir.resolve("server.env")));
    }

    @Test
    void theUserMayComeAsAQueryParameterAndThePortDefaults() {
        NodeDatabase db = NodeDatabase.parse("postgresql://localhost/ledger?user=fc");
        String xml = db.overrideXml("node0");
        assertTrue(xml.contains("serverName=\"localhost\" portNumber=\"5432\" databaseName=\"ledger\""), xml);
        assertTrue(xml.contains("user=\"fc\""), xml);
        assertFalse(db.isDerby());
        assertTrue(NodeDatabase.parse("derby").isDerby());
    }

    @Test
    void unclearOrUnsafeChoicesAreRefusedWithTheFix() {
        assertRefused("mysql://fc@h/db", "expected derby or postgresql://");
        assertRefused("postgresql://h:5432/db", "names no user");
        assertRefused("postgresql://fc:pw@h:5432/db", "no password in the database URL");
        assertRefused("postgresql://fc@h:5432/db?password=pw", "no password in the database URL");
        assertRefused("postgresql://fc@h:5432/", "needs a database name");
        assertRefused("postgresql://fc@h:5432/db;drop", "needs a database name");
        assertRefused("postgresql://fc@h:5432/db?a%22b=1", "not a simple name");
        LauncherException shared = assertThrows(LauncherException.class,
                () -> NodeDatabase.parse("postgresql://fc@h:5432/ledger").requireOneDatabasePerNode(4));
        assertTrue(shared.getMessage().contains("{node}"), shared.getMessage());
        NodeDatabase.parse("postgresql://fc@h:5432/ledger").requireOneDatabasePerNode(1); // one node, one database
        LauncherException noPassword = assertThrows(LauncherException.class,
                () -> NodeDatabase.parse("postgresql://fc@h/db_{node}").writeTo(dir, "node0", null));
        assertTrue(noPassword.getMessage().contains("--database-password-file"), noPassword.getMessage());
    }

    @Test
    void theCliRefusesABadDatabaseOptionAsUsage() {
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int rc = ConsortiumCli.run(new String[] { "up", "--database", "postgresql://nouser@/x" }, new PrintStream(new ByteArrayOutputStream()),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        assertEquals(2, rc);
        assertTrue(err.toString(StandardCharsets.UTF_8).contains("error:"), err.toString(StandardCharsets.UTF_8));
    }

    private static void assertRefused(String spec, String part) {
        LauncherException e = assertThrows(LauncherException.class, () -> NodeDatabase.parse(spec), spec);
        assertTrue(e.getMessage().contains(part), spec + ": " + e.getMessage());
    }
}
