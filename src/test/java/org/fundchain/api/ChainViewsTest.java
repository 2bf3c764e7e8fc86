package org.fundchain.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;

import org.fundchain.codec.Base64Url;
import org.fundchain.codec.Json;
import org.fundchain.crypto.HashAlgorithm;
import org.fundchain.crypto.SignatureAlgorithm;
import org.fundchain.crypto.SigningKey;
import org.fundchain.fund.ChainAccess;
import org.fundchain.fund.Viewer;
import org.fundchain.ledger.Block;
import org.fundchain.ledger.BlockHeader;
import org.fundchain.ledger.CertifiedBlock;
import org.fundchain.ledger.CommitCertificate;
import org.fundchain.ledger.Merkle;
import org.fundchain.ledger.Reply;
import org.fundchain.ledger.Transaction;
import org.fundchain.ledger.jpa.TransactionRecord;
import org.junit.jupiter.api.Test;

/**
 * Issue 11 item 5: raw blocks and transactions gave every payload and result to anyone. Business data (payloads,
 * results, receipts that carry a result) now goes only to signed reads by signers who see everything, member nodes
 * and — for a transaction — its own signer; everyone else gets headers, hashes and certificates.
 */
class ChainViewsTest {
    static final SecureRandom RND = new SecureRandom();
    static final HashAlgorithm HASH = HashAlgorithm.SHA256;
    static final String SECRET = "SECRET-BUSINESS-7f3a";
    static final String SECRET_RESULT = "SECRET-RESULT-91c2";

    final SigningKey client = SigningKey.generate(SignatureAlgorithm.ED25519, RND);
    final List<SigningKey> members = List.of(key(), key(), key(), key());
    final List<String> ids = List.of("node0", "node1", "node2", "node3");
    final Transaction tx = tx();
    final CertifiedBlock block = block(tx);
    final TransactionRecord record = new TransactionRecord("set-1", tx.hashHex(), 1, 0, "k", "project", "apply", "COMMITTED",
            "{\"result\":{\"note\":\"" + SECRET_RESULT + "\"}}");
    final Reply reply = new Reply("set-1", 1, 1, tx.hash(), tx.timestamp(), 0, record.result().getBytes(StandardCharsets.UTF_8),
            new byte[64]);

    static SigningKey key() {
        return SigningKey.generate(SignatureAlgorithm.ED25519, RND);
    }

    Transaction tx() {
        return tx("project", "apply", Map.of("name", SECRET));
    }

    Transaction tx(String contract, String method, Map<String, Object> args) {
        SortedMap<String, Object> p = new TreeMap<>();
        p.put("chain", "set-1");
        p.put("contract", contract);
        p.put("method", method);
        p.put("args", args);
        p.put("nonce", "n1");
        p.put("timestamp", BigDecimal.valueOf(1_767_225_600_000L));
        byte[] payload = Json.writeBytes(p);
        return Transaction.of(HASH, payload, SignatureAlgorithm.ED25519, client.publicKey().raw(), client.sign(payload));
    }

