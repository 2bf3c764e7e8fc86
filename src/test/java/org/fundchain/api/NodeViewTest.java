package org.fundchain.api;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;

import org.fundchain.codec.Json;
import org.fundchain.crypto.CryptoSuite;
import org.fundchain.launcher.ConsortiumMaterial;
import org.fundchain.launcher.TestSettings;
import org.fundchain.node.NodeConfig;
import org.fundchain.node.NodeIdentity;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NodeViewTest {
    @TempDir
    Path dir;

    @Test
    @SuppressWarnings("unchecked")
    void describesTheNodeItsChainsAndItsPeersFromGenesis() {
        // chain figures and link states come from the running node; without them the view says so
        ConsortiumMaterial m = ConsortiumMaterial.ensure(TestSettings.in(dir, CryptoSuite.SM));
        NodeIdentity id = NodeIdentity.load(NodeConfig.read(m.nodeProperties(1)));
        SortedMap<String, Object> v = Json.parseObject(NodeView.json(id, Map.of(), List.of()));
        assertEquals("node1", v.get("nodeId"));
        assertEquals("gz-finance", v.get("organisation"));
        assertEquals("SM", v.get("cryptoSuite"));
        assertEquals("SM2", v.get("alg"));
        assertEquals(m.genesisHash(), v.get("genesisHash"));
        List<Object> chains = (List<Object>) v.get("chains");
        Map<String, Object> main = (Map<String, Object>) chains.get(0);
        assertEquals("main", main.get("id"));
        assertEquals(Boolean.FALSE, main.get("running"), "no chain runtime: nothing invented");
        assertEquals(List.of("node0", "node1", "node2", "node3"), main.get("members"));
        List<Object> peers = (List<Object>) v.get("peers");
        assertEquals(List.of("node0", "node2", "node3"), peers.stream().map(p -> ((Map<String, Object>) p).get("nodeId")).toList());
        peers.forEach(p -> assertEquals(Boolean.FALSE, ((Map<String, Object>) p).get("connected")));
    }
}
