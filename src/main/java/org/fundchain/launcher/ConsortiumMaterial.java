package org.fundchain.launcher;

import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;

import org.bouncycastle.cert.X509CertificateHolder;
import org.fundchain.client.ConsortiumTrust;
import org.fundchain.crypto.Certificates;
import org.fundchain.crypto.Pem;
import org.fundchain.crypto.SignatureAlgorithm;
import org.fundchain.crypto.SigningKey;
import org.fundchain.crypto.TlsCertificates;
import org.fundchain.genesis.AdmittedClient;
import org.fundchain.genesis.BlockParameters;
import org.fundchain.genesis.ChainSpec;
import org.fundchain.genesis.DemoUser;
import org.fundchain.genesis.Genesis;
import org.fundchain.genesis.GenesisFiles;
import org.fundchain.genesis.GenesisVerifier;
import org.fundchain.genesis.Member;
import org.fundchain.genesis.Organisation;
import org.fundchain.genesis.Role;
import org.fundchain.genesis.SignedGenesis;
import org.fundchain.node.NodeIdentity;

/**
 * Generates (once) and reloads a consortium's keys and genesis under {@code consortiumDir}:
 * <pre>
 *   ca/ca-key.pem (0600) ca/ca-cert.pem ca/tls-ca-key.pem (0600) ca/tls-ca-cert.pem
 *   genesis/genesis.json genesis/genesis.sig.json genesis/genesis.hash
 *   nodes/nodeN/node-key.pem (0600) nodes/nodeN/node-cert.pem nodes/nodeN/node.properties
 *   nodes/nodeN/node-tls-key.pem (0600) nodes/nodeN/node-tls-cert.pem (P-256, CN = node id, by the TLS CA)
 *   client/demo-client.pem (0600) client/demo-client.pub.pem
 *   users/USERNAME.pem (0600) users/demo-logins.properties (0600)
 *   admin/nodeN-admin-password (0600, the plain Admin Center password of node N, shown to the operator)
 *   admin/nodeN-admin-password.hash (0600, its Liberty {hash} encoding: all the server is given)
 *   consortium.properties
 * </pre>
 * Nothing here is ever committed: it all lives under target/.
 */
public final class ConsortiumMaterial {
    public static final String MAIN_CHAIN = "main";
    private static final int CA_DAYS = 3650;
    private static final int MEMBER_DAYS = 825;
    static final String TLS_KEY = "node-tls-key.pem";
    static final String TLS_CERT = "node-tls-cert.pem";

    private final LauncherSettings s;
    private final Genesis genesis;
    private final String genesisHash;

    private ConsortiumMaterial(LauncherSettings s, Genesis genesis, String genesisHash) {
        this.s = s;
        this.genesis = genesis;
        this.genesisHash = genesisHash;
    }

    /** Loads the material if it exists and matches the settings; generates it otherwise. */
    public static ConsortiumMaterial ensure(LauncherSettings s) {
        return ensure(s, BlockParameters.defaults());
    }

    /** As {@link #ensure(LauncherSettings)}; a new consortium's chain gets {@code params}. */
    public static ConsortiumMaterial ensure(LauncherSettings s, BlockParameters params) {
        Path dir = s.consortiumDir();
        ConsortiumMaterial m = Files.exists(dir.resolve("genesis").resolve(GenesisFiles.DOCUMENT)) ? load(s)
                : generate(s, new SecureRandom(), params);
        m.ensurePortalAccounts();
        m.ensureAdminPasswords(new SecureRandom());
        ConsortiumTrust.trust(m.genesis); // this process's clients (probes, demo data, benchmark) trust its nodes
        return m;
    }

    /** The file every node reads its demo portal accounts from (password hashes and sealed keys, no passwords). */
    public Path portalAccounts() {
        return s.consortiumDir().resolve("users/" + PortalAccountsFile.NAME);
    }

    /** Writes the demo users' portal accounts once (also for a consortium generated before they existed). */
    private void ensurePortalAccounts() {
        if (!Files.exists(portalAccounts())) {
            Files600.writeSecret(portalAccounts(), PortalAccountsFile.render(s.consortiumDir().resolve("users"),
                    genesis.users(), demoLogins(), new SecureRandom()));
        }
    }

    public Genesis genesis() {
        return genesis;
    }

    public String genesisHash() {
        return genesisHash;
    }

    public Path genesisFile() {
        return s.consortiumDir().resolve("genesis").resolve(GenesisFiles.DOCUMENT);
    }

    public Path nodeDir(int i) {
        return s.consortiumDir().resolve("nodes").resolve(s.nodeId(i));
    }

    public Path nodeProperties(int i) {
        return nodeDir(i).resolve("node.properties");
    }

    /** Node i's TLS key (PKCS#8 PEM, owner-only) and certificate. */
    public Path tlsKeyFile(int i) {
        return nodeDir(i).resolve(TLS_KEY);
    }

    public Path tlsCertFile(int i) {
        return nodeDir(i).resolve(TLS_CERT);
    }

