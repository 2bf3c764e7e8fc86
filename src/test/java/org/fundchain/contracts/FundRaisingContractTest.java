package org.fundchain.contracts;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.SortedMap;

import org.fundchain.contract.api.Money;
import org.junit.jupiter.api.Test;

class FundRaisingContractTest {
    final ChainFixture chain = new ChainFixture();

    @Test
    void splitFollowsTheRatiosAndNeverLosesAFen() {
        BigDecimal[] s = FundRaisingContract.split(new BigDecimal("3000.00"));
        assertEquals("120.00", Money.format(s[0]));   // thesis: 300 fiscal = 120 province + 180 cities
        assertEquals("180.00", Money.format(s[1]));
        assertEquals("2700.00", Money.format(s[2]));
        BigDecimal[] odd = FundRaisingContract.split(new BigDecimal("100.05"));
        assertEquals("4.00", Money.format(odd[0]));
        assertEquals("6.00", Money.format(odd[1]));
        assertEquals("90.05", Money.format(odd[2]));
        Random random = new Random(42);
        for (int i = 0; i < 10_000; i++) {
            BigDecimal budget = Money.ofFen(1 + (random.nextLong() & Long.MAX_VALUE) % 100_000_000_000_000L);
            BigDecimal[] parts = FundRaisingContract.split(budget);
            assertEquals(budget, parts[0].add(parts[1]).add(parts[2]), budget::toPlainString);
            long fiscal = Money.toFen(parts[0]) + Money.toFen(parts[1]);
            // each part is within one fen of its exact share
            assertEquals(0, Math.floorDiv(Money.toFen(budget) * 10 - fiscal * 100, 100), budget::toPlainString);
            assertEquals(0, Math.floorDiv(fiscal * 4 - Money.toFen(parts[0]) * 10, 10), budget::toPlainString);
        }
    }

    @Test
    void contributionsByRoleFiscalFirstThenRaised() {
        String d = chain.approvedDraft();
        String p = "P" + d.substring(1);
        chain.refused("FORBIDDEN", "bank", "fundraising", "contribute", "projectId", p, "tranche", "PROVINCE", "amount", "1.00");
        chain.refused("FORBIDDEN", "provfin", "fundraising", "contribute", "projectId", p, "tranche", "CITY", "amount", "1.00");
        chain.refused("WRONG_STATE", "bank", "fundraising", "contribute", "projectId", p, "tranche", "FINANCIAL", "amount", "1.00");
        chain.refused("BAD_ARGUMENT", "provfin", "fundraising", "contribute", "projectId", p, "tranche", "PROVINCE", "amount", "40000.01");
        chain.refused("BAD_ARGUMENT", "provfin", "fundraising", "contribute", "projectId", p, "tranche", "PROVINCE", "amount", "0");
        chain.refused("BAD_ARGUMENT", "provfin", "fundraising", "contribute", "projectId", p, "tranche", "GIFT", "amount", "1.00");
        chain.refused("NOT_FOUND", "provfin", "fundraising", "contribute", "projectId", "P000042", "tranche", "PROVINCE", "amount", "1.00");
        chain.ok("platform", "registry", "registerOrganisation", "id", "cfin-other", "name", "other county finance",
                "type", "COUNTY_FINANCE", "account", "ACC-CFIN-OTHER", "county", "晴隆县");
        chain.ok("platform", "registry", "admit", "signer", ChainFixture.signer("cfin-other").id(), "org", "cfin-other",
                "name", "clerk", "roles", List.of("COUNTY_FINANCE"));
        chain.refused("FORBIDDEN", "cfin-other", "fundraising", "contribute", "projectId", p, "tranche", "CITY", "amount", "1.00");
        chain.ok("provfin", "fundraising", "contribute", "projectId", p, "tranche", "PROVINCE", "amount", "30000.00");
        chain.ok("provfin", "fundraising", "contribute", "projectId", p, "tranche", "PROVINCE", "amount", "10000.00");
        chain.ok("cfin", "fundraising", "contribute", "projectId", p, "tranche", "CITY", "amount", "59999.99");
        chain.refused("WRONG_STATE", "bank", "fundraising", "contribute", "projectId", p, "tranche", "FINANCIAL", "amount", "1.00");
        chain.ok("cfin", "fundraising", "contribute", "projectId", p, "tranche", "CITY", "amount", "0.01");
        SortedMap<String, Object> r = chain.ok("bank", "fundraising", "contribute", "projectId", p, "tranche", "FINANCIAL",
                "amount", "900000.00");
        assertEquals("RAISED", r.get("status"));
        assertEquals("1000000.00", r.get("received"));
        assertEquals("900000.00", r.get("trancheReceived"));
        assertEquals("FINANCIAL", r.get("tranche"));
        assertEquals("900000.00", ((Map<?, ?>) ((Map<?, ?>) chain.ok("bank", "fundraising", "query", "projectId", p)
                .get("tranches")).get("FINANCIAL")).get("received"));
        chain.refused("WRONG_STATE", "provfin", "fundraising", "contribute", "projectId", p, "tranche", "PROVINCE", "amount", "1.00");
    }
}
