package org.fundchain.node;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;

/**
 * This node's start-up settings, from the {@code node.properties} the launcher writes: node id, genesis
 * file, the genesis hash the node is pinned to, and its private key file.
 */
public record NodeConfig(String nodeId, Path genesisFile, String genesisHash, Path keyFile) {

    public static NodeConfig read(Path file) {
        Properties p = new Properties();
        try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            p.load(r);
        } catch (IOException e) {
            throw new NodeStartupException("cannot read node configuration " + file + ": " + e.getMessage(), e);
        }
        return new NodeConfig(required(p, "node.id", file), Path.of(required(p, "genesis.file", file)),
                required(p, "genesis.hash", file), Path.of(required(p, "key.file", file)));
    }

    private static String required(Properties p, String key, Path file) {
        String v = p.getProperty(key);
        if (v == null || v.isBlank()) {
            throw new NodeStartupException("node configuration " + file + " has no '" + key + "'");
        }
        return v.trim();
    }
}
