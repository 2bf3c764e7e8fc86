package org.fundchain.genesis;

/**
 * A consortium organisation. {@code node} is the member node whose portal its users work on (an
 * organisation need not run a node of its own). {@code county}: the county a county-level organisation acts for
 * (the contracts let it apply, contribute and see within that county only); null for provincial ones, which act
 * for all counties.
 */
public record Organisation(String id, String name, Role role, String node, String county) {
    /** A provincial organisation (no county). */
    public Organisation(String id, String name, Role role, String node) {
        this(id, name, role, node, null);
    }
}
