package org.fundchain.launcher;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;

import org.fundchain.crypto.TlsCertificates;

/**
 * Writes one Liberty server directory per node from the shared template in liberty/: server.xml and
 * jvm.options are refreshed on every {@code up} (so template changes reach existing nodes); the keystore
 * password in server.env is created once, because Liberty's generated keystore is locked with it.
 */
final class NodeServers {
    private final LauncherSettings s;
    private final ConsortiumMaterial material;

    NodeServers(LauncherSettings s, ConsortiumMaterial material) {
        this.s = s;
        this.material = material;
    }

    private static String keystorePassword(Path env) throws IOException {
        for (String line : Files.readAllLines(env)) {
            if (line.startsWith("keystore_password=")) {
                return line.substring("keystore_password=".length()).trim();
            }
        }
        throw new LauncherException(env + " has no keystore_password");
    }

    /**
     * The node's TLS: its key and certificate (and the TLS CA) as a PKCS#12 keystore, the TLS CA alone as the
     * truststore, both locked with the server's keystore password; and the server configuration that uses them —
     * HTTPS for the portal and API (the CA's certificate, no client certificates asked of browsers), and a separate
     * peer endpoint (https only) that demands a client certificate from the consortium's TLS CA. Outbound TLS (the
     * WebSocket client dialling peers) presents the same certificate.
     */
    private void writeTls(int i, Path dir, Path overrides, String password) throws IOException {
        Path security = dir.resolve("resources/security");
        Files.createDirectories(security);
        X509Certificate ca = TlsCertificates.readCertificate(material.genesis().tlsCaCertificatePem());
        X509Certificate cert = TlsCertificates.readCertificate(Files.readString(material.tlsCertFile(i)));
        PrivateKey key = TlsCertificates.readPrivateKey(Files600.read(material.tlsKeyFile(i)));
        try {
            KeyStore ks = KeyStore.getInstance("PKCS12");
            ks.load(null, null);
            ks.setKeyEntry("node-tls", key, password.toCharArray(), new Certificate[] {cert, ca});
            KeyStore ts = KeyStore.getInstance("PKCS12");
            ts.load(null, null);
            ts.setCertificateEntry("consortium-tls-ca", ca);
            Files600.writeSecret(security.resolve("node-tls.p12"), "");
            try (var out = Files.newOutputStream(security.resolve("node-tls.p12"))) {
                ks.store(out, password.toCharArray());
            }
            try (var out = Files.newOutputStream(security.resolve("trust.p12"))) {
                ts.store(out, password.toCharArray());
            }
        } catch (GeneralSecurityException e) {
            throw new LauncherException("cannot write the TLS keystores of " + s.nodeId(i) + ": " + e.getMessage(), e);
        }
        Files.writeString(overrides.resolve("tls.xml"), String.join("\n",
                "<server>",
                "    <!-- TLS, written by the launcher from the consortium's TLS CA (see README, Security) -->",
                "    <keyStore id=\"defaultKeyStore\" location=\"${server.config.dir}/resources/security/node-tls.p12\"",
                "              type=\"PKCS12\" password=\"${keystore_password}\"/>",
                "    <keyStore id=\"consortiumTrustStore\" location=\"${server.config.dir}/resources/security/trust.p12\"",
                "              type=\"PKCS12\" password=\"${keystore_password}\"/>",
                "    <ssl id=\"defaultSSLConfig\" keyStoreRef=\"defaultKeyStore\" trustStoreRef=\"consortiumTrustStore\"",
                "         sslProtocol=\"TLSv1.3\"/>",
                "    <ssl id=\"peerSSLConfig\" keyStoreRef=\"defaultKeyStore\" trustStoreRef=\"consortiumTrustStore\"",
                "         sslProtocol=\"TLSv1.3\" clientAuthentication=\"true\"/>",
                "    <sslDefault sslRef=\"defaultSSLConfig\" outboundSSLRef=\"peerSSLConfig\"/>",
                "    <httpEndpoint id=\"peerEndpoint\" host=\"${fundchain.http.host}\" httpPort=\"-1\" httpsPort=\"${peer.port}\">",
                "        <sslOptions sslRef=\"peerSSLConfig\"/>",
                "    </httpEndpoint>",
                "    <!-- the portal session cookie never travels over plain HTTP, which only redirects (TransportSecurityFilter) -->",
                "    <httpSession cookieSecure=\"true\"/>",
                "    <!-- no client may claim TLS facts in private headers ($WSIS: true made plain HTTP look secure) -->",
                "    <httpDispatcher trustedHeaderOrigin=\"none\"/>",
                "    <jndiEntry jndiName=\"fundchain/httpsPort\" value=\"${https.port}\"/>",
                "</server>", ""));
    }

    void write(int i) {
        Path dir = s.serverDir(i);
        try {
            Files.createDirectories(dir);
            Files.copy(s.serverTemplate(), dir.resolve("server.xml"), StandardCopyOption.REPLACE_EXISTING);
            String jvm = Files.readString(s.jvmOptionsTemplate())
                    + "-Dderby.stream.error.file=" + dir.resolve("logs/derby.log") + "\n";
            Files.writeString(dir.resolve("jvm.options"), jvm);
            Files.writeString(dir.resolve("bootstrap.properties"), String.join("\n",
                    "# FundChain " + s.nodeId(i) + " - written by the launcher; edit liberty/server.xml instead",
                    "http.port=" + s.httpPort(i),
                    "https.port=" + s.httpsPort(i),
                    "peer.port=" + s.peerPort(i),
                    "fundchain.node.config=" + material.nodeProperties(i),
                    ""));
            Path env = dir.resolve("server.env");
            if (!Files.exists(env) || !Files.readString(env).contains("keystore_password=")) {
                Files600.writeSecret(env, "keystore_password=" + Passwords.generate(new SecureRandom()) + "\n");
            }
            Path overrides = dir.resolve("configDropins/overrides");
            Files.createDirectories(overrides);
            writeTls(i, dir, overrides, keystorePassword(env));
            Files600.writeSecret(overrides.resolve("admin-user.xml"), String.join("\n",
                    "<server>",
                    "    <!-- Admin Center administrator, generated by the launcher: this node's own password,",
                    "         salted and hashed (the plain one is in " + material.adminPasswordFile(i) + ") -->",
                    "    <basicRegistry id=\"basic\" realm=\"FundChain\">",
                    "        <user name=\"admin\" password=\"" + material.adminPasswordHash(i) + "\"/>",
                    "    </basicRegistry>",
                    "    <administrator-role><user>admin</user></administrator-role>",
                    "</server>", ""));
            Files.writeString(overrides.resolve("fundchain-app.xml"), String.join("\n",
                    "<server>",
                    "    <webApplication id=\"fundchain\" name=\"fundchain\" location=\"" + s.war() + "\" contextRoot=\"/\"/>",
                    "</server>", ""));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write server directory " + dir, e);
        }
    }
}
