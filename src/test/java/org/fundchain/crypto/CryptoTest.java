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

    /**
     * Red team 7: SHA-256 now runs on one JDK MessageDigest per thread. A call that fails half way (a null part of a
     * Merkle node after others were fed in) must not leave its bytes in the digest for the thread's next hash, which
     * would then differ from every other node's. (No caller passes a null part today; the digest must not depend on it.)
     */
    @Test
    void aFailedSha256DigestLeavesNothingBehindForTheThreadsNextDigest() {
        byte[] abc = "abc".getBytes(StandardCharsets.US_ASCII);
        byte[] expected = HashAlgorithm.SHA256.digest(abc);
        assertThrows(RuntimeException.class, () -> HashAlgorithm.SHA256.digest(new byte[] {1, 2, 3}, null));
        assertArrayEquals(expected, HashAlgorithm.SHA256.digest(abc));
        assertThrows(RuntimeException.class, () -> HashAlgorithm.SHA256.digest(abc, 2, 5));
        assertArrayEquals(expected, HashAlgorithm.SHA256.digest(abc));
    }

    /** The JDK's SHA-256 is BC's, byte for byte: whole arrays, slices and concatenated parts, empty ones included. */
    @Test
    void jdkSha256IsBouncyCastlesSha256() {
        java.util.Random r = new java.util.Random(7);
        for (int i = 0; i < 200; i++) {
            byte[] a = new byte[r.nextInt(i < 100 ? 200 : 70_000)];
            r.nextBytes(a);
            int off = a.length == 0 ? 0 : r.nextInt(a.length);
            int len = a.length - off == 0 ? 0 : r.nextInt(a.length - off);
            assertArrayEquals(bc(a, 0, a.length), HashAlgorithm.SHA256.digest(a));
            assertArrayEquals(bc(a, off, len), HashAlgorithm.SHA256.digest(a, off, len));
            byte[] both = new byte[a.length * 2];
            System.arraycopy(a, 0, both, 0, a.length);
            System.arraycopy(a, 0, both, a.length, a.length);
            assertArrayEquals(bc(both, 0, both.length), HashAlgorithm.SHA256.digest(a, new byte[0], a));
        }
    }

    private static byte[] bc(byte[] a, int off, int len) {
        org.bouncycastle.crypto.digests.SHA256Digest d = new org.bouncycastle.crypto.digests.SHA256Digest();
        d.update(a, off, len);
        byte[] out = new byte[32];
        d.doFinal(out, 0);
        return out;
    }

    /**
     * Ed25519 verification without the signer's message copy decides as Ed25519Signer does: a valid signature, one
     * over another message, a changed R or S, S + L (not canonical), a signature of another key, the wrong length.
     */
    @Test
    void ed25519VerificationAgreesWithBouncyCastlesSigner() {
        SigningKey k = SigningKey.generate(SignatureAlgorithm.ED25519, RANDOM);
        SigningKey other = SigningKey.generate(SignatureAlgorithm.ED25519, RANDOM);
        org.bouncycastle.crypto.params.Ed25519PublicKeyParameters bcKey =
                new org.bouncycastle.crypto.params.Ed25519PublicKeyParameters(k.publicKey().raw(), 0);
        java.util.List<byte[][]> cases = new java.util.ArrayList<>();
        for (byte[] msg : new byte[][] {new byte[0], MSG, new byte[100_000]}) {
            byte[] sig = k.sign(msg);
            cases.add(new byte[][] {msg, sig});
            byte[] otherMsg = msg.length == 0 ? new byte[] {1} : msg.clone();
            if (msg.length > 0) {
                otherMsg[msg.length / 2] ^= 1;
            }
            cases.add(new byte[][] {otherMsg, sig});
            byte[] r = sig.clone();
            r[3] ^= 4;
            cases.add(new byte[][] {msg, r});
            byte[] sS = sig.clone();
            sS[40] ^= 1;
            cases.add(new byte[][] {msg, sS});
            cases.add(new byte[][] {msg, plusL(sig)});
            cases.add(new byte[][] {msg, other.sign(msg)});
            cases.add(new byte[][] {msg, java.util.Arrays.copyOf(sig, 63)});
        }
        int valid = 0;
        for (byte[][] c : cases) {
            org.bouncycastle.crypto.signers.Ed25519Signer v = new org.bouncycastle.crypto.signers.Ed25519Signer();
            v.init(false, bcKey);
            v.update(c[0], 0, c[0].length);
            boolean expected = v.verifySignature(c[1]);
            assertEquals(expected, k.publicKey().verify(c[0], c[1]));
            valid += expected ? 1 : 0;
        }
        assertEquals(3, valid, "exactly the three untouched signatures verify");
    }

    /** The signature with S + L (the group order) in place of S: the same point equation, not canonical. */
    private static byte[] plusL(byte[] sig) {
        java.math.BigInteger l = java.math.BigInteger.TWO.pow(252).add(new java.math.BigInteger("27742317777372353535851937790883648493"));
        byte[] le = java.util.Arrays.copyOfRange(sig, 32, 64);
        byte[] be = new byte[32];
        for (int i = 0; i < 32; i++) {
            be[i] = le[31 - i];
        }
        byte[] sum = new java.math.BigInteger(1, be).add(l).toByteArray();
        byte[] out = sig.clone();
        java.util.Arrays.fill(out, 32, 64, (byte) 0);
        for (int i = 0; i < Math.min(32, sum.length); i++) {
            out[32 + i] = sum[sum.length - 1 - i]; // S + L < 2^253 fits the 32 bytes
        }
        return out;
    }

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
