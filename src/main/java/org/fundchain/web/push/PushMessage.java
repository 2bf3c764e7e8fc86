package org.fundchain.web.push;

import java.util.SortedMap;
import java.util.TreeMap;

import org.fundchain.codec.Json;

/**
 * One live notification: {@code kind} is the subscription topic ({@code alert}, {@code draft}, {@code project})
 * or {@code info}; {@code link} is a portal page path or null. Texts are already in the receiver's language.
 */
public record PushMessage(String kind, String title, String text, String link, long height, String time) {

    public String json() {
        SortedMap<String, Object> m = new TreeMap<>();
        m.put("kind", kind);
        m.put("title", title);
        m.put("text", text == null ? "" : text);
        if (link != null) {
            m.put("link", link);
        }
        m.put("height", height);
        m.put("time", time == null ? "" : time);
        return Json.write(m);
    }
}
