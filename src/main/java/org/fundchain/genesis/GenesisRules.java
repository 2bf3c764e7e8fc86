package org.fundchain.genesis;

import java.util.HashSet;
import java.util.Set;

import org.bouncycastle.cert.X509CertificateHolder;
import org.fundchain.crypto.Certificates;
import org.fundchain.crypto.CryptoException;
import org.fundchain.crypto.Pem;
import org.fundchain.crypto.PublicKey;

/**
 * Consistency of a genesis document beyond its syntax: unique ids, references that resolve, a CA on the
 * consortium's curve, and member certificates issued by that CA for exactly the member's key.
 */
public final class GenesisRules {
    private GenesisRules() {
    }

    public static Genesis check(Genesis g) {
        PublicKey caKey = caKey(g);
        tlsCa(g);
        Set<String> orgIds = unique("organisation id", g.organisations().stream().map(Organisation::id).toList());
        Set<String> nodeIds = unique("member nodeId", g.members().stream().map(Member::nodeId).toList());
        unique("chain id", g.chains().stream().map(ChainSpec::id).toList());
        unique("username", g.users().stream().map(DemoUser::username).toList());
        unique("client id", g.clients().stream().map(AdmittedClient::id).toList());
        unique("public key", g.members().stream().map(m -> m.publicKey().hex()).toList());
        if (g.members().isEmpty()) {
            throw new GenesisException("genesis names no member nodes");
        }
        if (g.chains().isEmpty()) {
            throw new GenesisException("genesis names no chains");
        }
        for (Organisation o : g.organisations()) {
            if (!o.role().isBusiness()) {
                throw new GenesisException("organisation " + o.id() + " has role " + o.role() + ", which is no organisation type");
            }
            if (!nodeIds.contains(o.node())) {
                throw new GenesisException("organisation " + o.id() + " is served by unknown node " + o.node());
            }
            if (o.county() != null && (o.county().isBlank() || o.county().length() > 64)) {
                throw new GenesisException("organisation " + o.id() + " has an implausible county");
            }
        }
        for (Member m : g.members()) {
            requireOrg(orgIds, m.organisation(), "member " + m.nodeId());
            checkMemberCertificate(m, caKey);
        }
        for (ChainSpec c : g.chains()) {
            if (c.members().isEmpty()) {
                throw new GenesisException("chain " + c.id() + " has no members");
            }
            unique("member of chain " + c.id(), c.members());
            for (String n : c.members()) {
                if (!nodeIds.contains(n)) {
                    throw new GenesisException("chain " + c.id() + " names unknown member " + n);
                }
            }
        }
        for (DemoUser u : g.users()) {
            requireOrg(orgIds, u.organisation(), "user " + u.username());
            if (!u.role().isBusiness()) {
                throw new GenesisException("user " + u.username() + " may not hold the technical role " + u.role());
            }
        }
        for (AdmittedClient c : g.clients()) {
            requireOrg(orgIds, c.organisation(), "client " + c.id());
            Role orgRole = g.organisation(c.organisation()).orElseThrow().role();
            if (c.role() != Role.LOAD && c.role() != orgRole) {
                throw new GenesisException("client " + c.id() + " may hold LOAD or its organisation's role " + orgRole
                        + ", not " + c.role());
            }
        }
        return g;
    }

    /** The CA's public key; the CA certificate must be self-signed with a key of the consortium's algorithm. */
    public static PublicKey caKey(Genesis g) {
        try {
            X509CertificateHolder ca = Pem.readCertificate(g.caCertificatePem());
            PublicKey key = Certificates.subjectKey(ca);
            if (key.algorithm() != g.suite().signature()) {
                throw new GenesisException("CA key is " + key.algorithm().jsonName() + " but the consortium suite "
                        + g.suite() + " signs with " + g.suite().signature().jsonName());
            }
            if (!Certificates.isSignedBy(ca, key)) {
                throw new GenesisException("CA certificate is not self-signed by its own key");
            }
            return key;
        } catch (CryptoException e) {
            throw new GenesisException("CA certificate: " + e.getMessage(), e);
        }
    }

    /** The TLS CA every node's TLS certificate must chain to: self-signed, a CA, ECDSA P-256. */
    public static java.security.cert.X509Certificate tlsCa(Genesis g) {
        java.security.cert.X509Certificate c;
        try {
            c = org.fundchain.crypto.TlsCertificates.readCertificate(g.tlsCaCertificatePem());
        } catch (CryptoException e) {
            throw new GenesisException("TLS CA certificate: " + e.getMessage(), e);
        }
        String problem = org.fundchain.crypto.TlsCertificates.caProblem(c);
        if (problem != null) {
            throw new GenesisException(problem);
        }
        return c;
    }

    private static void checkMemberCertificate(Member m, PublicKey caKey) {
        X509CertificateHolder cert;
        PublicKey certKey;
        try {
            cert = Pem.readCertificate(m.certificatePem());
            certKey = Certificates.subjectKey(cert);
        } catch (CryptoException e) {
            throw new GenesisException("certificate of member " + m.nodeId() + ": " + e.getMessage(), e);
        }
        if (!Certificates.isSignedBy(cert, caKey)) {
            throw new GenesisException("certificate of member " + m.nodeId() + " is not signed by the consortium CA");
        }
        if (!certKey.equals(m.publicKey())) {
            throw new GenesisException("certificate of member " + m.nodeId() + " is for a different key than its publicKey");
        }
    }

    private static void requireOrg(Set<String> orgIds, String org, String who) {
        if (!orgIds.contains(org)) {
            throw new GenesisException(who + " belongs to unknown organisation " + org);
        }
    }

    private static Set<String> unique(String what, Iterable<String> values) {
        Set<String> seen = new HashSet<>();
        for (String v : values) {
            if (!seen.add(v)) {
                throw new GenesisException("duplicate " + what + " '" + v + "'");
            }
        }
        return seen;
    }
}
