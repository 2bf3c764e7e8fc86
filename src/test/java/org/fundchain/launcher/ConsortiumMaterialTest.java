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

import java.util.SortedMap;

import org.fundchain.contract.Admission;
import org.fundchain.contract.ContractRegistry;
import org.fundchain.contract.ContractRuntime;
import org.fundchain.contract.InMemoryWorldState;
import org.fundchain.contract.Receipt;
import org.fundchain.contract.TransactionCall;
import org.fundchain.contract.api.Args;
import org.fundchain.contract.api.Signer;
import org.fundchain.contracts.FundChainContracts;
import org.fundchain.crypto.CryptoSuite;
import org.fundchain.crypto.HashAlgorithm;
import org.fundchain.crypto.PublicKey;
import org.fundchain.genesis.Member;
import org.fundchain.node.GenesisContracts;
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
    void generatesAVerifiableGenesisWithEveryRoleAndOwnerOnlyKeys(CryptoSuite suite) throws Exception {
        LauncherSettings s = TestSettings.in(dir, suite);
        ConsortiumMaterial m = ConsortiumMaterial.ensure(s);
        Genesis g = GenesisFiles.load(m.genesisFile(), m.genesisHash());
        assertEquals(suite, g.suite());
        assertEquals(List.of("node0", "node1", "node2", "node3"), g.members().stream().map(x -> x.nodeId()).toList());
        assertEquals("main", g.chains().get(0).id());
        assertEquals(java.util.Arrays.stream(Role.values()).filter(r -> !Set.of("NODE", "LOAD").contains(r.name()))
                .collect(Collectors.toSet()), g.users().stream().map(DemoUser::role).collect(Collectors.toSet()));
        assertEquals(1, g.clients().size());
        assertEquals("wss://localhost:19494/peer", g.members().get(1).peerUrl());

        String genesisText = Files.readString(m.genesisFile());
        assertFalse(genesisText.contains("PRIVATE"), "no private key may be in genesis");
        List<Path> secrets;
        try (Stream<Path> w = Files.walk(s.consortiumDir())) {
            secrets = w.filter(p -> p.toString().endsWith(".pem") && !p.toString().endsWith("cert.pem")
                    && !p.toString().endsWith(".pub.pem")).toList();
        }
        assertEquals(2 + 2 * 4 + 9 + 1, secrets.size(), "CA and TLS CA, node and node TLS, user and client private keys: " + secrets);
        for (Path p : secrets) {
            assertTrue(Files.readString(p).contains("PRIVATE KEY"), p.toString());
            assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(p)), p.toString());
        }
        for (int i = 0; i < s.nodeCount(); i++) {
            assertEquals("rw-------", PosixFilePermissions.toString(
                    Files.getPosixFilePermissions(s.consortiumDir().resolve("admin/node" + i + "-admin-password"))));
            assertEquals(16, m.adminPassword(i).length());
        }
        assertEquals(9, m.demoLogins().size());
        assertTrue(Files.isRegularFile(m.demoClientKey()));
        // every node's TLS certificate names the node and is issued by the genesis' TLS CA, for its own key
        java.security.cert.X509Certificate tlsCa = org.fundchain.crypto.TlsCertificates.readCertificate(g.tlsCaCertificatePem());
        for (int i = 0; i < s.nodeCount(); i++) {
            java.security.cert.X509Certificate c = org.fundchain.crypto.TlsCertificates.readCertificate(Files.readString(m.tlsCertFile(i)));
            assertEquals("node" + i, org.fundchain.crypto.TlsCertificates.nodeIdOf(c));
            c.verify(tlsCa.getPublicKey());
            java.security.PrivateKey k = org.fundchain.crypto.TlsCertificates.readPrivateKey(Files.readString(m.tlsKeyFile(i)));
            java.security.Signature sig = java.security.Signature.getInstance("SHA256withECDSA");
            sig.initSign(k);
            sig.update(new byte[] {1});
            byte[] signed = sig.sign();
            sig.initVerify(c.getPublicKey());
            sig.update(new byte[] {1});
            assertTrue(sig.verify(signed), "node" + i + "'s TLS key belongs to its certificate");
        }
    }

    @Test
    void asecondEnsureReusesTheMaterial() {
        LauncherSettings s = TestSettings.in(dir, CryptoSuite.STANDARD);
        ConsortiumMaterial a = ConsortiumMaterial.ensure(s);
        ConsortiumMaterial b = ConsortiumMaterial.ensure(s);
        assertEquals(a.genesisHash(), b.genesisHash());
        assertEquals(a.adminPassword(0), b.adminPassword(0));
    }

    /** Least privilege in the generated genesis: node keys sweep and nothing else; the demo client only loads. */
    @Test
    void nodeKeysAndTheDemoClientHoldOnlyTheirTechnicalRoles() {
        LauncherSettings s = TestSettings.in(dir, CryptoSuite.STANDARD);
        Genesis g = ConsortiumMaterial.ensure(s).genesis();
        ContractRuntime rt = new ContractRuntime("main", ContractRegistry.of(FundChainContracts.all()),
                new InMemoryWorldState(), HashAlgorithm.SHA256);
        rt.genesis(GenesisContracts.document(g), g.createdAt());
        for (Member mb : g.members()) {
            assertEquals(List.of("NODE"), roles(rt, mb.publicKey()), mb.nodeId());
        }
        assertEquals(List.of("LOAD"), roles(rt, g.clients().get(0).publicKey()));
        for (DemoUser u : g.users()) {
            assertEquals(List.of(u.role().name()), roles(rt, u.publicKey()), u.username());
        }
        long t = g.createdAt();
        Signer node0 = signer(g.members().get(0).publicKey());   // gz-lgo: once able to approve projects
        Signer node2 = signer(g.members().get(2).publicKey());   // demo-bank: once able to push bank flows
        Signer client = signer(g.clients().get(0).publicKey());
        assertEquals("FORBIDDEN", run(rt, node0, "project", "approve", Args.of("projectId", "P000001"), ++t).errorCode());
        SortedMap<String, Object> flow = Args.of("serialNumber", "S1", "amount", "1.00", "payerAccount", "ACC-GZ-FUND-LP",
                "payeeAccount", "ACC-WEINING-FUND", "remitTime", t, "memo", "m");
        assertEquals("FORBIDDEN", run(rt, node2, "reconciliation", "pushFlow", flow, ++t).errorCode());
        assertEquals("FORBIDDEN", run(rt, node0, "pressure", "add", Args.of(), ++t).errorCode());
        assertTrue(run(rt, node0, "reconciliation", "sweep", Args.of(), ++t).committed());
        assertTrue(run(rt, client, "pressure", "add", Args.of(), ++t).committed());
        assertEquals("FORBIDDEN", run(rt, client, "reconciliation", "pushFlow", flow, ++t).errorCode());
        assertEquals("FORBIDDEN", run(rt, client, "project", "approve", Args.of("projectId", "P000001"), ++t).errorCode());
    }

    private static Signer signer(PublicKey key) {
        return new Signer(GenesisContracts.signerId(key));
    }

    private static List<String> roles(ContractRuntime rt, PublicKey key) {
        return Admission.lookup(rt.world(), GenesisContracts.signerId(key)).orElseThrow().roles();
    }

    private static Receipt run(ContractRuntime rt, Signer who, String contract, String method,
                               SortedMap<String, Object> args, long time) {
        return rt.execute(new TransactionCall("tx-" + time, who, contract, method, args), time - 1_000_000, time);
    }

    /** Each node's Admin Center has its own password; the server gets only Liberty's salted {hash} of it. */
    @Test
    void everyNodeHasItsOwnAdminPasswordStoredHashed() throws IOException {
        LauncherSettings s = TestSettings.in(dir, CryptoSuite.STANDARD);
        Files.createDirectories(dir.resolve("liberty"));
        Files.writeString(dir.resolve("liberty/server.xml"), "<server/>\n");
        Files.writeString(dir.resolve("liberty/jvm.options"), "-Xmx256m\n");
        ConsortiumMaterial m = ConsortiumMaterial.ensure(s);
        assertFalse(Files.exists(s.consortiumDir().resolve("admin/admin-password")), "no shared password");
        Set<String> passwords = new java.util.HashSet<>();
        NodeServers servers = new NodeServers(s, m);
        for (int i = 0; i < s.nodeCount(); i++) {
            String plain = m.adminPassword(i);
            passwords.add(plain);
            servers.write(i);
            Path xml = s.serverDir(i).resolve("configDropins/overrides/admin-user.xml");
            String text = Files.readString(xml);
            assertFalse(text.contains(plain), "plain password in " + xml);
            assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(xml)));
            java.util.regex.Matcher hash = java.util.regex.Pattern.compile("password=\"(\\{hash\\}[A-Za-z0-9+/=]+)\"")
                    .matcher(text);
            assertTrue(hash.find(), text);
            assertTrue(LibertyPasswordHash.matches(plain, hash.group(1)), "the hash is of node" + i + "'s password");
            assertFalse(LibertyPasswordHash.matches(plain + "x", hash.group(1)));
            servers.write(i);
            assertEquals(text, Files.readString(xml), "the hash is made once, not on every up");
        }
        assertEquals(s.nodeCount(), passwords.size(), "one password per node");
    }

    /** A consortium generated with the old shared password gets per-node ones on the next ensure. */
    @Test
    void aSharedAdminPasswordFromBeforeIsReplacedPerNode() throws IOException {
        LauncherSettings s = TestSettings.in(dir, CryptoSuite.STANDARD);
        ConsortiumMaterial.ensure(s);
        Path admin = s.consortiumDir().resolve("admin");
        try (Stream<Path> files = Files.list(admin)) {
            for (Path p : files.toList()) {
                Files.delete(p);
            }
        }
        Files600.writeSecret(admin.resolve("admin-password"), "SharedOldPassword\n");
        ConsortiumMaterial m = ConsortiumMaterial.ensure(s);
        assertFalse(Files.exists(admin.resolve("admin-password")));
        assertEquals(16, m.adminPassword(3).length());
    }

    /** Three members cannot run CBFT: the launcher says so before it writes a key, not the nodes at start. */
    @Test
    void aConsortiumNoNodeCouldRunIsRefusedBeforeAnythingIsWritten() {
        LauncherSettings four = TestSettings.in(dir, CryptoSuite.STANDARD);
        LauncherSettings three = new LauncherSettings(four.basedir(), four.wlpDir(), four.war(), four.consortiumDir(),
                four.serverPrefix(), 3, four.httpBase(), four.httpsBase(), four.suite(), four.consortiumName(), four.readyTimeout());
        LauncherException e = assertThrows(LauncherException.class, () -> ConsortiumMaterial.ensure(three));
        assertTrue(e.getMessage().contains("at least 4 members"), e.getMessage());
        assertFalse(Files.exists(four.consortiumDir().resolve("ca")), "nothing written");
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

    /** A value Liberty 26.0.0.3's own {@code securityUtility encode --encoding=hash test123} printed. */
    @Test
    void theHashFormatIsLibertysOwn() {
        String fromSecurityUtility = "{hash}ARAAAAAUUEJLREYyV2l0aEhtYWNTSEE1MTIwAAAAIDBlyf+t2RcscCqCAxVPoY9RSq0qhJzoAe41fOV3zwNzQAAAACDL"
                + "/4elZIXsmXDRNv0GMgq9YQ8FB71q8GYo5sw7xef0nQ==";
        org.junit.jupiter.api.Assertions.assertTrue(LibertyPasswordHash.matches("test123", fromSecurityUtility));
        org.junit.jupiter.api.Assertions.assertFalse(LibertyPasswordHash.matches("test124", fromSecurityUtility));
        String ours = LibertyPasswordHash.encode("test123", new java.security.SecureRandom());
        // same layout: version, algorithm, salt, digest — and the same length as securityUtility's
        org.junit.jupiter.api.Assertions.assertEquals(fromSecurityUtility.length(), ours.length());
        org.junit.jupiter.api.Assertions.assertEquals(fromSecurityUtility.substring(0, 40), ours.substring(0, 40));
    }
}
