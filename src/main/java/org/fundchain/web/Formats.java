package org.fundchain.web;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.FormatStyle;
import java.util.Locale;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.faces.context.FacesContext;
import jakarta.inject.Named;

/**
 * Display formatting for the portal, in the viewer's language. Times are shown in China Standard Time,
 * the consortium's time zone; nothing formatted here is ever hashed or signed.
 */
@Named
@ApplicationScoped
public class Formats {
    static final ZoneId ZONE = ZoneId.of("Asia/Shanghai");

    private static Locale locale() {
        FacesContext fc = FacesContext.getCurrentInstance();
        return fc != null && fc.getViewRoot() != null ? fc.getViewRoot().getLocale() : Locale.SIMPLIFIED_CHINESE;
    }

    /** Epoch milliseconds as a medium date and time. */
    public String time(long epochMs) {
        return DateTimeFormatter.ofLocalizedDateTime(FormatStyle.MEDIUM).withLocale(locale()).withZone(ZONE)
                .format(Instant.ofEpochMilli(epochMs));
    }

    /** First and last characters of a long hash, for tables. */
    public String shortHash(String hex) {
        return hex == null || hex.length() <= 20 ? hex : hex.substring(0, 10) + "…" + hex.substring(hex.length() - 8);
    }
}
