package org.fundchain.fund;

import java.math.BigDecimal;

/** Money released against a milestone to a final payee. */
public record Release(int milestone, BigDecimal amount, String payee, long at) {
}
