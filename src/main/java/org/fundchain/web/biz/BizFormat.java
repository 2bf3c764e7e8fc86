package org.fundchain.web.biz;

import java.math.BigDecimal;
import java.text.NumberFormat;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.FormatStyle;
import java.util.Locale;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.faces.context.FacesContext;
import jakarta.inject.Named;

/**
 * Money, dates and percentages of the business pages in the viewer's language. Money arrives from the chain as
 * exact decimal strings ("1000000.00") and is only ever formatted here, never turned into a double.
 */
@Named
@ApplicationScoped
public class BizFormat {
    static final ZoneId ZONE = ZoneId.of("Asia/Shanghai");

    static Locale locale() {
        FacesContext fc = FacesContext.getCurrentInstance();
        return fc != null && fc.getViewRoot() != null ? fc.getViewRoot().getLocale() : Locale.SIMPLIFIED_CHINESE;
    }

    /** "¥1,000,000.00"; blank for a missing amount, the raw text for something that is not a number. */
    public String money(Object amount) {
        return money(amount, locale());
    }

    static String money(Object amount, Locale locale) {
        if (amount == null || amount.toString().isBlank()) {
            return "";
        }
        BigDecimal v;
        try {
            v = amount instanceof BigDecimal b ? b : new BigDecimal(amount.toString().trim());
        } catch (NumberFormatException e) {
            return amount.toString();
        }
        NumberFormat f = NumberFormat.getNumberInstance(locale);
        f.setMinimumFractionDigits(2);
        f.setMaximumFractionDigits(2);
        return "¥" + f.format(v);
    }

    /** Share of a whole as a whole percentage (0–100), exact decimal arithmetic; 0 when the whole is 0. */
    public int percent(Object part, Object whole) {
        try {
            BigDecimal w = new BigDecimal(whole.toString());
            if (w.signum() == 0) {
                return 0;
            }
            BigDecimal p = new BigDecimal(part.toString());
            return p.multiply(BigDecimal.valueOf(100)).divide(w, 0, java.math.RoundingMode.DOWN).intValue();
        } catch (RuntimeException e) {
            return 0;
        }
    }

    /** Epoch ms as a medium date and time in China Standard Time; blank for 0 / null. */
    public String time(Object epochMs) {
        if (!(epochMs instanceof Number n) || n.longValue() <= 0) {
            return "";
        }
        return DateTimeFormatter.ofLocalizedDateTime(FormatStyle.MEDIUM).withLocale(locale()).withZone(ZONE)
                .format(Instant.ofEpochMilli(n.longValue()));
    }

    /** Epoch ms as a date only. */
    public String date(Object epochMs) {
        if (!(epochMs instanceof Number n) || n.longValue() <= 0) {
            return "";
        }
        return DateTimeFormatter.ofLocalizedDate(FormatStyle.MEDIUM).withLocale(locale()).withZone(ZONE)
                .format(Instant.ofEpochMilli(n.longValue()));
    }

    /** The badge colour of a project, draft, raising or reconciliation status. */
    public String badge(String status) {
        if (status == null) {
            return "";
        }
        switch (status) {
            case "APPROVED": case "IMPLEMENTING": case "COMPLETED": case "ARRIVED": case "ACCEPTED": case "RAISED":
            case "MATCHED": case "COMMITTED":
                return "fc-badge-ok";
            case "REJECTED": case "FROZEN": case "CANCELLED": case "EXPIRED": case "MISMATCHED": case "UNMATCHED":
                return "fc-badge-bad";
            case "APPLIED": case "IN_TRANSIT": case "RAISING": case "PENDING_FLOW": case "PENDING_REGISTRATION":
                return "fc-badge-warn";
            default:
                return "";
        }
    }

    /** Middle of a long id (signer keys, hashes) elided for tables. */
    public String shortId(String id) {
        return id == null || id.length() <= 24 ? id : id.substring(0, 14) + "…" + id.substring(id.length() - 6);
    }
}
