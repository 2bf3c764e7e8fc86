package org.fundchain.genesis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class BlockParametersTest {
    @Test
    void thesisSettingsAreReproducible() {
        BlockParameters t = BlockParameters.thesis();
        assertEquals(2000, t.batchTimeoutMs());
        assertEquals(10, t.maxMessageCount());
        assertEquals(512 * 1024, t.preferredMaxBytes());
        assertEquals(98L * 1024 * 1024, t.absoluteMaxBytes());
        assertEquals(false, t.batchByLoad(), "the thesis cuts blocks by count, size or timeout only");
        assertEquals(true, BlockParameters.defaults().batchByLoad());
    }

    @Test
    void nonsenseIsRefused() {
        assertThrows(GenesisException.class, () -> new BlockParameters(0, 10, 1, 2, true, 1,
                BlockParameters.PrimaryPolicy.ROTATION, 1, 0));
        assertThrows(GenesisException.class, () -> new BlockParameters(1, 10, 3, 2, true, 1,
                BlockParameters.PrimaryPolicy.ROTATION, 1, 0));
    }
}
