package org.fundchain.web.biz;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.math.BigDecimal;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.junit.jupiter.api.Test;

class BizFormatTest {

    @Test
    void moneyIsExactAndGroupedPerLocale() {
        assertEquals("¥1,000,000.00", BizFormat.money("1000000", Locale.SIMPLIFIED_CHINESE));
        assertEquals("¥1,000,000.00", BizFormat.money(new BigDecimal("1000000.00"), Locale.ENGLISH));
        assertEquals("¥0.10", BizFormat.money("0.1", Locale.ENGLISH));
        // exact: no binary floating point on the way
        assertEquals("¥999,999,999,999.99", BizFormat.money("999999999999.99", Locale.ENGLISH));
        assertEquals("¥1.000.000,00", BizFormat.money("1000000", Locale.GERMANY));
        assertEquals("", BizFormat.money(null, Locale.ENGLISH));
        assertEquals("n/a", BizFormat.money("n/a", Locale.ENGLISH));
    }

    @Test
    void percentRoundsDownAndSurvivesAZeroWhole() {
        BizFormat f = new BizFormat();
        assertEquals(66, f.percent("2", "3"));
        assertEquals(100, f.percent(new BigDecimal("1000000.00"), "1000000"));
        assertEquals(0, f.percent("5", "0"));
    }

    @Test
    void badgesFollowTheStatus() {
        BizFormat f = new BizFormat();
        assertEquals("fc-badge-ok", f.badge("ARRIVED"));
        assertEquals("fc-badge-bad", f.badge("MISMATCHED"));
        assertEquals("fc-badge-warn", f.badge("APPLIED"));
        assertEquals("", f.badge(null));
    }

    @Test
    void auditTargetNamesWhatTheActionConcerns() {
        assertEquals("P000001", AuditLog.target(Map.of("projectId", "P000001", "milestone", 0L)));
        assertEquals("WT-0", AuditLog.target(Map.of("serialNumber", "WT-0", "amount", "1.00")));
        assertEquals("", AuditLog.target(List.of()));
    }

    @Test
    void anEmptyAmountMeansTheRemainderAndABadOneIsRefused() {
        assertEquals(new BigDecimal("400000.00"), DisbursementBean.amountOrDefault("  ", "400000.00"));
        assertEquals(new BigDecimal("12.50"), DisbursementBean.amountOrDefault("12.5", "400000.00"));
        assertNull(DisbursementBean.amountOrDefault("-1", "400000.00"));
        assertNull(DisbursementBean.amountOrDefault("1.001", "400000.00"));
    }
}
