package org.fundchain.fund;

import java.math.BigDecimal;
import java.util.List;

/** Fund raising of an approved project: RAISING or RAISED, with its tranches. */
public record Funding(String status, BigDecimal budget, BigDecimal received, List<Tranche> tranches) {
}
