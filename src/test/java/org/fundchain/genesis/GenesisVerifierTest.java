package org.fundchain.genesis;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.SortedMap;
import java.util.TreeMap;

import org.fundchain.codec.Json;
import org.fundchain.crypto.CryptoSuite;
import org.fundchain.crypto.SigningKey;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class GenesisVerifierTest {

    private static String pin(CryptoSuite suite, SignedGenesis s) {
        return SignedGenesis.hash(suite, s.document());
    }

    private static void assertRefused(String expectedFragment, SignedGenesis s, String pinned) {
        GenesisException e = assertThrows(GenesisException.class, () -> GenesisVerifier.verify(s, pinned));
        assertTrue(e.getMessage().contains(expectedFragment), "message was: " + e.getMessage());
    }

    @ParameterizedTest
    @EnumSource(CryptoSuite.class)
    void aGenuineGenesisVerifiesAndRoundTrips(CryptoSuite suite) {
        TestConsortium tc = new TestConsortium(suite);
        Genesis g = tc.genesis();
        SignedGenesis s = tc.signed(g);
        Genesis back = GenesisVerifier.verify(s, pin(suite, s));
        assertEquals(g, back);
        assertArrayEquals(s.document(), GenesisCodec.encode(back), "encoding must be stable");
        assertEquals(64, pin(suite, s).length());
    }

    @ParameterizedTest
    @EnumSource(CryptoSuite.class)
    void aTamperedSignatureIsRefused(CryptoSuite suite) {
        TestConsortium tc = new TestConsortium(suite);
        SignedGenesis s = tc.signed(tc.genesis());
        byte[] sig = s.signature();
        sig[sig.length / 2] ^= 0x01;
        assertRefused("signature does not verify", new SignedGenesis(s.document(), sig), pin(suite, s));
    }

    @ParameterizedTest
    @EnumSource(CryptoSuite.class)
    void aSignatureByAnotherKeyIsRefused(CryptoSuite suite) {
        TestConsortium tc = new TestConsortium(suite);
        SignedGenesis s = tc.signed(tc.genesis());
        byte[] forged = SigningKey.generate(suite.signature(), tc.random).sign(s.document());
        assertRefused("signature does not verify", new SignedGenesis(s.document(), forged), pin(suite, s));
    }

    @ParameterizedTest
    @EnumSource(CryptoSuite.class)
    void aTamperedDocumentIsRefusedByThePinnedHash(CryptoSuite suite) {
        TestConsortium tc = new TestConsortium(suite);
        SignedGenesis s = tc.signed(tc.genesis());
        String text = new String(s.document(), StandardCharsets.UTF_8);
        long max = BlockParameters.defaults().maxMessageCount();
        byte[] tampered = text.replace("\"maxMessageCount\":" + max, "\"maxMessageCount\":" + (max + 1)).getBytes(StandardCharsets.UTF_8);
        assertTrue(!text.equals(new String(tampered, StandardCharsets.UTF_8)), "the test must change the document");
        assertRefused("genesis hash mismatch", new SignedGenesis(tampered, s.signature()), pin(suite, s));
    }

    /** Whoever can replace the genesis file can re-sign it with a CA of their own: the pinned hash stops that. */
    @ParameterizedTest
    @EnumSource(CryptoSuite.class)
    void aGenesisReplacedAndResignedByAnotherCaIsRefused(CryptoSuite suite) {
        TestConsortium genuine = new TestConsortium(suite);
        SignedGenesis s = genuine.signed(genuine.genesis());
        TestConsortium attacker = new TestConsortium(suite);
        SignedGenesis forged = attacker.signed(attacker.genesis());
        GenesisVerifier.verify(forged, pin(suite, forged)); // self-consistent on its own...
        assertRefused("genesis hash mismatch", forged, pin(suite, s)); // ...but not the pinned one
    }

    @ParameterizedTest
    @EnumSource(CryptoSuite.class)
    void aGenesisIsNeverTrustedWithoutAPinnedHash(CryptoSuite suite) {
        TestConsortium tc = new TestConsortium(suite);
        SignedGenesis s = tc.signed(tc.genesis());
        assertRefused("no pinned genesis hash", s, null);
        assertRefused("no pinned genesis hash", s, " ");
    }

    @ParameterizedTest
    @EnumSource(CryptoSuite.class)
    void nonCanonicalBytesAreRefusedEvenWhenPinnedAndSigned(CryptoSuite suite) {
        TestConsortium tc = new TestConsortium(suite);
        byte[] doc = (" " + new String(GenesisCodec.encode(tc.genesis()), StandardCharsets.UTF_8)).getBytes(StandardCharsets.UTF_8);
        SignedGenesis s = new SignedGenesis(doc, tc.caKey.sign(doc));
        assertRefused("canonical", s, pin(suite, s));
    }

    /** An SM2 consortium whose member key is a point on NIST P-256: same length, wrong curve. */
    @org.junit.jupiter.api.Test
    void aMemberKeyOnTheWrongCurveIsRefused() {
        TestConsortium tc = new TestConsortium(CryptoSuite.SM);
        SortedMap<String, Object> json = new TreeMap<>(GenesisCodec.toJson(tc.genesis()));
        byte[] p256 = WrongCurve.p256PublicPoint();
        assertEquals(65, p256.length);
        json.put("members", replaceFirstMemberKey(json, org.fundchain.codec.Base64Url.encode(p256)));
        byte[] doc = Json.writeBytes(json);
        SignedGenesis s = new SignedGenesis(doc, tc.caKey.sign(doc));
        assertRefused("is not a valid SM2 public key", s, SignedGenesis.hash(CryptoSuite.SM, doc));
    }

    @org.junit.jupiter.api.Test
    void anEd25519KeyInAnSm2ConsortiumIsRefused() {
        TestConsortium tc = new TestConsortium(CryptoSuite.SM);
        SortedMap<String, Object> json = new TreeMap<>(GenesisCodec.toJson(tc.genesis()));
        byte[] ed = SigningKey.generate(org.fundchain.crypto.SignatureAlgorithm.ED25519, tc.random).publicKey().raw();
        json.put("members", replaceFirstMemberKey(json, org.fundchain.codec.Base64Url.encode(ed)));
        byte[] doc = Json.writeBytes(json);
        SignedGenesis s = new SignedGenesis(doc, tc.caKey.sign(doc));
        assertRefused("is not a valid SM2 public key", s, SignedGenesis.hash(CryptoSuite.SM, doc));
    }

    @ParameterizedTest
    @EnumSource(CryptoSuite.class)
    void aMemberCertificateFromAnotherCaIsRefused(CryptoSuite suite) {
        TestConsortium tc = new TestConsortium(suite);
        TestConsortium other = new TestConsortium(suite);
        Genesis g = tc.genesisWithMember0Key(tc.nodeKeys.get(0).publicKey(), other.cert(0, tc.nodeKeys.get(0).publicKey()));
        SignedGenesis s = tc.signed(g);
        assertRefused("is not signed by the consortium CA", s, pin(suite, s));
    }

    @ParameterizedTest
    @EnumSource(CryptoSuite.class)
    void aMemberCertificateForAnotherKeyIsRefused(CryptoSuite suite) {
        TestConsortium tc = new TestConsortium(suite);
        Genesis g = tc.genesisWithMember0Key(tc.nodeKeys.get(0).publicKey(), tc.cert(0, tc.nodeKeys.get(1).publicKey()));
        SignedGenesis s = tc.signed(g);
        assertRefused("different key", s, pin(suite, s));
    }

    @org.junit.jupiter.api.Test
    void unknownFieldsAreRefused() {
        TestConsortium tc = new TestConsortium(CryptoSuite.STANDARD);
        SortedMap<String, Object> json = new TreeMap<>(GenesisCodec.toJson(tc.genesis()));
        json.put("backdoor", "x");
        byte[] doc = Json.writeBytes(json);
        SignedGenesis s = new SignedGenesis(doc, tc.caKey.sign(doc));
        assertRefused("unknown field 'backdoor'", s, SignedGenesis.hash(CryptoSuite.STANDARD, doc));
    }

    @org.junit.jupiter.api.Test
    void aChainNamingAnUnknownMemberIsRefused() {
        TestConsortium tc = new TestConsortium(CryptoSuite.STANDARD);
        Genesis g = tc.genesis();
        Genesis bad = new Genesis(g.format(), g.consortium(), g.suite(), g.createdAt(), g.caCertificatePem(), g.tlsCaCertificatePem(),
                g.organisations(), g.members(),
                java.util.List.of(new ChainSpec("main", java.util.List.of("node0", "node9"), BlockParameters.defaults())),
                g.users(), g.clients());
        SignedGenesis s = tc.signed(bad);
        assertRefused("unknown member node9", s, pin(CryptoSuite.STANDARD, s));
    }

    @SuppressWarnings("unchecked")
    private static java.util.List<Object> replaceFirstMemberKey(SortedMap<String, Object> json, String key) {
        java.util.List<Object> members = new java.util.ArrayList<>((java.util.List<Object>) json.get("members"));
        SortedMap<String, Object> m0 = new TreeMap<>((java.util.Map<String, Object>) members.get(0));
        m0.put("publicKey", key);
        members.set(0, m0);
        return members;
    }
}
