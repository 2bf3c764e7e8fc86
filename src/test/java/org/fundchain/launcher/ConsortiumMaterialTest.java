package org.fundchain.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.fundchain.crypto.CryptoSuite;
import org.fundchain.genesis.DemoUser;
import org.fundchain.genesis.Genesis;
import org.fundchain.genesis.GenesisFiles;
import org.fundchain.genesis.Role;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class ConsortiumMaterialTest {
    @TempDir
    Path dir;

    @ParameterizedTest
    @EnumSource(CryptoSuite.class)
    void generatesAVerifiableGenesisWithEveryRoleAndOwnerOnlyKeys(CryptoSuite suite) throws IOException {
        LauncherSettings s = TestSettings.in(dir, suite);
        ConsortiumMaterial m = ConsortiumMaterial.ensure(s);
        Genesis g = GenesisFiles.load(m.genesisFile(), m.genesisHash());
        assertEquals(suite, g.suite());
        assertEquals(List.of("node0", "node1", "node2", "node3"), g.members().stream().map(x -> x.nodeId()).toList());
        assertEquals("main", g.chains().get(0).id());
        assertEquals(Set.of(Role.values()), g.users().stream().map(DemoUser::role).collect(Collectors.toSet()));
        assertEquals(1, g.clients().size());
        assertEquals("ws://localhost:19081/peer", g.members().get(1).peerUrl());

        String genesisText = Files.readString(m.genesisFile());
        assertFalse(genesisText.contains("PRIVATE"), "no private key may be in genesis");
        List<Path> secrets;
        try (Stream<Path> w = Files.walk(s.consortiumDir())) {
            secrets = w.filter(p -> p.toString().endsWith(".pem") && !p.toString().endsWith("cert.pem")
                    && !p.toString().endsWith(".pub.pem")).toList();
        }
        assertEquals(1 + 4 + 9 + 1, secrets.size(), "CA, node, user and client private keys: " + secrets);
        for (Path p : secrets) {
            assertTrue(Files.readString(p).contains("PRIVATE KEY"), p.toString());
            assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(p)), p.toString());
        }
        assertEquals("rw-------", PosixFilePermissions.toString(
                Files.getPosixFilePermissions(s.consortiumDir().resolve("admin/admin-password"))));
        assertEquals(16, m.adminPassword().length());
        assertEquals(9, m.demoLogins().size());
        assertTrue(Files.isRegularFile(m.demoClientKey()));
    }

    @Test
    void asecondEnsureReusesTheMaterial() {
        LauncherSettings s = TestSettings.in(dir, CryptoSuite.STANDARD);
        ConsortiumMaterial a = ConsortiumMaterial.ensure(s);
        ConsortiumMaterial b = ConsortiumMaterial.ensure(s);
        assertEquals(a.genesisHash(), b.genesisHash());
        assertEquals(a.adminPassword(), b.adminPassword());
    }

    @Test
    void materialForOtherSettingsIsRefusedWithAHint() {
        ConsortiumMaterial.ensure(TestSettings.in(dir, CryptoSuite.STANDARD));
        LauncherException e = assertThrows(LauncherException.class,
                () -> ConsortiumMaterial.ensure(TestSettings.in(dir, CryptoSuite.SM)));
        assertTrue(e.getMessage().contains("reset"), e.getMessage());
    }

    @Test
    void aTamperedGenesisOnDiskIsRefusedOnReload() throws IOException {
        LauncherSettings s = TestSettings.in(dir, CryptoSuite.STANDARD);
        ConsortiumMaterial m = ConsortiumMaterial.ensure(s);
        String text = Files.readString(m.genesisFile());
        Files.writeString(m.genesisFile(), text.replace("Unit Test Consortium", "Unit Test Consortiun"));
        org.fundchain.genesis.GenesisException e = assertThrows(org.fundchain.genesis.GenesisException.class,
                () -> ConsortiumMaterial.ensure(s));
        assertTrue(e.getMessage().contains("hash mismatch"), e.getMessage());
    }
}
