package org.fundchain.crypto;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;

import org.bouncycastle.asn1.sec.SECNamedCurves;
import org.bouncycastle.asn1.x9.X9ECParameters;
import org.bouncycastle.crypto.generators.ECKeyPairGenerator;
import org.bouncycastle.crypto.params.ECDomainParameters;
import org.bouncycastle.crypto.params.ECKeyGenerationParameters;
import org.bouncycastle.crypto.params.ECPublicKeyParameters;
import org.bouncycastle.crypto.util.SubjectPublicKeyInfoFactory;
import org.bouncycastle.util.io.pem.PemObject;
import org.bouncycastle.util.io.pem.PemWriter;
import org.junit.jupiter.api.Test;

class CryptoTest {
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final byte[] MSG = "转账 100.00 元".getBytes(StandardCharsets.UTF_8);

    @Test
    void sha256AndSm3KnownAnswers() {
        byte[] abc = "abc".getBytes(StandardCharsets.US_ASCII);
        assertEquals("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad",
                Hex.encode(HashAlgorithm.SHA256.digest(abc)));
        // GB/T 32905-2016 example 1
        assertEquals("66c7f0f462eeedd9d1f2d46bdc10e4e24167c4875cf2f7a2297da02b8f4ba8e0",
                Hex.encode(HashAlgorithm.SM3.digest(abc)));
        assertArrayEquals(HashAlgorithm.SHA256.digest(abc),
                HashAlgorithm.SHA256.digest("a".getBytes(StandardCharsets.US_ASCII), "bc".getBytes(StandardCharsets.US_ASCII)));
    }

    @Test
    void ed25519Rfc8032TestVector1() {
        SigningKey key = SigningKey.ed25519FromSeed(
                Hex.decode("9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60"));
        assertEquals("d75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a", key.publicKey().hex());
        byte[] sig = key.sign(new byte[0]);
        assertEquals("e5564300c360ac729086e2cc806e828a84877f1eb8e5d974d873e065224901555fb8821590a33bacc61e39701cf9b46bd25bf5f0595bbe24655141438e7a100b",
                Hex.encode(sig));
        assertTrue(key.publicKey().verify(new byte[0], sig));
    }

    @Test
    void signAndVerifyBothAlgorithms() {
        for (SignatureAlgorithm alg : SignatureAlgorithm.values()) {
            SigningKey key = SigningKey.generate(alg, RANDOM);
            byte[] sig = key.sign(MSG);
            assertTrue(key.publicKey().verify(MSG, sig), alg + " verifies");
            key.publicKey().requireValid(MSG, sig);
            PublicKey roundTrip = PublicKey.of(alg, key.publicKey().raw());
            assertEquals(key.publicKey(), roundTrip);
            assertTrue(roundTrip.verify(MSG, sig));
        }
    }

    @Test
    void tamperedSignatureOrMessageIsRefused() {
        for (SignatureAlgorithm alg : SignatureAlgorithm.values()) {
            SigningKey key = SigningKey.generate(alg, RANDOM);
            byte[] sig = key.sign(MSG);
            byte[] bad = sig.clone();
            bad[bad.length / 2] ^= 0x01;
            assertFalse(key.publicKey().verify(MSG, bad), alg + " tampered signature");
            CryptoException e = assertThrows(CryptoException.class, () -> key.publicKey().requireValid(MSG, bad));
            assertTrue(e.getMessage().contains("does not verify") || e.getMessage().contains("bytes"), e.getMessage());
            byte[] otherMsg = MSG.clone();
            otherMsg[0] ^= 1;
            assertFalse(key.publicKey().verify(otherMsg, sig));
            SigningKey other = SigningKey.generate(alg, RANDOM);
            assertFalse(other.publicKey().verify(MSG, sig), "another key's signature");
        }
    }

    @Test
    void malformedSignaturesNeverThrowFromVerify() {
        SigningKey ed = SigningKey.generate(SignatureAlgorithm.ED25519, RANDOM);
        SigningKey sm = SigningKey.generate(SignatureAlgorithm.SM2, RANDOM);
        for (byte[] junk : new byte[][] { new byte[0], new byte[1], new byte[63], new byte[65], new byte[200] }) {
            assertFalse(ed.publicKey().verify(MSG, junk));
            assertFalse(sm.publicKey().verify(MSG, junk));
        }
        assertFalse(ed.publicKey().verify(null, new byte[64]));
        assertThrows(CryptoException.class, () -> ed.publicKey().requireValid(MSG, new byte[10]));
        assertThrows(CryptoException.class, () -> ed.publicKey().requireValid(MSG, null));
    }

