package org.fundchain.peer;

import java.security.cert.X509Certificate;

import org.fundchain.crypto.TlsCertificates;

/**
 * Binds a peer link's TLS channel to the node its handshake proves. The dialer names itself in the upgrade request
 * ({@code /peer?from=node1}); the acceptor lets the upgrade through only if the TLS client certificate — already
 * verified by the TLS layer against the consortium's TLS CA — names that same node, and the handshake must then prove
 * that node's signing key ({@link PeerSession}: an acceptor expects {@code from}). So a stolen TLS key alone cannot
 * open a link (the AUTH needs the node's signing key), nor can a member relay another node's handshake over its own
 * TLS channel (its certificate names itself, not the node whose AUTH it forwards).
 */
public final class PeerTlsBinding {
    /** The query parameter the dialer names itself with. */
    public static final String FROM = "from";

    private PeerTlsBinding() {
    }

    /**
     * Why an upgrade request to {@code /peer} is refused, or null to let it through.
     *
     * @param tlsRequired the consortium's peer links are {@code wss} (genesis)
     * @param secure      the request came over TLS
     * @param chain       the verified TLS client certificate chain, or null
     * @param from        the node the dialer says it is
     */
    public static String refusal(boolean tlsRequired, boolean secure, X509Certificate[] chain, String from) {
        if (from == null || from.isEmpty() || from.length() > 64) {
            return "a peer link must name its node (?" + FROM + "=nodeId)";
        }
        if (!tlsRequired) {
            return null;
        }
        if (!secure) {
            return "peer links of this consortium need TLS (wss on the peer port)";
        }
        if (chain == null || chain.length == 0) {
            return "peer link from " + from + " presented no TLS client certificate";
        }
        String named = TlsCertificates.nodeIdOf(chain[0]);
        if (!from.equals(named)) {
            return "peer link claims to be " + from + " but its TLS certificate names " + named;
        }
        return null;
    }
}
