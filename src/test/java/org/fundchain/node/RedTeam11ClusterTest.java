package org.fundchain.node;

import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.fundchain.codec.Base64Url;
import org.fundchain.codec.Json;
import org.fundchain.crypto.SigningKey;
import org.fundchain.ledger.CertifiedBlock;
import org.junit.jupiter.api.Test;

/**
 * Red team (issue 11), against four real chain runtimes. THREATS: anyone on the network may make nothing but "a
 * bounded registration request" commit, and every transaction costs a node bounded memory and storage.
 */
class RedTeam11ClusterTest {

    /**
     * One fresh, unadmitted key sends 40 registration requests of ~60 KiB each (junk in 'name' and an extra field).
     * The contract rejects all of them (one open request per key, field bounds) — but only after consensus: every one
     * is ordered, and its 60 KiB payload is stored for ever on every node. Nothing bounds how much an unadmitted
     * stranger writes into every member's ledger except the block rate.
     */
    @Test
    void unadmittedStrangerCannotGrowEveryLedgerWithRejectedRegistrationSpam() throws Exception {
        SecureRandom keys = SecureRandom.getInstance("SHA1PRNG");
        keys.setSeed(11L);
        try (LocalCluster c = new LocalCluster(keys)) {
            SigningKey stranger = SigningKey.generate(LocalCluster.SUITE.signature(), keys);
            int accepted = 0;
            long now = System.currentTimeMillis();
            String junk = "x".repeat(60_000);
            for (int i = 0; i < 40; i++) {
                TreeMap<String, Object> args = new TreeMap<>();
                args.put("org", "bank");
                args.put("name", junk);
                args.put("roles", List.of("COMMERCIAL_BANK"));
                SubmitResult r = c.node(i % 4).submit(envelope(stranger, payload(stranger, "registry", "requestRegistration", args,
                        "spam-" + i, now))).join();
                if (r.outcome() == SubmitResult.Outcome.ACCEPTED) {
                    accepted++;
                }
            }
            long deadline = System.currentTimeMillis() + 60_000;
            while (System.currentTimeMillis() < deadline) {
                boolean quiet = true;
                for (int i = 0; i < 4; i++) {
                    assertNull(c.node(i).status().failure());
                    quiet &= c.node(i).status().pending() == 0;
                }
                if (quiet) {
                    break;
                }
                Thread.sleep(50);
            }
            long storedBytes = 0;
            int storedTxs = 0;
            for (CertifiedBlock cb : c.chain(0)) {
                storedTxs += cb.block().transactions().size();
                storedBytes += cb.encode().length;
            }
            System.out.println("RT11 registration spam: accepted " + accepted + " of 40, stored " + storedTxs + " txs, "
                    + storedBytes + " bytes of blocks on each node");
            assertTrue(storedBytes < 200_000, "an unadmitted key made every node store " + storedBytes + " bytes in "
                    + storedTxs + " rejected registration requests (accepted " + accepted + " of 40)");
        }
    }