    public Path demoClientKey() {
        return s.consortiumDir().resolve("client/demo-client.pem");
    }

    /** Node i's Admin Center password (user {@code admin}); every node has its own. */
    public String adminPassword(int node) {
        return Files600.read(adminPasswordFile(node)).trim();
    }

    /** Node i's Admin Center password in Liberty's salted {@code {hash}} encoding, for its server config. */
    public String adminPasswordHash(int node) {
        return Files600.read(adminPasswordFile(node).resolveSibling(s.nodeId(node) + "-admin-password.hash")).trim();
    }

    public Path adminPasswordFile(int node) {
        return s.consortiumDir().resolve("admin").resolve(s.nodeId(node) + "-admin-password");
    }

    /**
     * One random Admin Center password per node, kept in plain (for the operator) and hashed (for the server),
     * both owner-only; written once — also for a consortium generated with the former shared password, which
     * is deleted.
     */
    private void ensureAdminPasswords(SecureRandom random) {
        for (int i = 0; i < s.nodeCount(); i++) {
            Path plain = adminPasswordFile(i);
            Path hash = plain.resolveSibling(s.nodeId(i) + "-admin-password.hash");
            if (!Files.exists(plain)) {
                Files600.writeSecret(plain, Passwords.generate(random) + "\n");
                try {
                    Files.deleteIfExists(hash);
                } catch (IOException e) {
                    throw new UncheckedIOException("cannot delete " + hash, e);
                }
            }
            if (!Files.exists(hash)) {
                Files600.writeSecret(hash, LibertyPasswordHash.encode(adminPassword(i), random) + "\n");
            }
        }
        try {
            Files.deleteIfExists(s.consortiumDir().resolve("admin/admin-password"));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete the former shared admin password", e);
        }
    }

    /** username → password, in genesis order. */
    public Map<String, String> demoLogins() {
        Properties p = properties(s.consortiumDir().resolve("users/demo-logins.properties"));
        Map<String, String> out = new LinkedHashMap<>();
        for (DemoUser u : genesis.users()) {
            out.put(u.username(), p.getProperty(u.username()));
        }
        return out;
    }

    private static ConsortiumMaterial load(LauncherSettings s) {
        Properties recorded = properties(s.consortiumDir().resolve("consortium.properties"));
        Properties wanted = fingerprint(s);
        if (!recorded.equals(wanted)) {
            throw new LauncherException("the consortium in " + s.consortiumDir() + " was generated for " + recorded
                    + " but these settings need " + wanted + ": run 'reset' first");
        }
        Path doc = s.consortiumDir().resolve("genesis").resolve(GenesisFiles.DOCUMENT);
        String hash = Files600.read(doc.resolveSibling(GenesisFiles.HASH)).trim();
        return new ConsortiumMaterial(s, GenesisFiles.load(doc, hash), hash);
    }

    static ConsortiumMaterial generate(LauncherSettings s, SecureRandom random) {
        return generate(s, random, BlockParameters.defaults());
    }

