package org.fundchain.security;

import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.Principal;
import java.util.Optional;

import jakarta.inject.Inject;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.annotation.WebFilter;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;

/**
 * Server-side page guard for every Faces page: not signed in → the sign-in page (remembering where the user was
 * going); signed in but the registry no longer admits the signer → signed out; signed in without a role the
 * page needs ({@link PageAccess}) → 403 and the forbidden page. Also sets the portal's security headers.
 */
@WebFilter(urlPatterns = "/*", filterName = "PageAccessFilter", asyncSupported = true,
        dispatcherTypes = {jakarta.servlet.DispatcherType.REQUEST, jakarta.servlet.DispatcherType.FORWARD})
public class PageAccessFilter extends HttpFilter {
    private static final long serialVersionUID = 1L;
    static final String FACES_RESOURCES = "/jakarta.faces.resource/";

    @Inject
    CurrentUser user;

    @Inject
    org.fundchain.web.i18n.LocaleBean locale;

    @Inject
    RegistryIdentities registry;

    @Override
    protected void doFilter(HttpServletRequest req, HttpServletResponse res, FilterChain chain)
            throws IOException, ServletException {
        String path = req.getServletPath() + (req.getPathInfo() == null ? "" : req.getPathInfo());
        if (path.isEmpty() || "/".equals(path)) {
            // the site root: the dashboard (or the sign-in page) through the guard below
            res.sendRedirect(req.getContextPath() + "/index.xhtml");
            return;
        }
        if (!path.endsWith(".xhtml") || path.startsWith(FACES_RESOURCES)) {
            // REST API, peer links, health, static files: not portal pages
            chain.doFilter(req, res);
            return;
        }
        // the other security headers: TransportSecurityFilter, for every response
        res.setHeader("Cache-Control", "no-store");
        if ("POST".equals(req.getMethod()) && !sameOrigin(req)) {
            // a form posted from another site: never act on it (CSRF)
            res.sendError(HttpServletResponse.SC_FORBIDDEN);
            return;
        }
        if (PageAccess.isPublic(path)) {
            chain.doFilter(req, res);
            return;
        }
        Principal caller = req.getUserPrincipal();
        if (caller == null || !user.isSignedIn() || !caller.getName().equals(user.getUsername())) {
            signOut(req);
            toLogin(req, res, path, null);
            return;
        }
        Optional<RegistryIdentities.Identity> id = registry.lookup(user.getSignerId());
        if (id.isEmpty()) {
            signOut(req);
            toLogin(req, res, path, "disabled");
            return;
        }
        user.refresh(id.get());
        req.getSession().setAttribute(PushIdentity.SESSION_ATTRIBUTE, user.pushIdentity(locale.getLanguage()));
        if (!PageAccess.allows(path, user.getRoles())) {
            res.sendError(HttpServletResponse.SC_FORBIDDEN);
            return;
        }
        chain.doFilter(req, res);
    }

    /**
     * Origin (or, without it, Referer) must name this server: scheme, host and port as the request reached it (its
     * Host header over HTTP/1.1, its :authority over HTTP/2, which has no Host header); a request with neither is not
     * from a browser page.
     */
    static boolean sameOrigin(HttpServletRequest req) {
        String source = req.getHeader("Origin");
        if (source == null || "null".equals(source)) {
            source = req.getHeader("Referer");
        }
        if (source == null) {
            return req.getHeader("Origin") == null;
        }
        try {
            java.net.URI u = java.net.URI.create(source);
            String scheme = u.getScheme();
            if (scheme == null || u.getHost() == null || req.getServerName() == null) {
                return false;
            }
            int port = u.getPort() >= 0 ? u.getPort() : "https".equalsIgnoreCase(scheme) ? 443 : 80;
            return scheme.equalsIgnoreCase(req.getScheme()) && u.getHost().equalsIgnoreCase(req.getServerName())
                    && port == req.getServerPort();
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    private void signOut(HttpServletRequest req) throws ServletException {
        if (req.getUserPrincipal() != null) {
            req.logout();
        }
        if (user.getUsername() != null) {
            user.clear();
        }
    }

    private static void toLogin(HttpServletRequest req, HttpServletResponse res, String path, String reason)
            throws IOException {
        StringBuilder url = new StringBuilder(req.getContextPath()).append("/login.xhtml");
        String sep = "?";
        if ("GET".equals(req.getMethod()) && !"/index.xhtml".equals(path)) {
            String next = path + (req.getQueryString() == null ? "" : "?" + req.getQueryString());
            if (Redirects.isSafeLocal(next)) {
                url.append(sep).append("next=").append(URLEncoder.encode(next, StandardCharsets.UTF_8));
                sep = "&";
            }
        }
        if (reason != null) {
            url.append(sep).append("reason=").append(reason);
        }
        if ("partial/ajax".equals(req.getHeader("Faces-Request"))) {
            // An Ajax request cannot follow a 302: tell Faces' client script to navigate.
            res.setContentType("text/xml");
            res.setCharacterEncoding("UTF-8");
            res.getWriter().write("<?xml version=\"1.0\" encoding=\"UTF-8\"?><partial-response><redirect url=\""
                    + url.toString().replace("&", "&amp;") + "\"/></partial-response>");
            return;
        }
        HttpSession s = req.getSession(false);
        if (s != null && reason != null) {
            s.invalidate();
        }
        res.sendRedirect(url.toString());
    }
}
