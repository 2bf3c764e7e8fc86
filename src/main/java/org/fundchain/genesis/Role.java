package org.fundchain.genesis;

/** The nine roles of SPEC §1.2. Organisations have one role; demo users carry their organisation's role. */
public enum Role {
    ADMIN,
    LEADING_GROUP_OFFICE,
    PROVINCIAL_FINANCE,
    COUNTY_HQ,
    COUNTY_FINANCE,
    COMMERCIAL_BANK,
    LIMITED_PARTNERSHIP,
    COUNTY_FUND_COMPANY,
    IMPLEMENTATION_UNIT;

    public static Role parse(String name) {
        for (Role r : values()) {
            if (r.name().equals(name)) {
                return r;
            }
        }
        throw new GenesisException("unknown role '" + name + "'");
    }
}
