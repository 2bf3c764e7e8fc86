package org.fundchain.security;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.Proxy;
import java.util.Map;

import jakarta.servlet.http.HttpServletRequest;

import org.junit.jupiter.api.Test;

/**
 * The portal's CSRF rule over HTTPS: a POST from this page's own origin is accepted also over HTTP/2, where the request
 * has no Host header (the sign-in form was refused 403 in the browser tests before); another origin, another scheme
 * or another port is refused.
 */
class PageAccessFilterOriginTest {
    private static HttpServletRequest request(String scheme, String server, int port, Map<String, String> headers) {
        return (HttpServletRequest) Proxy.newProxyInstance(HttpServletRequest.class.getClassLoader(),
                new Class<?>[] {HttpServletRequest.class}, (p, m, a) -> switch (m.getName()) {
                    case "getHeader" -> headers.get((String) a[0]);
                    case "getScheme" -> scheme;
                    case "getServerName" -> server;
                    case "getServerPort" -> port;
                    default -> null;
                });
    }

    @Test
    void anHttp2PostFromThisOriginWithoutAHostHeaderIsSameOrigin() {
        assertTrue(PageAccessFilter.sameOrigin(request("https", "localhost", 9443, Map.of("Origin", "https://localhost:9443"))));
        assertTrue(PageAccessFilter.sameOrigin(request("https", "node0.example", 443, Map.of("Origin", "https://node0.example"))));
        assertTrue(PageAccessFilter.sameOrigin(request("https", "localhost", 9443,
                Map.of("Referer", "https://localhost:9443/login.xhtml"))));
    }

    @Test
    void anotherOriginSchemeOrPortIsRefused() {
        assertFalse(PageAccessFilter.sameOrigin(request("https", "localhost", 9443, Map.of("Origin", "https://evil.example:9443"))));
        assertFalse(PageAccessFilter.sameOrigin(request("https", "localhost", 9443, Map.of("Origin", "http://localhost:9443"))));
        assertFalse(PageAccessFilter.sameOrigin(request("https", "localhost", 9443, Map.of("Origin", "https://localhost:9444"))));
        assertFalse(PageAccessFilter.sameOrigin(request("https", "localhost", 9443, Map.of("Origin", "not a uri"))));
        assertFalse(PageAccessFilter.sameOrigin(request("https", "localhost", 9443, Map.of("Referer", "https://evil.example/x"))));
        assertTrue(PageAccessFilter.sameOrigin(request("https", "localhost", 9443, Map.of())), "no browser page: no Origin, no Referer");
    }
}
