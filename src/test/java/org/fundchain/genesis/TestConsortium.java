package org.fundchain.genesis;

import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;

import org.bouncycastle.cert.X509CertificateHolder;
import org.fundchain.crypto.Certificates;
import org.fundchain.crypto.CryptoSuite;
import org.fundchain.crypto.Pem;
import org.fundchain.crypto.PublicKey;
import org.fundchain.crypto.SigningKey;

/** A small, real consortium (CA, four members, one user, one client) built for genesis tests. */
final class TestConsortium {
    static final long T0 = 1_750_000_000_000L;
    final CryptoSuite suite;
    final SecureRandom random = new SecureRandom();
    final SigningKey caKey;
    final X509CertificateHolder ca;
    final List<SigningKey> nodeKeys = new ArrayList<>();

    /** One TLS CA for all test consortia: P-256 key generation is not what these tests are about. */
    static final String TLS_CA_PEM = org.fundchain.crypto.TlsCertificates.pem(org.fundchain.crypto.TlsCertificates.selfSignedCa(
            "Test TLS CA", org.fundchain.crypto.TlsCertificates.generateKey(new java.security.SecureRandom()), T0, 3650));

    TestConsortium(CryptoSuite suite) {
        this.suite = suite;
        this.caKey = SigningKey.generate(suite.signature(), random);
        this.ca = Certificates.selfSignedCa("Test CA", caKey, T0, 3650);
        for (int i = 0; i < 4; i++) {
            nodeKeys.add(SigningKey.generate(suite.signature(), random));
        }
    }

    Genesis genesis() {
        return genesisWithMember0Key(nodeKeys.get(0).publicKey(), cert(0, nodeKeys.get(0).publicKey()));
    }

    String cert(int i, PublicKey key) {
        return Pem.certificate(Certificates.issue(ca, caKey, "node" + i, "Org " + i, key, T0, 365));
    }

    Genesis genesisWithMember0Key(PublicKey key0, String cert0) {
        List<Organisation> orgs = new ArrayList<>();
        List<Member> members = new ArrayList<>();
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            orgs.add(new Organisation("org" + i, "Org " + i, Role.values()[i + 1], "node" + i));
            PublicKey k = i == 0 ? key0 : nodeKeys.get(i).publicKey();
            members.add(new Member("node" + i, "org" + i, k, i == 0 ? cert0 : cert(i, k),
                    "ws://localhost:" + (9080 + i) + "/peer", "http://localhost:" + (9080 + i) + "/api"));
            ids.add("node" + i);
        }
        PublicKey user = SigningKey.generate(suite.signature(), random).publicKey();
        PublicKey client = SigningKey.generate(suite.signature(), random).publicKey();
        return new Genesis(Genesis.FORMAT, "Test Consortium", suite, T0, Pem.certificate(ca), TLS_CA_PEM, orgs, members,
                List.of(new ChainSpec("main", ids, BlockParameters.defaults())),
                List.of(new DemoUser("lgo", "Leading Group Office", Role.LEADING_GROUP_OFFICE, "org0", user)),
                List.of(new AdmittedClient("demo-client", "org2", Role.LOAD, client)));
    }

    SignedGenesis signed(Genesis g) {
        return SignedGenesis.sign(g, caKey);
    }
}
