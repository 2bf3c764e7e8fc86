package org.fundchain.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.security.SecureRandom;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SortedMap;

import org.fundchain.codec.Base64Url;
import org.fundchain.contract.api.Args;
import org.fundchain.crypto.SignatureAlgorithm;
import org.fundchain.crypto.SigningKey;
import org.fundchain.envelope.ReadSignature;
import org.fundchain.fund.Milestone;
import org.fundchain.fund.Viewer;
import org.junit.jupiter.api.Test;

/** Request signing, bank-flow validation and the JSON form of the read model, without a server. */
class BusinessApiTest {
    static final SecureRandom RND = new SecureRandom();
    static final long NOW = 1_767_225_600_000L;
    static final String PATH = "/api/v1/chains/main/fund/projects";

    final SigningKey key = SigningKey.generate(SignatureAlgorithm.ED25519, RND);
    final String id = ReadSignature.signerId(key);
    final Viewer viewer = new Viewer(id, "lgo", "LEADING_GROUP_OFFICE", null, Set.of("LEADING_GROUP_OFFICE"));

    ReadAuth.Result check(String path, String query, Map<String, String> h, long now) {
        return ReadAuth.check(s -> s.equals(id) ? Optional.of(viewer) : Optional.empty(), "main", "GET", path, query,
                h.get(ReadSignature.SIGNER), h.get(ReadSignature.TIMESTAMP), h.get(ReadSignature.SIGNATURE), now);
    }

    @Test
    void signedReadIsAcceptedOnlyForItsOwnRequestAndTime() {
        Map<String, String> h = ReadSignature.headers(key, "GET", PATH, "status=APPLIED", NOW);
        assertEquals(viewer, check(PATH, "status=APPLIED", h, NOW + 1000).viewer());
        assertEquals(401, check(PATH, "status=REJECTED", h, NOW).status(), "another query");
        assertEquals(401, check(PATH + "/P000001", "status=APPLIED", h, NOW).status(), "another path");
        assertEquals(401, check(PATH, "status=APPLIED", h, NOW + ReadAuth.MAX_SKEW_MS + 1).status(), "too old");
        assertEquals(401, check(PATH, "status=APPLIED", Map.of(), NOW).status(), "unsigned");
        Map<String, String> bad = new java.util.TreeMap<>(h);
        bad.put(ReadSignature.SIGNATURE, Base64Url.encode(new byte[64]));
        assertEquals(401, check(PATH, "status=APPLIED", bad, NOW).status(), "wrong signature");
        bad.put(ReadSignature.SIGNATURE, "not base64!");
        assertEquals(401, check(PATH, "status=APPLIED", bad, NOW).status());
        bad = new java.util.TreeMap<>(h);
        bad.put(ReadSignature.SIGNER, "ed25519:zz");
        assertEquals(401, check(PATH, "status=APPLIED", bad, NOW).status(), "malformed signer");

        SigningKey stranger = SigningKey.generate(SignatureAlgorithm.ED25519, RND);
        Map<String, String> hs = ReadSignature.headers(stranger, "GET", PATH, null, NOW);
        assertEquals(403, check(PATH, null, hs, NOW).status(), "valid signature, not admitted");
        assertEquals(viewer, check(PATH, null, ReadSignature.headers(key, "GET", PATH, null, NOW), NOW).viewer(),
                "no query string signs as empty");
    }

    @Test
    void sm2KeysSignReadsToo() {
        SigningKey sm2 = SigningKey.generate(SignatureAlgorithm.SM2, RND);
        String sid = ReadSignature.signerId(sm2);
        Map<String, String> h = ReadSignature.headers(sm2, "GET", PATH, "", NOW);
        ReadAuth.Result r = ReadAuth.check(s -> s.equals(sid) ? Optional.of(viewer) : Optional.empty(), "main", "GET", PATH, "",
                h.get(ReadSignature.SIGNER), h.get(ReadSignature.TIMESTAMP), h.get(ReadSignature.SIGNATURE), NOW);
        assertTrue(r.ok());
    }

    @Test
    void bankFlowFieldsAreValidatedBeforeSubmitting() {
        SortedMap<String, Object> good = Args.of("serialNumber", "BK-0001", "amount", "1250.50", "payerAccount", "ACC-LP",
                "payeeAccount", "ACC-CFC", "remitTime", NOW, "memo", "project P1");
        assertNull(BankFlowResource.validate(good));
        assertMessage("serialNumber", with(good, "serialNumber", "BK 1"));
        assertMessage("serialNumber", with(good, "serialNumber", "x".repeat(65)));
        assertMessage("amount", with(good, "amount", "12.345"));
        assertMessage("amount", with(good, "amount", "-1.00"));
        assertMessage("amount", with(good, "amount", "0.00"));
        assertMessage("amount", with(good, "amount", 12));
        assertMessage("amount", with(good, "amount", "99999999999999.00"));
        assertMessage("payeeAccount", with(good, "payeeAccount", ""));
        assertMessage("payerAccount", with(good, "payerAccount", "A".repeat(65)));
        assertMessage("remitTime", with(good, "remitTime", "yesterday"));
        assertMessage("remitTime", with(good, "remitTime", -5L));
        assertMessage("memo", with(good, "memo", "m".repeat(257)));
        assertMessage("unknown field", with(good, "note", "x"));
        assertMessage("args", "not an object");
    }

    private static SortedMap<String, Object> with(SortedMap<String, Object> m, String k, Object v) {
        SortedMap<String, Object> c = new java.util.TreeMap<>(m);
        c.put(k, v);
        return c;
    }

    private static void assertMessage(String expected, Object args) {
        String m = BankFlowResource.validate(args);
        assertTrue(m != null && m.contains(expected), () -> "expected a message about " + expected + ", got " + m);
    }

    @Test
    void recordsBecomeJsonWithMoneyAsStrings() {
        Object json = FundJson.of(List.of(new Milestone(0, "greenhouses", new BigDecimal("600000.00"), true)));
        assertEquals(List.of(Args.of("amount", "600000.00", "completed", true, "index", 0L, "name", "greenhouses")), json);
        assertEquals(null, ((Map<?, ?>) FundJson.of(new org.fundchain.fund.StatusChange("APPLIED", 5, "x", null))).get("note"),
                "nulls are left out");
        assertEquals(0, FundResource.intParam(null, 0, 0, 10));
        assertNull(FundResource.intParam("11", 0, 0, 10));
        assertNull(FundResource.intParam("-1", 0, 0, 10));
        assertNull(FundResource.intParam("99999999999", 0, 0, 10));
        assertEquals(7, FundResource.intParam("7", 0, 0, 10));
    }
}
