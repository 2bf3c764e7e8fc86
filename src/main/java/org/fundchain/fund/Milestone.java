package org.fundchain.fund;

import java.math.BigDecimal;

/** A project milestone: the money released against it and whether the unit reported it complete. */
public record Milestone(int index, String name, BigDecimal amount, boolean completed) {
}