    /**
     * A Byzantine member (node3, here played by the test with node3's key) takes a client's payload it was given
     * (the client submitted to it) and gossips it re-signed by a fresh, unadmitted key of its own. The consensus
     * core checks only the signature of gossiped transactions, not admission, so the honest nodes order the copy;
     * it executes as NOT_ADMITTED under the client's transaction id. The client's own, validly signed transaction
     * can then never execute: every honest node answers its resubmission "duplicate", and f+1 honest nodes sign a
     * REJECTED receipt for its transaction hash. One Byzantine member censors any payload it sees, with honest
     * evidence.
     */
    @Test
    void byzantineMemberPreemptsAClientPayloadWithAStrangerSignature() throws Exception {
        SecureRandom keys = SecureRandom.getInstance("SHA1PRNG");
        keys.setSeed(12L);
        try (LocalCluster c = new LocalCluster(keys)) {
            c.node(3).stop();
            long now = System.currentTimeMillis();
            byte[] p = payload(c.client, "pressure", "add", Map.of(), "victim-1", now);
            SigningKey stranger = SigningKey.generate(LocalCluster.SUITE.signature(), keys);
            // the client's payload names its key: no copy under another key can even be parsed
            assertThrows(org.fundchain.codec.CodecException.class, () -> org.fundchain.ledger.Transaction.of(
                    LocalCluster.SUITE.hash(), p, stranger.algorithm(), stranger.publicKey().raw(), stranger.sign(p)));
            // a payload without the field (which no FundChain client writes) is what could be taken: never ordered
            byte[] bare = payload(null, "pressure", "add", Map.of(), "victim-1", now);
            org.fundchain.ledger.Transaction copy = org.fundchain.ledger.Transaction.of(LocalCluster.SUITE.hash(), bare,
                    stranger.algorithm(), stranger.publicKey().raw(), stranger.sign(bare));
            byte[] gossip = org.fundchain.consensus.Wire.sign(LocalCluster.CHAIN, 3,
                    new org.fundchain.consensus.Message.TxMessage(List.of(copy)),
                    new org.fundchain.consensus.KeySigner(c.nodeKeys.get(3))).encode();
            for (int i = 0; i < 3; i++) {
                c.node(i).receive(gossip);
            }
            // the client (who gave its envelope to node3) now tries an honest node
            SubmitResult r = c.node(1).submit(envelope(c.client, p)).join();
            String id = r.txHash();
            long deadline = System.currentTimeMillis() + 30_000;
            while (c.ledgers.get(0).transaction(LocalCluster.CHAIN, id).isEmpty() && System.currentTimeMillis() < deadline) {
                Thread.sleep(50);
            }
            assertTrue(c.ledgers.get(0).transaction(LocalCluster.CHAIN, copy.hashHex()).isEmpty(),
                    "a signer-less copy gossiped by one member was ordered");
            var stored = c.ledgers.get(0).transaction(LocalCluster.CHAIN, id);
            System.out.println("RT11 pre-emption: stored " + stored.map(t -> t.status() + " " + t.result()).orElse("nothing")
                    + "; client's resubmission: " + r.outcome() + " " + r.reason());
            assertTrue(stored.isEmpty() || stored.get().status().equals("COMMITTED"),
                    "the client's transaction id was taken by a stranger-signed copy gossiped by one Byzantine member: "
                    + stored.map(t -> t.status() + " " + t.result()).orElse(""));
            assertTrue(r.outcome() == SubmitResult.Outcome.ACCEPTED, "the client's own valid envelope is refused: " + r.reason());
        }
    }

    /**
     * The mempool is bounded by count only (ChainRuntime/Replica: 100,000 in production, 50,000 here), never by bytes,
     * and an unadmitted stranger may fill it with registration requests of 64 KiB payloads (the contract refuses them
     * only after ordering). 1,000 such submissions from one fresh key are all accepted (17 s on the shared 2-core machine, signing included; 693 still pending at height 3): ~57 MiB held
     * in memory by each node (envelope bytes, parsed args, gossip copies) until they drain at the block rate. At the
     * production count, 100,000 x 64 KiB is over 6 GiB against a 1 GiB heap: an OutOfMemoryError in the chain loop
     * sets its failure and stops the chain — input from a stranger stops a chain loop.
     */
    @Test
    void strangerCannotFillTheMempoolWithUnboundedBytes() throws Exception {
        SecureRandom keys = SecureRandom.getInstance("SHA1PRNG");
        keys.setSeed(14L);
        try (LocalCluster c = new LocalCluster(keys)) {
            SigningKey stranger = SigningKey.generate(LocalCluster.SUITE.signature(), keys);
            long now = System.currentTimeMillis();
            String junk = "y".repeat(60_000);
            long acceptedBytes = 0;
            int accepted = 0;
            long t0 = System.nanoTime();
            for (int i = 0; i < 1000; i++) {
                TreeMap<String, Object> args = new TreeMap<>();
                args.put("org", "bank");
                args.put("name", junk);
                args.put("roles", List.of("COMMERCIAL_BANK"));
                byte[] p = payload(stranger, "registry", "requestRegistration", args, "fill-" + i, now);
                if (c.node(0).submit(envelope(stranger, p)).join().outcome() == SubmitResult.Outcome.ACCEPTED) {
                    accepted++;
                    acceptedBytes += p.length;
                }
            }
            long ms = (System.nanoTime() - t0) / 1_000_000;
            int pending = c.node(0).status().pending();
            System.out.println("RT11 mempool fill: accepted " + accepted + " (" + acceptedBytes / 1024 / 1024 + " MiB) in " + ms
                    + " ms; pending now " + pending + " at height " + c.height(0));
            assertTrue(acceptedBytes <= 32L << 20, "one unadmitted key put " + (acceptedBytes >> 20)
                    + " MiB of registration spam into the mempool (" + accepted + " txs, " + ms + " ms); no byte bound");
        }
    }

