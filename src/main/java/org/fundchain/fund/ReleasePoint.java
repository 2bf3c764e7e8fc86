package org.fundchain.fund;

import java.math.BigDecimal;

/** Cumulative money released up to the end of a (UTC) day; {@code day} is yyyy-MM-dd. */
public record ReleasePoint(String day, BigDecimal cumulative) {
}
