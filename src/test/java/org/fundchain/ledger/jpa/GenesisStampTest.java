package org.fundchain.ledger.jpa;

import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class GenesisStampTest {
    private final GenesisStamp stamp = new GenesisStamp("aa11", "node1", 1L);

    @Test
    void theSameGenesisAndNodeMatch() {
        assertNull(stamp.mismatch("aa11", "node1"));
    }

    @Test
    void aDatabaseOfAnotherGenesisIsRefused() {
        String why = stamp.mismatch("bb22", "node1");
        assertTrue(why.contains("created for genesis aa11") && why.contains("bb22"), why);
    }

    @Test
    void aDatabaseOfAnotherNodeIsRefused() {
        assertTrue(stamp.mismatch("aa11", "node2").contains("belongs to node1"));
    }
}