    /**
     * Confidentiality (THREATS invariant 6): a low-role signer of another bank reads a flow it is no party to. The
     * business API hides it (Viewer.maySee: bank2 is not a party), but the contracts' read methods
     * (reconciliation.record / alerts, project.query, draft.query, fundraising.query) only ask Access.admitted, and
     * ChainAccess serves a transaction's outcome in full to its own signer. So: submit reconciliation.record as a
     * transaction, then read its receipt with a signed GET /transactions/{hash}.
     */
    @Test
    void otherBankReadsAForeignFlowThroughItsOwnQueryTransaction() throws Exception {
        SecureRandom keys = SecureRandom.getInstance("SHA1PRNG");
        keys.setSeed(15L);
        try (LocalCluster c = new LocalCluster(keys)) {
            SigningKey other = SigningKey.generate(LocalCluster.SUITE.signature(), keys);
            long now = System.currentTimeMillis();
            commit(c, c.admin, "registry", "registerOrganisation", Map.of("id", "bank2", "name", "Bank 2", "type",
                    "COMMERCIAL_BANK", "account", "ACC-BANK2"), "o1", now);
            commit(c, c.admin, "registry", "admit", Map.of("signer", LocalCluster.signerId(other.publicKey()), "org", "bank2",
                    "name", "other clerk", "roles", List.of("COMMERCIAL_BANK")), "o2", now);
            String pushed = commit(c, c.client, "reconciliation", "pushFlow", Map.of("serialNumber", "SER-SECRET-1", "amount",
                    "98765.43", "payerAccount", "ACC-PAYER", "payeeAccount", "ACC-PAYEE", "remitTime", now, "memo",
                    "confidential memo"), "f1", now);
            assertTrue(pushed.contains("COMMITTED"), pushed);
            String read = commit(c, other, "reconciliation", "record", Map.of("serialNumber", "SER-SECRET-1"), "q1", now);
            var viewer = new org.fundchain.fund.Viewer(LocalCluster.signerId(other.publicKey()), "bank2", "COMMERCIAL_BANK",
                    null, java.util.Set.of("COMMERCIAL_BANK"));
            var tx = c.chain(0).stream().flatMap(b -> b.block().transactions().stream())
                    .filter(t -> t.nonce().equals("q1")).findFirst().orElseThrow();
            var access = org.fundchain.fund.ChainAccess.forTransaction(org.fundchain.fund.ChainAccess.Reader.signer(viewer), tx);
            System.out.println("RT11 foreign read: access " + access + ", outcome " + read);
            assertTrue(access != org.fundchain.fund.ChainAccess.Access.FULL || !read.contains("confidential memo"),
                    "bank2 (no party to the flow) reads it in full from its own query transaction's outcome: " + read);
        }
    }

    /**
     * Registration caps (100 open requests in total, one per key, 7-day expiry): 100 fresh keys — free to make — fill
     * every slot in one go, and an honest applicant is refused REGISTRATIONS_FULL for 7 days. Rejecting them does not
     * help for long: the attacker refills at once with new keys, so registration stays closed as long as he likes.
     */
    @Test
    void byzantineMemberGetsAStaleEnvelopeExecutedThroughGossip() throws Exception {
        SecureRandom keys = SecureRandom.getInstance("SHA1PRNG");
        keys.setSeed(17L);
        try (LocalCluster c = new LocalCluster(keys)) {
            c.node(3).stop();
            long old = System.currentTimeMillis() - 2L * 86_400_000L;
            byte[] p = payload(c.client, "pressure", "add", Map.of(), "stale-1", old);
            SubmitResult viaRest = c.node(0).submit(envelope(c.client, p)).join();
            org.fundchain.ledger.Transaction tx = org.fundchain.ledger.Transaction.of(LocalCluster.SUITE.hash(), p,
                    c.client.algorithm(), c.client.publicKey().raw(), c.client.sign(p));
            byte[] gossip = org.fundchain.consensus.Wire.sign(LocalCluster.CHAIN, 3,
                    new org.fundchain.consensus.Message.TxMessage(List.of(tx)),
                    new org.fundchain.consensus.KeySigner(c.nodeKeys.get(3))).encode();
            for (int i = 0; i < 3; i++) {
                c.node(i).receive(gossip);
            }
            long deadline = System.currentTimeMillis() + 15_000;
            while (c.ledgers.get(0).transaction(LocalCluster.CHAIN, tx.hashHex()).isEmpty() && System.currentTimeMillis() < deadline) {
                Thread.sleep(50);
            }
            var stored = c.ledgers.get(0).transaction(LocalCluster.CHAIN, tx.hashHex());
            System.out.println("RT11 stale gossip: REST said " + viaRest.outcome() + " (" + viaRest.reason() + "); gossip -> "
                    + stored.map(t -> t.status() + " " + t.result()).orElse("not executed"));
            assertTrue(viaRest.outcome() != SubmitResult.Outcome.ACCEPTED, "REST accepts a two-day-old envelope");
            assertTrue(stored.isEmpty(), "a two-day-old envelope, refused by REST, executed through one member's gossip: "
                    + stored.map(t -> t.status() + " " + t.result()).orElse(""));
        }
    }

