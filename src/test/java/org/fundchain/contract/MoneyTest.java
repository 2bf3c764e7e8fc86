package org.fundchain.contract;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.math.BigDecimal;

import org.fundchain.contract.api.ContractException;
import org.fundchain.contract.api.Money;
import org.junit.jupiter.api.Test;

class MoneyTest {

    @Test
    void parsesToScaleTwoWithoutRounding() {
        assertEquals("123.45", Money.format(Money.parse("123.45", "x")));
        assertEquals("100.00", Money.format(Money.parse("100", "x")));
        assertEquals("0.50", Money.format(Money.parse(new BigDecimal("0.5"), "x")));
        assertEquals("7.00", Money.format(Money.parse(7L, "x")));
        assertEquals(12345L, Money.toFen(Money.parse("123.45", "x")));
        assertEquals("0.01", Money.format(Money.ofFen(1)));
    }

    @Test
    void refusesWhatIsNotExactYuan() {
        for (Object bad : new Object[] {"1.234", "-1", "1e3", "", " 1", "1,00", "abc", new BigDecimal("0.001"),
                new BigDecimal("-0.01"), "10000000000000.00", null, Boolean.TRUE}) {
            ContractException e = assertThrows(ContractException.class, () -> Money.parse(bad, "amount"), String.valueOf(bad));
            assertEquals(ContractException.BAD_ARGUMENT, e.code());
        }
        assertThrows(ContractException.class, () -> Money.parsePositive("0.00", "amount"));
    }

    @Test
    void shareFloorRoundsDownToTheFen() {
        assertEquals("10.00", Money.format(Money.shareFloor(new BigDecimal("100.05"), 10, 100)));
        assertEquals("0.00", Money.format(Money.shareFloor(new BigDecimal("0.09"), 10, 100)));
    }
}
