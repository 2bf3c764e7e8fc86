package org.fundchain.genesis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import org.fundchain.crypto.CryptoSuite;
import org.junit.jupiter.api.Test;

/** An organisation's county is part of the signed genesis; a genesis without counties keeps its bytes. */
class GenesisCountyTest {
    final TestConsortium tc = new TestConsortium(CryptoSuite.STANDARD);

    Genesis withCounty(int org, String county) {
        Genesis g = tc.genesis();
        List<Organisation> orgs = new ArrayList<>(g.organisations());
        Organisation o = orgs.get(org);
        orgs.set(org, new Organisation(o.id(), o.name(), o.role(), o.node(), county));
        return new Genesis(g.format(), g.consortium(), g.suite(), g.createdAt(), g.caCertificatePem(), g.tlsCaCertificatePem(), orgs, g.members(),
                g.chains(), g.users(), g.clients());
    }

    @Test
    void countySurvivesEncodingAndAbsentCountyIsNotWritten() {
        Genesis g = withCounty(2, "威宁县");
        Genesis back = GenesisCodec.decode(GenesisCodec.encode(g));
        assertEquals("威宁县", back.organisations().get(2).county());
        assertNull(back.organisations().get(0).county());
        assertEquals(g, back);
        assertFalse(new String(GenesisCodec.encode(tc.genesis()), StandardCharsets.UTF_8).contains("county"),
                "a genesis without counties is encoded as before (same hash)");
    }

    @Test
    void aBlankCountyIsRefused() {
        assertThrows(GenesisException.class, () -> GenesisCodec.decode(GenesisCodec.encode(withCounty(1, ""))));
        assertThrows(GenesisException.class, () -> GenesisCodec.decode(GenesisCodec.encode(withCounty(1, "  "))));
        assertThrows(GenesisException.class, () -> GenesisCodec.decode(GenesisCodec.encode(withCounty(1, "县".repeat(65)))));
    }
}
