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
 * The TLS side of {@link PeerTlsBinding}: runs on the WebSocket upgrade request to {@code /peer}, before the
 * container hands the connection to {@link PeerServerEndpoint}. Only the peer endpoint asks for client certificates,
 * so on the portal's ports (HTTP or HTTPS) {@code /peer} is always refused once the consortium uses TLS.
 */
@WebFilter(urlPatterns = "/peer", asyncSupported = true)
public class PeerTlsFilter extends HttpFilter {
    private static final long serialVersionUID = 1L;
    private static final Logger LOG = Logger.getLogger(PeerTlsFilter.class.getName());

    @Inject
    transient PeerService service;

    @Override
    protected void doFilter(HttpServletRequest req, HttpServletResponse res, FilterChain chain)
            throws IOException, ServletException {
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
