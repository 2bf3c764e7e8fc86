package org.fundchain.launcher;

import java.nio.file.Path;
import java.time.Duration;

import org.fundchain.crypto.CryptoSuite;

/**
 * Everything that distinguishes one local consortium from another: where the Liberty installation and
 * the generated material live, server names and ports. The demo consortium and the cluster test use
 * different values so they never clash.
 */
public record LauncherSettings(Path basedir, Path wlpDir, Path war, Path consortiumDir, String serverPrefix,
        int nodeCount, int httpBase, int httpsBase, CryptoSuite suite, String consortiumName, Duration readyTimeout) {

    public static final int DEFAULT_HTTP_BASE = 9080;
    public static final int DEFAULT_HTTPS_BASE = 9443;

    public LauncherSettings {
        basedir = basedir.toAbsolutePath().normalize();
        wlpDir = wlpDir.toAbsolutePath().normalize();
        war = war.toAbsolutePath().normalize();
        consortiumDir = consortiumDir.toAbsolutePath().normalize();
        if (nodeCount < 1 || nodeCount > 16) {
            throw new IllegalArgumentException("node count must be between 1 and 16, got " + nodeCount);
        }
        if (!serverPrefix.matches("[a-z][a-z0-9-]*")) {
            throw new IllegalArgumentException("server prefix must be lowercase letters, digits or '-'");
        }
    }

    /** The demo consortium of the README: node0..node3 on 9080+/9443+, material in target/consortium. */
    public static LauncherSettings defaults(Path basedir) {
        Path target = basedir.resolve("target");
        return new LauncherSettings(basedir, target.resolve("liberty/wlp"), target.resolve("fundchain.war"),
                target.resolve("consortium"), "node", 4, DEFAULT_HTTP_BASE, DEFAULT_HTTPS_BASE, CryptoSuite.STANDARD,
                "FundChain Demo Consortium", Duration.ofSeconds(300));
    }

    public LauncherSettings withSuite(CryptoSuite s) {
        return new LauncherSettings(basedir, wlpDir, war, consortiumDir, serverPrefix, nodeCount, httpBase, httpsBase,
                s, consortiumName, readyTimeout);
    }

    /** Node ids inside genesis are always node0..nodeN-1; the Liberty server name carries the prefix. */
    public String nodeId(int i) {
        return "node" + i;
    }

    public String serverName(int i) {
        return serverPrefix + i;
    }

    public int httpPort(int i) {
        return httpBase + i;
    }

    public int httpsPort(int i) {
        return httpsBase + i;
    }

    /** Node i's peer endpoint: wss with mutual TLS, nothing else served there (httpsBase + 50 + i). */
    public int peerPort(int i) {
        return httpsBase + 50 + i;
    }

    public Path serverDir(int i) {
        return wlpDir.resolve("usr/servers").resolve(serverName(i));
    }

    public Path serverTemplate() {
        return basedir.resolve("liberty/server.xml");
    }

    public Path jvmOptionsTemplate() {
        return basedir.resolve("liberty/jvm.options");
    }
}
