package org.fundchain.fund;

import java.math.BigDecimal;

/** One reconciled transfer of a draft's ActualPath. */
public record ActualTransfer(int hop, String serialNumber, BigDecimal amount, long remitTime, long at,
        String payerAccount, String payeeAccount) {
}
