package org.fundchain.fund;

import java.math.BigDecimal;

/**
 * Money per township (SPEC §1.6; all 20 are always listed): raised = contributions received, issued = amounts of
 * drafts issued, arrived = money reconciled into the implementation unit (last hop), released = drawn down.
 */
public record TownshipTotals(String county, String township, int projects, BigDecimal raised, BigDecimal issued,
        BigDecimal arrived, BigDecimal released) {
}
