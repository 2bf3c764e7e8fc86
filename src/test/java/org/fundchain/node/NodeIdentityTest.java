package org.fundchain.node;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

import org.fundchain.crypto.CryptoSuite;
import org.fundchain.launcher.ConsortiumMaterial;
import org.fundchain.launcher.LauncherSettings;
import org.fundchain.launcher.TestSettings;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NodeIdentityTest {
    @TempDir
    Path dir;
    ConsortiumMaterial m;

    @BeforeEach
    void generate() {
        LauncherSettings s = TestSettings.in(dir, CryptoSuite.STANDARD);
        m = ConsortiumMaterial.ensure(s);
    }

    private NodeConfig config(int i) {
        return NodeConfig.read(m.nodeProperties(i));
    }

    private void assertRefused(String fragment, NodeConfig c) {
        NodeStartupException e = assertThrows(NodeStartupException.class, () -> NodeIdentity.load(c));
        assertTrue(e.getMessage().contains(fragment), e.getMessage());
    }

    @Test
    void loadsTheNodesOwnIdentity() {
        NodeIdentity id = NodeIdentity.load(config(2));
        assertEquals("node2", id.nodeId());
        assertEquals("demo-bank", id.organisation());
        assertEquals(m.genesisHash(), id.genesisHash());
        assertEquals(3, id.peers().size());
        assertTrue(id.peers().stream().noneMatch(p -> p.nodeId().equals("node2")));
        byte[] msg = "hello".getBytes();
        assertTrue(id.self().publicKey().verify(msg, id.signingKey().sign(msg)));
    }

    @Test
    void refusesAGenesisThatDoesNotMatchThePinnedHash() {
        NodeConfig c = config(0);
        String other = "00" + c.genesisHash().substring(2);
        assertRefused("genesis hash mismatch", new NodeConfig(c.nodeId(), c.genesisFile(), other, c.keyFile()));
    }

    @Test
    void refusesATamperedGenesisFile() throws IOException {
        NodeConfig c = config(0);
        String text = Files.readString(c.genesisFile());
        Files.writeString(c.genesisFile(), text.replace("\"node\":\"node3\"", "\"node\":\"node2\""));
        assertRefused("refused", c);
    }

    @Test
    void refusesATamperedSignatureFile() throws IOException {
        NodeConfig c = config(0);
        Path sig = c.genesisFile().resolveSibling("genesis.sig.json");
        String text = Files.readString(sig);
        int i = text.indexOf("\"signature\":\"") + 14;
        char flipped = text.charAt(i) == 'A' ? 'B' : 'A';
        Files.writeString(sig, text.substring(0, i) + flipped + text.substring(i + 1));
        assertRefused("signature does not verify", c);
    }

    @Test
    void refusesAnotherNodesKey() {
        NodeConfig c = config(0);
        assertRefused("does not belong to node0", new NodeConfig("node0", c.genesisFile(), c.genesisHash(), config(1).keyFile()));
    }

    @Test
    void refusesAnUnknownNodeId() {
        NodeConfig c = config(0);
        assertRefused("not a member", new NodeConfig("node7", c.genesisFile(), c.genesisHash(), c.keyFile()));
    }

    @Test
    void refusesAPrivateKeyOthersCanRead() throws IOException {
        NodeConfig c = config(0);
        Files.setPosixFilePermissions(c.keyFile(), PosixFilePermissions.fromString("rw-r--r--"));
        assertRefused("chmod 600", c);
    }

    @Test
    void aMissingConfigurationFileIsExplained() {
        NodeStartupException e = assertThrows(NodeStartupException.class, () -> NodeConfig.read(dir.resolve("nope.properties")));
        assertTrue(e.getMessage().contains("cannot read node configuration"), e.getMessage());
    }
}
