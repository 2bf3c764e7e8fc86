package org.fundchain.fund;

import java.math.BigDecimal;

/** One fund-raising tranche: PROVINCE, CITY (fiscal 10%) or FINANCIAL (90%). */
public record Tranche(String name, String role, BigDecimal due, BigDecimal received) {
}
