package org.fundchain.contracts;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.math.BigDecimal;
import java.util.Map;
import java.util.TreeMap;

import org.fundchain.contract.api.Args;
import org.junit.jupiter.api.Test;

class PressureContractTest {

    @Test
    void accountAStartsAt100AndAddAddsOne() {
        ChainFixture chain = new ChainFixture();
        assertEquals(BigDecimal.valueOf(100), chain.okValue("bank", "pressure", "get"));
        assertEquals(BigDecimal.valueOf(101), chain.okValue("bank", "pressure", "add"));
        assertEquals(BigDecimal.valueOf(102), chain.okValue("unit", "pressure", "add", "account", "A"));
        assertEquals(BigDecimal.valueOf(102), chain.okValue("lgo", "pressure", "get"));
        chain.refused("NOT_FOUND", "bank", "pressure", "add", "account", "B");
        chain.refused("NOT_ADMITTED", "stranger", "pressure", "add");
    }

    @Test
    void genesisMayDefineOtherAccounts() {
        ChainFixture chain = new ChainFixture(new TreeMap<>(Map.of("pressure",
                Args.of("accounts", Args.of("A", 5L, "B", 7L)))));
        assertEquals(BigDecimal.valueOf(6), chain.okValue("bank", "pressure", "add"));
        assertEquals(BigDecimal.valueOf(8), chain.okValue("bank", "pressure", "add", "account", "B"));
    }
}
