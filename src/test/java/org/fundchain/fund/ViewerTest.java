package org.fundchain.fund;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;

class ViewerTest {

    /** A node key or the load client is admitted, but its signed reads see nothing, not even its organisation's. */
    @Test
    void technicalRolesSeeNoBusiness() {
        Viewer clerk = new Viewer("ed25519:aa", "demo-bank", "COMMERCIAL_BANK", null, Set.of("COMMERCIAL_BANK"));
        Viewer node = new Viewer("ed25519:bb", "demo-bank", "COMMERCIAL_BANK", null, Set.of("NODE"));
        Viewer load = new Viewer("ed25519:cc", "demo-bank", "COMMERCIAL_BANK", null, Set.of("LOAD"));
        Viewer nodeOfHq = new Viewer("ed25519:dd", "weining-hq", "COUNTY_HQ", "威宁县", Set.of("NODE"));
        List<String> parties = List.of("demo-bank", "weining-hq");
        assertTrue(clerk.maySee("威宁县", parties));
        assertFalse(node.maySee("威宁县", parties));
        assertFalse(load.maySee("威宁县", parties));
        assertFalse(nodeOfHq.maySee("威宁县", parties));
        assertFalse(node.seesAll());
    }
}
