package org.fundchain.genesis;

/**
 * The roles of the contracts' {@code org.fundchain.contracts.Role}, kept identical (a test compares them): the
 * nine roles of SPEC §1.2 — organisations have one; demo users carry their organisation's — and the technical
 * roles NODE (member node keys: the reconciliation sweep only) and LOAD (the demo client: the load contract
 * only), which are no organisation's type.
 */
public enum Role {
    ADMIN,
    LEADING_GROUP_OFFICE,
    PROVINCIAL_FINANCE,
    COUNTY_HQ,
    COUNTY_FINANCE,
    COMMERCIAL_BANK,
    LIMITED_PARTNERSHIP,
    COUNTY_FUND_COMPANY,
    IMPLEMENTATION_UNIT,
    NODE,
    LOAD;

    /** Whether this is one of the nine roles of SPEC §1.2 (an organisation type), not NODE or LOAD. */
    public boolean isBusiness() {
        return this != NODE && this != LOAD;
    }

    public static Role parse(String name) {
        for (Role r : values()) {
            if (r.name().equals(name)) {
                return r;
            }
        }
        throw new GenesisException("unknown role '" + name + "'");
    }
}