    static ConsortiumMaterial generate(LauncherSettings s, SecureRandom random, BlockParameters params) {
        List<String> plannedIds = new ArrayList<>();
        for (int i = 0; i < s.nodeCount(); i++) {
            plannedIds.add(s.nodeId(i));
        }
        String refused = NodeIdentity.chainRefusal(List.of(new ChainSpec(MAIN_CHAIN, plannedIds, params)));
        if (refused != null) { // before any key is written: no node could start this consortium's chain
            throw new LauncherException("cannot create the consortium: " + refused);
        }
        Path dir = s.consortiumDir();
        SignatureAlgorithm alg = s.suite().signature();
        long now = System.currentTimeMillis();

        SigningKey caKey = SigningKey.generate(alg, random);
        X509CertificateHolder ca = Certificates.selfSignedCa(s.consortiumName() + " CA", caKey, now, CA_DAYS);
        Files600.writeSecret(dir.resolve("ca/ca-key.pem"), Pem.privateKey(caKey));
        Files600.writePublic(dir.resolve("ca/ca-cert.pem"), Pem.certificate(ca));
        KeyPair tlsCaKey = TlsCertificates.generateKey(random);
        X509Certificate tlsCa = TlsCertificates.selfSignedCa(s.consortiumName() + " TLS CA", tlsCaKey, now, CA_DAYS);
        Files600.writeSecret(dir.resolve("ca/tls-ca-key.pem"), TlsCertificates.pemPrivateKey(tlsCaKey.getPrivate()));
        Files600.writePublic(dir.resolve("ca/tls-ca-cert.pem"), TlsCertificates.pem(tlsCa));

        List<Organisation> orgs = DemoConsortium.organisations(s.nodeCount());
        List<Member> members = new ArrayList<>();
        List<String> nodeIds = new ArrayList<>();
        for (int i = 0; i < s.nodeCount(); i++) {
            String nodeId = s.nodeId(i);
            String org = DemoConsortium.memberOrganisation(i);
            String orgName = orgs.stream().filter(o -> o.id().equals(org)).findFirst().orElseThrow().name();
            SigningKey key = SigningKey.generate(alg, random);
            X509CertificateHolder cert = Certificates.issue(ca, caKey, nodeId, orgName, key.publicKey(), now, MEMBER_DAYS);
            Path nodeDir = dir.resolve("nodes").resolve(nodeId);
            Files600.writeSecret(nodeDir.resolve("node-key.pem"), Pem.privateKey(key));
            Files600.writePublic(nodeDir.resolve("node-cert.pem"), Pem.certificate(cert));
            KeyPair tlsKey = TlsCertificates.generateKey(random);
            X509Certificate tlsCert = TlsCertificates.issueNode(tlsCa, tlsCaKey.getPrivate(), nodeId, orgName,
                    List.of("localhost", "127.0.0.1"), tlsKey.getPublic(), now, MEMBER_DAYS);
            Files600.writeSecret(nodeDir.resolve(TLS_KEY), TlsCertificates.pemPrivateKey(tlsKey.getPrivate()));
            Files600.writePublic(nodeDir.resolve(TLS_CERT), TlsCertificates.pem(tlsCert));
            members.add(new Member(nodeId, org, key.publicKey(), Pem.certificate(cert),
                    "wss://localhost:" + s.peerPort(i) + "/peer", "https://localhost:" + s.httpsPort(i) + "/api"));
            nodeIds.add(nodeId);
        }

        List<DemoUser> users = new ArrayList<>();
        Properties logins = new Properties();
        for (DemoConsortium.UserSpec u : DemoConsortium.users()) {
            SigningKey key = SigningKey.generate(alg, random);
            Files600.writeSecret(dir.resolve("users").resolve(u.username() + ".pem"), Pem.privateKey(key));
            Role role = orgs.stream().filter(o -> o.id().equals(u.organisation())).findFirst().orElseThrow().role();
            users.add(new DemoUser(u.username(), u.displayName(), role, u.organisation(), key.publicKey()));
            logins.setProperty(u.username(), Passwords.generate(random));
        }
        Files600.writeSecret(dir.resolve("users/demo-logins.properties"), store(logins, "demo portal logins"));

        SigningKey client = SigningKey.generate(alg, random);
        Files600.writeSecret(dir.resolve("client/demo-client.pem"), Pem.privateKey(client));
        Files600.writePublic(dir.resolve("client/demo-client.pub.pem"), Pem.publicKey(client.publicKey()));
        // the load generator's key: the pressure contract and nothing else (not the bank's business role)
        List<AdmittedClient> clients = List.of(new AdmittedClient("demo-client", "demo-bank", Role.LOAD, client.publicKey()));

        List<ChainSpec> chains = List.of(new ChainSpec(MAIN_CHAIN, nodeIds, params));
        Genesis g = new Genesis(Genesis.FORMAT, s.consortiumName(), s.suite(), now, Pem.certificate(ca),
                TlsCertificates.pem(tlsCa), orgs, members,
                chains, users, clients);
        SignedGenesis signed = SignedGenesis.sign(g, caKey);
        String hash = SignedGenesis.hash(s.suite(), signed.document());
        // Verify what we just wrote exactly as a node will, so a generation bug never reaches a server.
        Genesis verified = GenesisVerifier.verify(signed, hash);
        GenesisFiles.write(dir.resolve("genesis"), g, signed);

        ConsortiumMaterial m = new ConsortiumMaterial(s, verified, hash);
        m.ensureAdminPasswords(random);
        for (int i = 0; i < s.nodeCount(); i++) {
            m.writeNodeProperties(i);
        }
        Files600.writePublic(dir.resolve("consortium.properties"), store(fingerprint(s), "settings this consortium was generated for"));
        return m;
    }

    private void writeNodeProperties(int i) {
        Properties p = new Properties();
        p.setProperty("node.id", s.nodeId(i));
        p.setProperty("genesis.file", genesisFile().toString());
        p.setProperty("genesis.hash", genesisHash);
        p.setProperty("key.file", nodeDir(i).resolve("node-key.pem").toString());
        p.setProperty("portal.accounts", portalAccounts().toString());
        Files600.writePublic(nodeProperties(i), store(p, "FundChain node " + s.nodeId(i) + " (written by the launcher)"));
    }

    private static Properties fingerprint(LauncherSettings s) {
        Properties p = new Properties();
        p.setProperty("nodes", Integer.toString(s.nodeCount()));
        p.setProperty("httpBase", Integer.toString(s.httpBase()));
        p.setProperty("suite", s.suite().name());
        p.setProperty("genesisFormat", Genesis.FORMAT);
        p.setProperty("httpsBase", Integer.toString(s.httpsBase()));
        p.setProperty("consortium", s.consortiumName());
        return p;
    }

    private static String store(Properties p, String comment) {
        try {
            java.io.StringWriter w = new java.io.StringWriter();
            p.store(w, comment);
            return w.toString();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Properties properties(Path file) {
        Properties p = new Properties();
        try {
            p.load(new StringReader(Files600.read(file)));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
        return p;
    }
}