    @Test
    void malformedPublicKeysAreRefusedWithReason() {
        CryptoException e = assertThrows(CryptoException.class, () -> PublicKey.of(SignatureAlgorithm.ED25519, new byte[31]));
        assertTrue(e.getMessage().contains("32 bytes"));
        e = assertThrows(CryptoException.class, () -> PublicKey.of(SignatureAlgorithm.SM2, new byte[33]));
        assertTrue(e.getMessage().contains("65-byte"));
        byte[] notOnCurve = new byte[65];
        notOnCurve[0] = 4;
        notOnCurve[64] = 7;
        assertThrows(CryptoException.class, () -> PublicKey.of(SignatureAlgorithm.SM2, notOnCurve));
    }

    @Test
    void keyOnTheWrongCurveIsRefused() throws Exception {
        // A valid P-256 point is not a point of sm2p256v1.
        X9ECParameters p256 = SECNamedCurves.getByName("secp256r1");
        ECKeyPairGenerator g = new ECKeyPairGenerator();
        g.init(new ECKeyGenerationParameters(new ECDomainParameters(p256), RANDOM));
        ECPublicKeyParameters pub = (ECPublicKeyParameters) g.generateKeyPair().getPublic();
        byte[] raw = pub.getQ().getEncoded(false);
        assertThrows(CryptoException.class, () -> PublicKey.of(SignatureAlgorithm.SM2, raw));

        java.io.StringWriter sw = new java.io.StringWriter();
        try (PemWriter w = new PemWriter(sw)) {
            w.writeObject(new PemObject("PUBLIC KEY", SubjectPublicKeyInfoFactory.createSubjectPublicKeyInfo(pub).getEncoded()));
        }
        CryptoException e = assertThrows(CryptoException.class, () -> Pem.readPublicKey(sw.toString()));
        assertTrue(e.getMessage().contains("wrong curve"), e.getMessage());
    }

    @Test
    void pemRoundTripsAndRefusesGarbage() {
        for (SignatureAlgorithm alg : SignatureAlgorithm.values()) {
            SigningKey key = SigningKey.generate(alg, RANDOM);
            String pem = Pem.privateKey(key);
            assertTrue(pem.startsWith("-----BEGIN PRIVATE KEY-----"));
            SigningKey back = Pem.readPrivateKey(pem, RANDOM);
            assertEquals(key.publicKey(), back.publicKey());
            assertTrue(key.publicKey().verify(MSG, back.sign(MSG)));
            assertEquals(key.publicKey(), Pem.readPublicKey(Pem.publicKey(key.publicKey())));
        }
        assertThrows(CryptoException.class, () -> Pem.readPrivateKey("", RANDOM));
        assertThrows(CryptoException.class, () -> Pem.readPrivateKey("-----BEGIN PRIVATE KEY-----\nAAAA\n-----END PRIVATE KEY-----\n", RANDOM));
        String pub = Pem.publicKey(SigningKey.generate(SignatureAlgorithm.ED25519, RANDOM).publicKey());
        CryptoException e = assertThrows(CryptoException.class, () -> Pem.readPrivateKey(pub, RANDOM));
        assertTrue(e.getMessage().contains("PRIVATE KEY"));
    }

    @Test
    void certificatesChainToTheCa() {
        for (SignatureAlgorithm alg : SignatureAlgorithm.values()) {
            SigningKey ca = SigningKey.generate(alg, RANDOM);
            SigningKey node = SigningKey.generate(alg, RANDOM);
            long t = 1_700_000_000_000L;
            var caCert = Certificates.selfSignedCa("FundChain CA, test", ca, t, 3650);
            var nodeCert = Certificates.issue(caCert, ca, "node0", "Provincial Finance", node.publicKey(), t, 365);
            assertTrue(Certificates.isSignedBy(caCert, ca.publicKey()));
            assertTrue(Certificates.isSignedBy(nodeCert, ca.publicKey()));
            assertFalse(Certificates.isSignedBy(nodeCert, node.publicKey()));
            assertEquals(node.publicKey(), Certificates.subjectKey(nodeCert));
            var reread = Pem.readCertificate(Pem.certificate(nodeCert));
            assertEquals(nodeCert, reread);
        }
    }

    @Test
    void suitesAndNamesParse() {
        assertEquals(CryptoSuite.SM, CryptoSuite.parse("sm"));
        assertEquals(SignatureAlgorithm.SM2, CryptoSuite.SM.signature());
        assertEquals(HashAlgorithm.SM3, CryptoSuite.SM.hash());
        assertEquals(SignatureAlgorithm.ED25519, SignatureAlgorithm.fromJsonName("Ed25519"));
        assertThrows(CryptoException.class, () -> SignatureAlgorithm.fromJsonName("RSA"));
        assertThrows(CryptoException.class, () -> CryptoSuite.parse("nope"));
    }
}