    /**
     * Red team (session 5): the 4 KiB bound on a stranger's registration request held for client submissions only;
     * a Byzantine member gossiping a 40 KiB request by a fresh key had honest nodes order it. Gossip and proposals
     * now pass the same rule (SubmitGate.isValid).
     */
    @Test
    void aByzantineMemberCannotGossipAnOversizedRegistrationRequest() throws Exception {
        SecureRandom keys = SecureRandom.getInstance("SHA1PRNG");
        keys.setSeed(19L);
        try (LocalCluster c = new LocalCluster(keys)) {
            c.node(3).stop();
            SigningKey stranger = SigningKey.generate(LocalCluster.SUITE.signature(), keys);
            TreeMap<String, Object> args = new TreeMap<>();
            args.put("org", "bank");
            args.put("name", "x".repeat(40_000));
            args.put("roles", List.of("COMMERCIAL_BANK"));
            byte[] p = payload(stranger, "registry", "requestRegistration", args, "big-1", System.currentTimeMillis());
            assertEquals(SubmitResult.Outcome.TOO_LARGE, c.node(0).submit(envelope(stranger, p)).join().outcome());
            org.fundchain.ledger.Transaction tx = org.fundchain.ledger.Transaction.of(LocalCluster.SUITE.hash(), p,
                    stranger.algorithm(), stranger.publicKey().raw(), stranger.sign(p));
            byte[] gossip = org.fundchain.consensus.Wire.sign(LocalCluster.CHAIN, 3,
                    new org.fundchain.consensus.Message.TxMessage(List.of(tx)),
                    new org.fundchain.consensus.KeySigner(c.nodeKeys.get(3))).encode();
            for (int i = 0; i < 3; i++) {
                c.node(i).receive(gossip);
            }
            // a later honest transaction commits; the gossiped request must not have been ordered before it
            commit(c, c.client, "pressure", "add", Map.of(), "after-big", System.currentTimeMillis());
            long h = c.height(0);
            for (int i = 0; i < 3; i++) {
                // the ledger is written before the loop publishes its status: wait for the status of that block,
                // else "pending" still counts the honest transaction itself (the CI failure of stop 17)
                int n = i;
                SubmitRaceTest.awaitTrue(() -> c.node(n).status().height() >= h, "node" + n + " publishes height " + h);
            }
            for (int i = 0; i < 3; i++) {
                assertTrue(c.ledgers.get(i).transaction(LocalCluster.CHAIN, tx.hashHex()).isEmpty(), "node" + i
                        + " ordered a 40 KiB registration request gossiped by one member");
                assertEquals(0, c.node(i).status().pending(), "node" + i + " holds the oversized request");
            }
        }
    }

    /** Submits, waits for the commit on node0, returns the stored status and result. */
    private static String commit(LocalCluster c, SigningKey key, String contract, String method, Map<String, ?> args,
            String nonce, long now) throws InterruptedException {
        SubmitResult r = c.node(0).submit(envelope(key, payload(key, contract, method, args, nonce, now))).join();
        assertTrue(r.outcome() == SubmitResult.Outcome.ACCEPTED, contract + "." + method + ": " + r.reason());
        long deadline = System.currentTimeMillis() + 30_000;
        while (System.currentTimeMillis() < deadline) {
            var t = c.ledgers.get(0).transaction(LocalCluster.CHAIN, r.txHash());
            if (t.isPresent()) {
                return t.get().status() + " " + t.get().result();
            }
            Thread.sleep(30);
        }
        throw new AssertionError(contract + "." + method + " did not commit");
    }

    /** A payload naming {@code signer} (null: without the field, as no FundChain client writes it). */
    static byte[] payload(SigningKey signer, String contract, String method, Map<String, ?> args, String nonce, long ts) {
        TreeMap<String, Object> p = new TreeMap<>();
        if (signer != null) {
            p.put("signer", org.fundchain.codec.Base64Url.encode(signer.publicKey().raw()));
        }
        p.put("chain", LocalCluster.CHAIN);
        p.put("contract", contract);
        p.put("method", method);
        p.put("args", new TreeMap<>(args));
        p.put("nonce", nonce);
        p.put("timestamp", ts);
        return Json.write(p).getBytes(StandardCharsets.UTF_8);
    }

    static Map<String, Object> envelope(SigningKey key, byte[] payload) {
        Map<String, Object> e = new TreeMap<>();
        e.put("payload", Base64Url.encode(payload));
        e.put("signer", Base64Url.encode(key.publicKey().raw()));
        e.put("alg", key.algorithm().jsonName());
        e.put("signature", Base64Url.encode(key.sign(payload)));
        return e;
    }
}
