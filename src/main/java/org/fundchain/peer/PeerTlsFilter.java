package org.fundchain.peer;

import java.io.IOException;
import java.security.cert.X509Certificate;
import java.util.logging.Logger;

import jakarta.inject.Inject;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.annotation.WebFilter;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * The TLS side of {@link PeerTlsBinding}: runs on every WebSocket upgrade request but the portal's own {@code /push},
 * before the container hands the connection to an endpoint — not only on {@code /peer}: the container also upgrades
 * {@code /peer/} to {@link PeerServerEndpoint}, which a filter mapped to {@code /peer} alone never saw (red team 10).
 * Only the peer endpoint asks for client certificates, so on the portal's ports (HTTP or HTTPS) a peer link is always
 * refused once the consortium uses TLS.
 */
@WebFilter(urlPatterns = "/*", asyncSupported = true)
public class PeerTlsFilter extends HttpFilter {
    private static final long serialVersionUID = 1L;
    private static final Logger LOG = Logger.getLogger(PeerTlsFilter.class.getName());

    @Inject
    transient PeerService service;

    /** The portal's push endpoint (browsers, session-authenticated): every other upgrade is a peer link attempt. */
    static final String PUSH_PATH = "/push";

    /** Whether this request asks to become a peer link: a WebSocket upgrade to anything but exactly {@link #PUSH_PATH}. */
    public static boolean isPeerUpgrade(String path, String upgradeHeader) {
        return upgradeHeader != null && upgradeHeader.trim().equalsIgnoreCase("websocket") && !PUSH_PATH.equals(path);
    }

    static String path(HttpServletRequest req) {
        return req.getServletPath() + (req.getPathInfo() == null ? "" : req.getPathInfo());
    }

    @Override
    protected void doFilter(HttpServletRequest req, HttpServletResponse res, FilterChain chain)
            throws IOException, ServletException {
        if (!isPeerUpgrade(path(req), req.getHeader("Upgrade"))) {
            chain.doFilter(req, res);
            return;
        }
        PeerNetwork network = service.network();
        if (network == null) {
            res.sendError(HttpServletResponse.SC_SERVICE_UNAVAILABLE, "node not ready");
            return;
        }
        X509Certificate[] certs = (X509Certificate[]) req.getAttribute("jakarta.servlet.request.X509Certificate");
        String refused = PeerTlsBinding.refusal(network.directory().tlsRequired(), req.isSecure(), certs,
                req.getParameter(PeerTlsBinding.FROM));
        if (refused != null) {
            LOG.warning(() -> "refused a peer link from " + req.getRemoteAddr() + ": " + refused);
            res.sendError(HttpServletResponse.SC_FORBIDDEN, refused);
            return;
        }
        chain.doFilter(req, res);
    }
}
