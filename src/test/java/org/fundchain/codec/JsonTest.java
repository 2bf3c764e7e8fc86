package org.fundchain.codec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SortedMap;

import org.junit.jupiter.api.Test;

class JsonTest {

    @Test
    void canonicalFormSortsKeysAndDropsWhitespace() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("b", 1L);
        m.put("a", List.of("x", true));
        m.put("\u00e9", null);
        m.put("A", new BigDecimal("10.500"));
        assertEquals("{\"A\":10.5,\"a\":[\"x\",true],\"b\":1,\"\u00e9\":null}", Json.write(m));
    }

    @Test
    void parseThenWriteIsCanonicalAndStable() {
        String in = " { \"z\" : [1, 2.50, -0, 1e2], \"m\":{\"y\":\"\\u4e2d\\n\",\"x\":false} } ";
        String canon = Json.write(Json.parse(in));
        assertEquals("{\"m\":{\"x\":false,\"y\":\"中\\n\"},\"z\":[1,2.5,0,100]}", canon);
        assertEquals(canon, Json.write(Json.parse(canon)));
    }

    @Test
    void independentOfDefaultLocale() {
        Locale saved = Locale.getDefault();
        try {
            Locale.setDefault(new Locale("tr", "TR"));
            String a = Json.write(Json.parse("{\"TITLE\":\"i\u0130\",\"n\":1234567.89}"));
            Locale.setDefault(Locale.US);
            String b = Json.write(Json.parse("{\"TITLE\":\"i\u0130\",\"n\":1234567.89}"));
            assertEquals(a, b);
            assertTrue(a.contains("1234567.89"));
        } finally {
            Locale.setDefault(saved);
        }
    }

    @Test
    void numbersAreExactDecimals() {
        SortedMap<String, Object> o = Json.parseObject("{\"amount\":12345678901234567890.01}");
        assertEquals(new BigDecimal("12345678901234567890.01"), o.get("amount"));
        assertThrows(CodecException.class, () -> Json.write(Map.of("x", 0.1d)));
    }

    @Test
    void strictParserRefusesBadInput() {
        String[] bad = {
            "", "{", "{\"a\":1,\"a\":2}", "{\"a\":01}", "[1,]", "{\"a\":1} x", "{'a':1}", "{\"a\":NaN}",
            "\"\\ud800\"", "\"\\x\"", "\"tab\there\"", "[1.]", "-", "1e99999", "tru", "{\"a\" 1}",
            "\"unterminated", "\"plain then \\q\"", "\"raw lone \ud800 surrogate\"", "\"raw low \udc00\"",
        };
        for (String s : bad) {
            assertThrows(CodecException.class, () -> Json.parse(s), s);
        }
        StringBuilder deep = new StringBuilder();
        for (int i = 0; i < 100; i++) {
            deep.append('[');
        }
        assertThrows(CodecException.class, () -> Json.parse(deep.toString()));
        assertThrows(CodecException.class, () -> Json.parse(new byte[] { '"', (byte) 0xff, '"' }, 100));
        assertThrows(CodecException.class, () -> Json.parse("[1,2,3]".getBytes(StandardCharsets.UTF_8), 3));
        assertThrows(CodecException.class, () -> Json.parseObject("[1]"));
    }

    @Test
    void stringsWithAndWithoutEscapesParseAlike() {
        assertEquals("plain", Json.parse("\"plain\""));
        assertEquals("a\"b\nc", Json.parse("\"a\\\"b\\nc\""));
        assertEquals("\ud83d\ude00 ok", Json.parse("\"\ud83d\ude00 ok\"")); // a raw surrogate pair is fine
        assertEquals(List.of("x", "", "y"), Json.parse("[\"x\",\"\",\"y\"]"));
    }

    @Test
    void literals() {
        assertNull(Json.parse("null"));
        assertEquals(Boolean.TRUE, Json.parse("true"));
        assertEquals("\"\\\"\\\\\\u0001\"", Json.write("\"\\\u0001"));
    }
}
