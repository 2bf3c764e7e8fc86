package org.fundchain.contract;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

import org.junit.jupiter.api.Test;

/** The parsed form a stored value keeps is shared, so nobody may change it through a read. */
class VersionedValueTest {
    @Test
    @SuppressWarnings("unchecked")
    void theSharedParseIsReadOnlyAndAContractEditsItsOwnCopy() {
        VersionedValue v = new VersionedValue("{\"org\":\"bank\",\"roles\":[\"A\"],\"x\":{\"n\":1}}", 3);
        SortedMap<String, Object> p = (SortedMap<String, Object>) v.parsed();
        assertSame(p, v.parsed());
        assertThrows(UnsupportedOperationException.class, () -> p.put("org", "other"));
        assertThrows(UnsupportedOperationException.class, () -> ((List<Object>) p.get("roles")).add("B"));
        assertThrows(UnsupportedOperationException.class, () -> ((Map<String, Object>) p.get("x")).put("n", 2));

        InMemoryWorldState world = new InMemoryWorldState();
        world.apply(new TreeMap<>(Map.of(new StateKey("c", "k"), v.json())), 3);
        TxStateView view = new TxStateView(world, new TreeMap<>(), "c", true);
        SortedMap<String, Object> mine = view.getObject("k");
        mine.put("org", "other");
        ((List<Object>) mine.get("roles")).add("B");
        VersionedValue stored = world.get("c", "k");
        assertNotSame(mine, stored.parsed());
        assertEquals("bank", ((Map<String, Object>) stored.parsed()).get("org"));
        assertEquals(List.of("A"), ((Map<String, Object>) stored.parsed()).get("roles"));
        assertEquals("bank", view.getObject("k").get("org"));
    }

    @Test
    void equalityIsTheTextAndTheVersion() {
        assertEquals(new VersionedValue("1", 2), new VersionedValue("1", 2));
        assertEquals(new VersionedValue("1", 2).hashCode(), new VersionedValue("1", 2).hashCode());
        assertEquals(false, new VersionedValue("1", 2).equals(new VersionedValue("1", 3)));
    }
}
