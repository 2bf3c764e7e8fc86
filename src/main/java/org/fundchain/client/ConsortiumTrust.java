package org.fundchain.client;

import java.net.Socket;
import java.net.http.HttpClient;
import java.security.KeyStore;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.util.LinkedHashSet;
import java.util.Set;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509ExtendedTrustManager;

import org.fundchain.crypto.TlsCertificates;
import org.fundchain.genesis.Genesis;
import org.fundchain.genesis.GenesisRules;

/**
 * The TLS trust of this process's clients: the TLS CA of every consortium whose verified genesis it has read
 * ({@link Consortium#fromGenesis} registers it), then the JDK's own CAs. Nodes' API certificates are issued by their
 * consortium's TLS CA, which no public CA vouches for, so a client trusts exactly the CAs of the genesis documents it
 * was given. Host names are checked as usual (the node certificates name their hosts).
 */
public final class ConsortiumTrust {
    private static final Set<X509Certificate> CAS = new LinkedHashSet<>();
    private static volatile X509ExtendedTrustManager consortia;
    private static final X509ExtendedTrustManager JDK = trustManager(null);
    private static final SSLContext CONTEXT = context();

    private ConsortiumTrust() {
    }

    /** Trust the TLS CA of this (verified) genesis from now on, in every client this class configures. */
    public static void trust(Genesis g) {
        trustCa(GenesisRules.tlsCa(g));
    }

    /** {@link #trust(Genesis)} for a TLS CA already checked by {@link GenesisRules#tlsCa} (or a test's). */
    static synchronized void trustCa(X509Certificate ca) {
        if (CAS.add(ca)) {
            try {
                KeyStore ks = KeyStore.getInstance("PKCS12");
                ks.load(null, null);
                int i = 0;
                for (X509Certificate c : CAS) {
                    ks.setCertificateEntry("consortium-tls-ca-" + i++, c);
                }
                consortia = trustManager(ks);
            } catch (Exception e) {
                throw new IllegalStateException("cannot trust the TLS CA " + TlsCertificates.nodeIdOf(ca) + ": " + e, e);
            }
        }
    }

    /** A context whose trust follows {@link #trust}: clients built before a genesis is read trust it too. */
    public static SSLContext sslContext() {
        return CONTEXT;
    }

    /** An HTTP client builder with this trust. */
    public static HttpClient.Builder httpClient() {
        return HttpClient.newBuilder().sslContext(CONTEXT);
    }

    private static SSLContext context() {
        try {
            SSLContext c = SSLContext.getInstance("TLS");
            c.init(null, new TrustManager[] {new Dynamic()}, null);
            return c;
        } catch (Exception e) {
            throw new IllegalStateException("no TLS context: " + e, e);
        }
    }

    private static X509ExtendedTrustManager trustManager(KeyStore ks) {
        try {
            TrustManagerFactory f = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            f.init(ks);
            for (TrustManager t : f.getTrustManagers()) {
                if (t instanceof X509ExtendedTrustManager x) {
                    return x;
                }
            }
            throw new IllegalStateException("no X.509 trust manager");
        } catch (Exception e) {
            throw new IllegalStateException("cannot build a trust manager: " + e, e);
        }
    }

    /** The consortia's CAs first, then the JDK's; both JDK trust managers check the host name themselves. */
    private static final class Dynamic extends X509ExtendedTrustManager {
        private interface Check {
            void on(X509ExtendedTrustManager tm) throws CertificateException;
        }

        private static void either(Check c) throws CertificateException {
            X509ExtendedTrustManager ours = consortia;
            if (ours != null) {
                try {
                    c.on(ours);
                    return;
                } catch (CertificateException e) {
                    // not one of our consortia: the JDK's CAs may still vouch for it
                }
            }
            c.on(JDK);
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine) throws CertificateException {
            either(t -> t.checkServerTrusted(chain, authType, engine));
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket) throws CertificateException {
            either(t -> t.checkServerTrusted(chain, authType, socket));
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType) throws CertificateException {
            either(t -> t.checkServerTrusted(chain, authType));
        }

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine) throws CertificateException {
            throw new CertificateException("a client does not accept TLS clients");
        }

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket) throws CertificateException {
            throw new CertificateException("a client does not accept TLS clients");
        }

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType) throws CertificateException {
            throw new CertificateException("a client does not accept TLS clients");
        }

        @Override
        public X509Certificate[] getAcceptedIssuers() {
            synchronized (ConsortiumTrust.class) {
                return CAS.toArray(new X509Certificate[0]);
            }
        }
    }
}
