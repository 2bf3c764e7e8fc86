package org.fundchain.codec;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * Strict JSON with one canonical text form, for documents that are hashed or signed (genesis, payloads,
 * contract state). Values are {@code SortedMap<String,Object>}, {@code List<Object>}, {@code String},
 * {@code BigDecimal} (never double: money and counts stay exact), {@code Boolean} and {@code null}.
 *
 * <p>Canonical form: no insignificant white space, object keys sorted by UTF-16 code units (as RFC 8785),
 * numbers as {@code stripTrailingZeros().toPlainString()}, strings with only the escapes JSON requires.
 * The parser refuses duplicate keys, invalid UTF-8, lone surrogates, leading zeros, trailing data, and
 * input deeper or larger than the given limits.
 */
public final class Json {
    public static final int DEFAULT_MAX_DEPTH = 32;

    private Json() {
    }

    // ------------------------------------------------------------------ writing

    public static String write(Object value) {
        StringBuilder sb = new StringBuilder(64);
        write(value, sb);
        return sb.toString();
    }

    public static byte[] writeBytes(Object value) {
        return write(value).getBytes(StandardCharsets.UTF_8);
    }

    @SuppressWarnings("unchecked")
    private static void write(Object v, StringBuilder sb) {
        if (v == null) {
            sb.append("null");
        } else if (v instanceof String) {
            quote((String) v, sb);
        } else if (v instanceof Boolean) {
            sb.append(((Boolean) v) ? "true" : "false");
        } else if (v instanceof BigDecimal) {
            sb.append(number((BigDecimal) v));
        } else if (v instanceof Long || v instanceof Integer || v instanceof Short || v instanceof Byte) {
            sb.append(((Number) v).longValue());
        } else if (v instanceof BigInteger) {
            sb.append(v);
        } else if (v instanceof Map) {
            Map<String, Object> m = (Map<String, Object>) v;
            SortedMap<String, Object> sorted = m instanceof TreeMap && ((TreeMap<String, Object>) m).comparator() == null
                    ? (SortedMap<String, Object>) m : new TreeMap<>(m);
            sb.append('{');
            boolean first = true;
            for (Map.Entry<String, Object> e : sorted.entrySet()) {
                if (!first) {
                    sb.append(',');
                }
                first = false;
                quote(e.getKey(), sb);
                sb.append(':');
                write(e.getValue(), sb);
            }
            sb.append('}');
        } else if (v instanceof List) {
            sb.append('[');
            boolean first = true;
            for (Object o : (List<Object>) v) {
                if (!first) {
                    sb.append(',');
                }
                first = false;
                write(o, sb);
            }
            sb.append(']');
        } else {
            throw new CodecException("cannot encode " + v.getClass().getName() + " as canonical JSON"
                    + (v instanceof Double || v instanceof Float ? " (floating point is not allowed)" : ""));
        }
    }

    private static String number(BigDecimal d) {
        if (d.signum() == 0) {
            return "0";
        }
        return d.stripTrailingZeros().toPlainString();
    }

