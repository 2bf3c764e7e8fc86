package org.fundchain.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.util.Properties;
import java.util.TreeSet;

import org.junit.jupiter.api.Test;

/** Every portal text exists in Chinese (default) and English, and every role and page has its label. */
class BundleKeysTest {

    static Properties load(String name) throws IOException {
        Properties p = new Properties();
        try (Reader r = new InputStreamReader(BundleKeysTest.class.getResourceAsStream("/org/fundchain/web/" + name),
                StandardCharsets.UTF_8)) {
            p.load(r);
        }
        return p;
    }

    @Test
    void chineseAndEnglishHaveTheSameKeys() throws IOException {
        Properties zh = load("messages.properties");
        Properties en = load("messages_en.properties");
        assertEquals(new TreeSet<>(zh.stringPropertyNames()), new TreeSet<>(en.stringPropertyNames()));
    }

    @Test
    void everyRoleAndMenuEntryIsLabelled() throws IOException {
        Properties zh = load("messages.properties");
        for (org.fundchain.genesis.Role r : org.fundchain.genesis.Role.values()) {
            assertTrue(zh.containsKey("role." + r.name()), r.name());
            assertTrue(zh.containsKey("admin.can." + r.name()), r.name());
        }
        for (PageAccess.Rule rule : PageAccess.rules()) {
            assertTrue(rule.prefix().startsWith("/"), rule.prefix());
        }
    }
}