    CertifiedBlock block(Transaction t) {
        BlockHeader h = new BlockHeader("set-1", 1, new byte[32], Merkle.rootOf(HASH, List.of(t)), new byte[32], 1000L, 0, 1,
                List.of(), 1);
        Block b = new Block(h, List.of(t));
        List<CommitCertificate.Vote> votes = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            votes.add(new CommitCertificate.Vote(i, members.get(i).sign(CommitCertificate.signingBytes("set-1", i, 1, 1, b.hash(HASH)))));
        }
        return new CertifiedBlock(b, new CommitCertificate(1, 1, b.hash(HASH), votes));
    }

    static void assertNoBusiness(String json, Transaction t) {
        assertFalse(json.contains(SECRET), json);
        assertFalse(json.contains(SECRET_RESULT), json);
        assertFalse(json.contains(Base64Url.encode(t.payload()).substring(0, 40)), "payload bytes leaked: " + json);
        assertFalse(json.contains("\"encoded\""), json);
        assertFalse(json.contains("\"outcome\""), json);
        assertFalse(json.contains("\"receipt\""), json);
    }

    @Test
    void aPublicBlockHasHeadersHashesAndCertificateButNoPayloads() {
        SortedMap<String, Object> v = ChainViews.block(block, HASH, ids, ChainAccess.Access.PUBLIC);
        String json = Json.write(v);
        assertNoBusiness(json, tx);
        for (String k : new String[] {"height", "hash", "prevHash", "txRoot", "stateRoot", "timestamp", "proposer", "view",
                "transactions", "certificate"}) {
            assertTrue(v.containsKey(k), k);
        }
        assertEquals(List.of(tx.hashHex()), v.get("transactions"));
        assertEquals("PUBLIC", v.get("access"));
    }

    @Test
    void aFullBlockCarriesTheEncodedBlock() {
        SortedMap<String, Object> v = ChainViews.block(block, HASH, ids, ChainAccess.Access.FULL);
        CertifiedBlock back = CertifiedBlock.decode(Base64Url.decode((String) v.get("encoded"), "encoded"), HASH);
        assertEquals(tx.hashHex(), back.block().transactions().get(0).hashHex());
        assertEquals("FULL", v.get("access"));
    }

    @Test
    void aPublicTransactionStatusHasNoResultNoReceiptNoCallName() {
        SortedMap<String, Object> v = ChainViews.committed(record, reply, "node0", ChainAccess.Access.PUBLIC);
        String json = Json.write(v);
        assertNoBusiness(json, tx);
        assertFalse(json.contains("\"apply\""), json);
        assertEquals("COMMITTED", v.get("status"));
        assertEquals(1L, ((Number) v.get("height")).longValue());
        assertEquals(tx.hashHex(), v.get("txHash"));
    }

    @Test
    void aFullTransactionStatusHasOutcomeAndReceipt() {
        SortedMap<String, Object> v = ChainViews.committed(record, reply, "node0", ChainAccess.Access.FULL);
        assertTrue(Json.write(v).contains(SECRET_RESULT));
        assertTrue(v.containsKey("receipt"));
        assertEquals("apply", v.get("method"));
    }

    // who is allowed: the one rule of ChainAccess

    final Viewer auditor = new Viewer("ed25519:aa", "pf", "PROVINCIAL_FINANCE", null, Set.of("PROVINCIAL_FINANCE"));
    final Viewer admin = new Viewer("ed25519:bb", "adm", "ADMIN", null, Set.of("ADMIN"));
    final Viewer clerk = new Viewer("ed25519:cc", "iu", "IMPLEMENTATION_UNIT", "c1", Set.of("IMPLEMENTATION_UNIT"));
    final Viewer bank = new Viewer("ed25519:dd", "bank", "COMMERCIAL_BANK", null, Set.of("COMMERCIAL_BANK"));

    @Test
    void onlyAllSeeingSignersAndMemberNodesGetWholeBlocks() {
        assertEquals(ChainAccess.Access.PUBLIC, ChainAccess.forBlock(ChainAccess.Reader.ANONYMOUS));
        assertEquals(ChainAccess.Access.FULL, ChainAccess.forBlock(ChainAccess.Reader.signer(admin)));
        assertEquals(ChainAccess.Access.FULL, ChainAccess.forBlock(ChainAccess.Reader.signer(auditor)));
        assertEquals(ChainAccess.Access.FULL, ChainAccess.forBlock(ChainAccess.Reader.MEMBER_NODE));
        assertEquals(ChainAccess.Access.PUBLIC, ChainAccess.forBlock(ChainAccess.Reader.signer(clerk)));
        assertEquals(ChainAccess.Access.PUBLIC, ChainAccess.forBlock(ChainAccess.Reader.signer(bank)));
    }

    @Test
    void aTransactionIsAlsoVisibleToItsOwnSignerButNoOtherLowRole() {
        String own = "ed25519:" + org.fundchain.crypto.Hex.encode(tx.signer());
        Viewer signer = new Viewer(own, "iu", "IMPLEMENTATION_UNIT", "c1", Set.of("IMPLEMENTATION_UNIT"));
        assertEquals(ChainAccess.Access.FULL, ChainAccess.forTransaction(ChainAccess.Reader.signer(signer), tx));
        assertEquals(ChainAccess.Access.PUBLIC, ChainAccess.forTransaction(ChainAccess.Reader.signer(clerk), tx));
        assertEquals(ChainAccess.Access.PUBLIC, ChainAccess.forTransaction(ChainAccess.Reader.ANONYMOUS, tx));
        assertEquals(ChainAccess.Access.FULL, ChainAccess.forTransaction(ChainAccess.Reader.signer(auditor), tx));
        assertEquals(ChainAccess.Access.FULL, ChainAccess.forTransaction(ChainAccess.Reader.MEMBER_NODE, tx));
        assertEquals(ChainAccess.Access.PUBLIC, ChainAccess.forTransaction(ChainAccess.Reader.signer(signer), null),
                "no stored transaction to compare: not the owner");
    }

    /**
     * Red team (session 5): the registry's {@code signer} and {@code organisation} reads answer with another
     * member's record, but the read-method list lived in ChainAccess and named only query/record/alerts — so an
     * implementation-unit clerk read any organisation's record (accounts included) through its own transaction's
     * outcome. The contracts now declare their read methods; every one of them is hidden from its own signer.
     */
    @Test
    void theOutcomeOfEveryReadMethodAContractDeclaresIsHiddenFromItsOwnSigner() {
        String own = "ed25519:" + org.fundchain.crypto.Hex.encode(client.publicKey().raw());
        Viewer signer = new Viewer(own, "iu", "IMPLEMENTATION_UNIT", "c1", Set.of("IMPLEMENTATION_UNIT"));
        for (String[] read : new String[][] {{"registry", "signer"}, {"registry", "organisation"}, {"project", "query"},
                {"draft", "query"}, {"fundraising", "query"}, {"reconciliation", "record"}, {"reconciliation", "alerts"}}) {
            Transaction t = tx(read[0], read[1], Map.of("id", "other"));
            assertEquals(ChainAccess.Access.PUBLIC, ChainAccess.forTransaction(ChainAccess.Reader.signer(signer), t),
                    read[0] + "." + read[1] + " is a read: its outcome is another's record");
            assertEquals(ChainAccess.Access.FULL, ChainAccess.forTransaction(ChainAccess.Reader.signer(auditor), t));
        }
        for (org.fundchain.contract.api.Contract c : org.fundchain.contracts.FundChainContracts.all()) {
            assertTrue(c.methods().containsAll(c.readMethods()), c.name() + " declares reads it does not have");
        }
        // a write stays visible to its own signer; the load counter is no business record
        assertEquals(ChainAccess.Access.FULL, ChainAccess.forTransaction(ChainAccess.Reader.signer(signer),
                tx("registry", "requestRegistration", Map.of("id", "other"))));
        assertEquals(ChainAccess.Access.FULL, ChainAccess.forTransaction(ChainAccess.Reader.signer(signer),
                tx("pressure", "get", Map.of())));
    }

    /**
     * Red team (session 5, issue 11): {@code reconciliation.checking} (any admitted signer, any serial number) runs the
     * check and returns {@code record(serial)} — the whole reconciliation record, with the other organisation's
     * registration and the bank's flow, exactly what the declared read {@code record} returns. It was not declared a
     * read, so the own signer of a checking transaction (a clerk of any organisation) got that record in full from
     * {@code GET /transactions/{hash}}.
     */
    @Test
    void reconciliationCheckingAnswersWithTheRecordSoItsOutcomeIsHiddenLikeARead() {
        String own = "ed25519:" + org.fundchain.crypto.Hex.encode(client.publicKey().raw());
        Viewer signer = new Viewer(own, "iu", "IMPLEMENTATION_UNIT", "c1", Set.of("IMPLEMENTATION_UNIT"));
        Transaction t = tx("reconciliation", "checking", Map.of("serialNumber", "SN-OF-ANOTHER-ORG"));
        assertEquals(ChainAccess.Access.PUBLIC, ChainAccess.forTransaction(ChainAccess.Reader.signer(signer), t));
        assertEquals(ChainAccess.Access.FULL, ChainAccess.forTransaction(ChainAccess.Reader.signer(auditor), t));
    }

    // who is reading: the read signature decides (ChainResource.identify)

    static final String PATH = "/api/v1/chains/set-1/transactions/ab";
    static final long NOW = 1_767_225_600_000L;

    ChainResource.Identified identify(SigningKey k, java.util.function.Function<String, Optional<Viewer>> registry) {
        Map<String, String> h = k == null ? Map.of()
                : org.fundchain.envelope.ReadSignature.headers(k, "GET", PATH, "waitMs=10", NOW);
        org.fundchain.ledger.MemberKeys keys = new org.fundchain.ledger.MemberKeys(members.stream().map(SigningKey::publicKey).toList());
        return ChainResource.identify(keys, registry, "set-1", PATH, "waitMs=10", h.get(org.fundchain.envelope.ReadSignature.SIGNER),
                h.get(org.fundchain.envelope.ReadSignature.TIMESTAMP), h.get(org.fundchain.envelope.ReadSignature.SIGNATURE), NOW);
    }

    @Test
    void theReadSignatureDecidesWhoIsReading() {
        assertEquals(ChainAccess.Reader.ANONYMOUS, identify(null, id -> Optional.empty()).reader());
        assertEquals(ChainAccess.Reader.MEMBER_NODE, identify(members.get(2), id -> Optional.empty()).reader());

        SigningKey auditorKey = key();
        String auditorId = org.fundchain.envelope.ReadSignature.signerId(auditorKey);
        Viewer v = new Viewer(auditorId, "pf", "PROVINCIAL_FINANCE", null, Set.of("PROVINCIAL_FINANCE"));
        ChainAccess.Reader r = identify(auditorKey, id -> id.equals(auditorId) ? Optional.of(v) : Optional.empty()).reader();
        assertEquals(ChainAccess.Access.FULL, ChainAccess.forBlock(r));

        // a valid signature by a key the registry does not admit: no role, but its own transactions
        ChainAccess.Reader own = identify(client, id -> Optional.empty()).reader();
        assertEquals(ChainAccess.Access.PUBLIC, ChainAccess.forBlock(own));
        assertEquals(ChainAccess.Access.FULL, ChainAccess.forTransaction(own, tx));
        assertEquals(ChainAccess.Access.PUBLIC, ChainAccess.forTransaction(identify(key(), id -> Optional.empty()).reader(), tx));

        // a forged read signature claiming the transaction's signer (or a member node) is refused, not served
        Map<String, String> h = org.fundchain.envelope.ReadSignature.headers(key(), "GET", PATH, "waitMs=10", NOW);
        for (String claimed : new String[] {org.fundchain.envelope.ReadSignature.signerId(client),
                org.fundchain.envelope.ReadSignature.signerId(members.get(0))}) {
            org.fundchain.ledger.MemberKeys keys = new org.fundchain.ledger.MemberKeys(members.stream().map(SigningKey::publicKey).toList());
            ChainResource.Identified forged = ChainResource.identify(keys, id -> Optional.empty(), "set-1", PATH, "waitMs=10", claimed,
                    h.get(org.fundchain.envelope.ReadSignature.TIMESTAMP), h.get(org.fundchain.envelope.ReadSignature.SIGNATURE), NOW);
            assertEquals(null, forged.reader());
            assertEquals(401, forged.failure().status());
        }
        // a signature for another path (a replayed public-block read used on a transaction) is refused too
        Map<String, String> other = org.fundchain.envelope.ReadSignature.headers(client, "GET", "/api/v1/chains/set-1/blocks/1", null, NOW);
        org.fundchain.ledger.MemberKeys keys = new org.fundchain.ledger.MemberKeys(members.stream().map(SigningKey::publicKey).toList());
        assertEquals(401, ChainResource.identify(keys, id -> Optional.empty(), "set-1", PATH, "waitMs=10",
                other.get(org.fundchain.envelope.ReadSignature.SIGNER), other.get(org.fundchain.envelope.ReadSignature.TIMESTAMP),
                other.get(org.fundchain.envelope.ReadSignature.SIGNATURE), NOW).failure().status());
    }
}
