package org.fundchain.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Locale;
import java.util.ResourceBundle;
import java.util.Set;
import java.util.TreeSet;

import org.junit.jupiter.api.Test;

/** Every text of the portal exists in both languages, and Chinese is what a bundle lookup falls back to. */
class MessageBundlesTest {

    private static Set<String> keys(ResourceBundle b) {
        return new TreeSet<>(b.keySet());
    }

    @Test
    void chineseAndEnglishHaveTheSameKeys() {
        ResourceBundle zh = ResourceBundle.getBundle("org.fundchain.web.messages", Locale.SIMPLIFIED_CHINESE,
                ResourceBundle.Control.getNoFallbackControl(ResourceBundle.Control.FORMAT_PROPERTIES));
        ResourceBundle en = ResourceBundle.getBundle("org.fundchain.web.messages", Locale.ENGLISH,
                ResourceBundle.Control.getNoFallbackControl(ResourceBundle.Control.FORMAT_PROPERTIES));
        assertEquals(keys(zh), keys(en));
        assertEquals("扶贫资金链", zh.getString("app.name"));
        // even on a server whose default locale is English, a Chinese view gets Chinese
        Locale saved = Locale.getDefault();
        try {
            Locale.setDefault(Locale.US);
            ResourceBundle.clearCache();
            assertEquals("扶贫资金链", ResourceBundle.getBundle("org.fundchain.web.messages", Locale.SIMPLIFIED_CHINESE).getString("app.name"));
        } finally {
            Locale.setDefault(saved);
        }
        assertEquals("FundChain", en.getString("app.name"));
        for (String k : keys(en)) {
            assertTrue(!en.getString(k).isBlank(), k);
        }
    }
}