    private static void quote(String s, StringBuilder sb) {
        sb.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"': sb.append("\\\""); break;
                case '\\': sb.append("\\\\"); break;
                case '\b': sb.append("\\b"); break;
                case '\f': sb.append("\\f"); break;
                case '\n': sb.append("\\n"); break;
                case '\r': sb.append("\\r"); break;
                case '\t': sb.append("\\t"); break;
                default:
                    if (c < 0x20) {
                        sb.append("\\u00").append(Character.forDigit(c >> 4, 16)).append(Character.forDigit(c & 0xf, 16));
                    } else {
                        sb.append(c);
                    }
            }
        }
        sb.append('"');
    }

    // ------------------------------------------------------------------ parsing

    public static Object parse(byte[] utf8, int maxBytes) {
        if (utf8.length > maxBytes) {
            throw new CodecException("JSON is " + utf8.length + " bytes, more than the limit of " + maxBytes);
        }
        String text;
        try {
            text = StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(utf8)).toString();
        } catch (CharacterCodingException e) {
            throw new CodecException("JSON is not valid UTF-8", e);
        }
        return parse(text);
    }

    public static Object parse(String text) {
        Parser p = new Parser(text, DEFAULT_MAX_DEPTH);
        p.ws();
        Object v = p.value(0);
        p.ws();
        if (p.pos != text.length()) {
            throw p.error("unexpected trailing characters");
        }
        return v;
    }

    /** Parses a JSON object; anything else is an error. */
    @SuppressWarnings("unchecked")
    public static SortedMap<String, Object> parseObject(String text) {
        Object v = parse(text);
        if (!(v instanceof SortedMap)) {
            throw new CodecException("expected a JSON object");
        }
        return (SortedMap<String, Object>) v;
    }

    @SuppressWarnings("unchecked")
    public static SortedMap<String, Object> parseObject(byte[] utf8, int maxBytes) {
        Object v = parse(utf8, maxBytes);
        if (!(v instanceof SortedMap)) {
            throw new CodecException("expected a JSON object");
        }
        return (SortedMap<String, Object>) v;
    }

    private static final class Parser {
        private final String s;
        private final int maxDepth;
        private int pos;

        Parser(String s, int maxDepth) {
            this.s = s;
            this.maxDepth = maxDepth;
        }

        CodecException error(String msg) {
            return new CodecException("malformed JSON at character " + pos + ": " + msg);
        }

        void ws() {
            while (pos < s.length()) {
                char c = s.charAt(pos);
                if (c == ' ' || c == '\t' || c == '\n' || c == '\r') {
                    pos++;
                } else {
                    break;
                }
            }
        }

        Object value(int depth) {
            if (depth > maxDepth) {
                throw error("nested deeper than " + maxDepth);
            }
            if (pos >= s.length()) {
                throw error("unexpected end of input");
            }
            char c = s.charAt(pos);
            switch (c) {
                case '{': return object(depth);
                case '[': return array(depth);
                case '"': return string();
                case 't': literal("true"); return Boolean.TRUE;
                case 'f': literal("false"); return Boolean.FALSE;
                case 'n': literal("null"); return null;
                default:
                    if (c == '-' || (c >= '0' && c <= '9')) {
                        return number();
                    }
                    throw error("unexpected character '" + c + "'");
            }
        }

        void literal(String word) {
            if (!s.startsWith(word, pos)) {
                throw error("expected " + word);
            }
            pos += word.length();
        }

        SortedMap<String, Object> object(int depth) {
            pos++;
            TreeMap<String, Object> m = new TreeMap<>();
            ws();
            if (pos < s.length() && s.charAt(pos) == '}') {
                pos++;
                return m;
            }
            while (true) {
                ws();
                if (pos >= s.length() || s.charAt(pos) != '"') {
                    throw error("expected a string key");
                }
                String k = string();
                ws();
                expect(':');
                ws();
                Object v = value(depth + 1);
                if (m.containsKey(k)) {
                    throw error("duplicate key \"" + k + "\"");
                }
                m.put(k, v);
                ws();
                if (pos < s.length() && s.charAt(pos) == ',') {
                    pos++;
                    continue;
                }
                expect('}');
                return m;
            }
        }

        List<Object> array(int depth) {
            pos++;
            List<Object> l = new ArrayList<>();
            ws();
            if (pos < s.length() && s.charAt(pos) == ']') {
                pos++;
                return Collections.unmodifiableList(l);
            }
            while (true) {
                ws();
                l.add(value(depth + 1));
                ws();
                if (pos < s.length() && s.charAt(pos) == ',') {
                    pos++;
                    continue;
                }
                expect(']');
                return Collections.unmodifiableList(l);
            }
        }

        void expect(char c) {
            if (pos >= s.length() || s.charAt(pos) != c) {
                throw error("expected '" + c + "'");
            }
            pos++;
        }

        String string() {
            pos++;
            // Most strings have no escapes: take them as one substring (a builder copied every character twice).
            int start = pos;
            for (int i = pos; i < s.length(); i++) {
                char c = s.charAt(i);
                if (c == '"') {
                    pos = i + 1;
                    return s.substring(start, i);
                }
                if (c == '\\' || c < 0x20 || Character.isSurrogate(c)) {
                    break; // escapes, errors and surrogate pairs (checked below) take the full path
                }
            }
            StringBuilder sb = new StringBuilder();
            while (true) {
                if (pos >= s.length()) {
                    throw error("unterminated string");
                }
                char c = s.charAt(pos++);
                if (c == '"') {
                    break;
                }
                if (c < 0x20) {
                    throw error("control character in string");
                }
                if (c == '\\') {
                    if (pos >= s.length()) {
                        throw error("unterminated escape");
                    }
                    char e = s.charAt(pos++);
                    switch (e) {
                        case '"': sb.append('"'); break;
                        case '\\': sb.append('\\'); break;
                        case '/': sb.append('/'); break;
                        case 'b': sb.append('\b'); break;
                        case 'f': sb.append('\f'); break;
                        case 'n': sb.append('\n'); break;
                        case 'r': sb.append('\r'); break;
                        case 't': sb.append('\t'); break;
                        case 'u': {
                            if (pos + 4 > s.length()) {
                                throw error("short \\u escape");
                            }
                            int cp = 0;
                            for (int i = 0; i < 4; i++) {
                                int d = Character.digit(s.charAt(pos++), 16);
                                if (d < 0) {
                                    throw error("bad \\u escape");
                                }
                                cp = (cp << 4) | d;
                            }
                            sb.append((char) cp);
                            break;
                        }
                        default:
                            throw error("bad escape \\" + e);
                    }
                } else {
                    sb.append(c);
                }
            }
            String out = sb.toString();
            for (int i = 0; i < out.length(); i++) {
                char c = out.charAt(i);
                if (Character.isHighSurrogate(c)) {
                    if (i + 1 >= out.length() || !Character.isLowSurrogate(out.charAt(i + 1))) {
                        throw error("lone surrogate in string");
                    }
                    i++;
                } else if (Character.isLowSurrogate(c)) {
                    throw error("lone surrogate in string");
                }
            }
            return out;
        }

        BigDecimal number() {
            int start = pos;
            if (s.charAt(pos) == '-') {
                pos++;
            }
            int intStart = pos;
            while (pos < s.length() && Character.isDigit(s.charAt(pos)) && s.charAt(pos) < 128) {
                pos++;
            }
            if (pos == intStart) {
                throw error("number has no digits");
            }
            if (s.charAt(intStart) == '0' && pos - intStart > 1) {
                throw error("number has a leading zero");
            }
            if (pos < s.length() && s.charAt(pos) == '.') {
                pos++;
                int f = pos;
                while (pos < s.length() && s.charAt(pos) >= '0' && s.charAt(pos) <= '9') {
                    pos++;
                }
                if (pos == f) {
                    throw error("number has no fraction digits");
                }
            }
            if (pos < s.length() && (s.charAt(pos) == 'e' || s.charAt(pos) == 'E')) {
                pos++;
                if (pos < s.length() && (s.charAt(pos) == '+' || s.charAt(pos) == '-')) {
                    pos++;
                }
                int e = pos;
                while (pos < s.length() && s.charAt(pos) >= '0' && s.charAt(pos) <= '9') {
                    pos++;
                }
                if (pos == e || pos - e > 4) {
                    throw error("bad exponent");
                }
            }
            if (pos - start > 64) {
                throw error("number longer than 64 characters");
            }
            BigDecimal d = new BigDecimal(s.substring(start, pos));
            if (Math.abs(d.scale()) > 64) {
                throw error("number scale out of range");
            }
            return d;
        }
    }
}
