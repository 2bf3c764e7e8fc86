package org.fundchain.contracts;

import org.fundchain.contract.api.ContractException;

/**
 * The nine roles of SPEC §1.2 — an organisation has one of them as its type; users hold roles — and two
 * technical roles that are no organisation's type and carry no business: {@link #NODE} and {@link #LOAD}.
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
    /** A member node's key: may sign the reconciliation sweep and nothing else. */
    NODE,
    /** The load generator's key (the demo client): may call the pressure contract and nothing else. */
    LOAD;

    /** Whether this is one of the nine roles of SPEC §1.2 (an organisation type), not NODE or LOAD. */
    public boolean isBusiness() {
        return this != NODE && this != LOAD;
    }

    /** Organisation types that may hold money on its way down and so be a hop of a draft's path. */
    public boolean canBeIntermediateHop() {
        return this == PROVINCIAL_FINANCE || this == COUNTY_FINANCE || this == LIMITED_PARTNERSHIP
                || this == COUNTY_FUND_COMPANY;
    }

    public static Role parse(Object value) {
        if (value instanceof String s) {
            for (Role r : values()) {
                if (r.name().equals(s)) {
                    return r;
                }
            }
        }
        throw ContractException.badArgument("unknown role '" + value + "'");
    }
}
