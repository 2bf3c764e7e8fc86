package org.fundchain.security;

import java.io.IOException;
import java.util.logging.Logger;

import javax.naming.InitialContext;
import javax.naming.NamingException;

import jakarta.servlet.FilterChain;
import jakarta.servlet.FilterConfig;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * The portal's and API's transport rules, first in the chain (web.xml) for every request: once the launcher has given
 * the node TLS (its {@code tls.xml} names the HTTPS port as JNDI {@code fundchain/httpsPort}), a request over plain
 * HTTP is only redirected to HTTPS (308 keeps the method and body, and nothing is served in the clear); and every
 * response carries the security headers (HSTS on HTTPS; CSP, frame, sniffing and referrer rules everywhere).
 */
public class TransportSecurityFilter extends HttpFilter {
    private static final long serialVersionUID = 1L;
    private static final Logger LOG = Logger.getLogger(TransportSecurityFilter.class.getName());
    static final String JNDI_HTTPS_PORT = "fundchain/httpsPort";

    /**
     * What the pages need and no more: scripts, styles, images and fonts from this origin (PrimeFaces and Faces write
     * inline scripts and style attributes), data: images for charts, XHR and push to this origin, no plugins, no
     * framing, forms posting only here. The API answers JSON and may load nothing.
     */
    static final String PORTAL_CSP = "default-src 'self'; script-src 'self' 'unsafe-inline'; style-src 'self' 'unsafe-inline'; "
            + "img-src 'self' data:; font-src 'self' data:; connect-src 'self'; object-src 'none'; base-uri 'self'; "
            + "form-action 'self'; frame-ancestors 'none'";
    static final String API_CSP = "default-src 'none'; frame-ancestors 'none'";

    private int httpsPort = -1;

    @Override
    public void init(FilterConfig config) throws ServletException {
        super.init(config);
        try {
            Object v = new InitialContext().lookup(JNDI_HTTPS_PORT);
            httpsPort = Integer.parseInt(String.valueOf(v).trim());
        } catch (NamingException | NumberFormatException e) {
            httpsPort = -1; // no TLS configured (the Arquillian test server): serve as is
            LOG.info("no " + JNDI_HTTPS_PORT + ": HTTP is served, not redirected");
        }
    }

    @Override
    protected void doFilter(HttpServletRequest req, HttpServletResponse res, FilterChain chain)
            throws IOException, ServletException {
        if (httpsPort > 0 && !req.isSecure()) {
            String host = req.getServerName();
            if (!Hosts.isPlain(host)) {
                res.sendError(HttpServletResponse.SC_BAD_REQUEST, "use HTTPS");
                return;
            }
            String query = req.getQueryString();
            res.setStatus(308);
            res.setHeader("Location", "https://" + (host.contains(":") ? "[" + host + "]" : host) + ":" + httpsPort
                    + req.getRequestURI() + (query == null ? "" : "?" + query));
            res.setContentLength(0);
            return;
        }
        if (req.getAttribute("jakarta.servlet.request.X509Certificate") != null
                && !org.fundchain.peer.PeerTlsFilter.isPeerUpgrade(req.getServletPath()
                        + (req.getPathInfo() == null ? "" : req.getPathInfo()), req.getHeader("Upgrade"))) {
            // a client certificate: the peer endpoint (the only one that asks) serves peer links, nothing of the portal
            res.sendError(HttpServletResponse.SC_NOT_FOUND);
            return;
        }
        headers(req, res);
        chain.doFilter(req, res);
    }

    static void headers(HttpServletRequest req, HttpServletResponse res) {
        String path = req.getRequestURI().substring(req.getContextPath().length());
        if (req.isSecure()) {
            res.setHeader("Strict-Transport-Security", "max-age=31536000");
        }
        res.setHeader("X-Content-Type-Options", "nosniff");
        res.setHeader("X-Frame-Options", "DENY");
        res.setHeader("Referrer-Policy", "same-origin");
        res.setHeader("Content-Security-Policy", path.startsWith("/api/") ? API_CSP : PORTAL_CSP);
    }

    /** Host names a redirect may name: letters, digits, dots, hyphens, or an IP literal; nothing else. */
    static final class Hosts {
        private Hosts() {
        }

        static boolean isPlain(String host) {
            return host != null && !host.isEmpty() && host.length() <= 253 && host.matches("[A-Za-z0-9.\\-]+|[0-9A-Fa-f:.]+");
        }
    }
}
