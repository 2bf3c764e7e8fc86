package org.fundchain.consensus;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;

import org.fundchain.codec.Json;
import org.fundchain.crypto.HashAlgorithm;
import org.fundchain.crypto.SignatureAlgorithm;
import org.fundchain.ledger.Block;
import org.fundchain.ledger.BlockHeader;
import org.fundchain.ledger.CertifiedBlock;
import org.fundchain.ledger.CommitCertificate;
import org.fundchain.ledger.Merkle;
import org.fundchain.ledger.Transaction;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.Test;

/** Property: replicas given the same committed chain elect the same primary, for random chains. */
class PrimaryElectionPropertyTest {
    private static final HashAlgorithm H = HashAlgorithm.SHA256;

    static final class MemoryLedger implements CommittedLedger {
        final List<CertifiedBlock> blocks = new ArrayList<>();

        @Override
        public long height() {
            return blocks.size();
        }

        @Override
        public CertifiedBlock block(long height) {
            return height >= 1 && height <= blocks.size() ? blocks.get((int) height - 1) : null;
        }

        @Override
        public boolean containsReplayKey(String replayKey) {
            for (CertifiedBlock b : blocks) {
                for (Transaction t : b.block().transactions()) {
                    if (t.replayKey().equals(replayKey)) {
                        return true;
                    }
                }
            }
            return false;
        }

        @Override
        public boolean containsTxHash(String txHash) {
            for (CertifiedBlock b : blocks) {
                for (Transaction t : b.block().transactions()) {
                    if (t.hashHex().equals(txHash)) {
                        return true;
                    }
                }
            }
            return false;
        }
    }

    static Transaction tx(Random r, long ts) {
        Map<String, Object> p = new TreeMap<>();
        p.put("chain", "c");
        p.put("contract", "k");
        p.put("method", "m");
        p.put("args", Map.of());
        p.put("nonce", String.valueOf(r.nextLong()));
        p.put("timestamp", BigDecimal.valueOf(ts));
        byte[] signer = new byte[32];
        r.nextBytes(signer);
        return Transaction.of(H, Json.writeBytes(p), SignatureAlgorithm.ED25519, signer, new byte[64]);
    }

    /** A random chain: proposers, views, failed primaries, timestamps and late transactions all random. */
    static MemoryLedger randomChain(Random r, int n, int length) {
        MemoryLedger l = new MemoryLedger();
        byte[] prev = new byte[32];
        long view = 0;
        long ts = 10_000;
        for (int h = 1; h <= length; h++) {
            long v = view + (r.nextInt(4) == 0 ? r.nextInt(n + 2) : 0);
            List<Integer> failed = new ArrayList<>();
            for (long u = Math.max(view, v - n); u < v; u++) {
                failed.add(r.nextInt(n));
            }
            ts += 1 + r.nextInt(500);
            List<Transaction> txs = new ArrayList<>();
            for (int i = r.nextInt(4); i > 0; i--) {
                txs.add(tx(r, ts - r.nextInt(2000)));
            }
            BlockHeader header = new BlockHeader("c", h, prev, Merkle.rootOf(H, txs), new byte[32], ts, r.nextInt(n), v, failed, txs.size());
            Block b = new Block(header, txs);
            l.blocks.add(new CertifiedBlock(b, new CommitCertificate(v, h, b.hash(H), List.of())));
            prev = b.hash(H);
            view = v;
        }
        return l;
    }

    static Replica replica(CommittedLedger l, int n, int self, PrimaryPolicy p) {
        TestSigning s = new TestSigning(n);
        ConsensusConfig cfg = ConsensusConfig.builder("c", H, s, self, s.signer(self), new byte[32]).primaryPolicy(p).build();
        return new Replica(cfg, l, tx -> true, null);
    }

    @RepeatedTest(40)
    void sameChainSamePrimary(org.junit.jupiter.api.RepetitionInfo info) {
        Random r = new Random(info.getCurrentRepetition() * 7919L);
        int n = r.nextBoolean() ? 4 : 7;
        MemoryLedger chain = randomChain(r, n, 1 + r.nextInt(60));
        // A second copy of the chain, rebuilt from its canonical bytes, as another replica would hold it.
        MemoryLedger copy = new MemoryLedger();
        for (CertifiedBlock cb : chain.blocks) {
            copy.blocks.add(CertifiedBlock.decode(cb.encode(), H));
        }
        for (PrimaryPolicy p : PrimaryPolicy.values()) {
            Replica a = replica(chain, n, 0, p);
            Replica b = replica(copy, n, n - 1, p);
            assertArrayEquals(a.creditScores(), b.creditScores());
            long base = chain.blocks.get(chain.blocks.size() - 1).block().header().view();
            for (long v = base; v < base + 3L * n; v++) {
                assertEquals(a.primary(v), b.primary(v), "view " + v);
                assertTrue(a.primary(v) >= 0 && a.primary(v) < n);
            }
        }
    }

    @Test
    void creditElectionExcludesThisHeightsFailedPrimariesAndFollowsScores() {
        Random r = new Random(5);
        MemoryLedger chain = randomChain(r, 4, 30);
        Replica a = replica(chain, 4, 0, PrimaryPolicy.CREDIT);
        long base = chain.blocks.get(29).block().header().view();
        List<Integer> firstFour = new ArrayList<>();
        for (long v = base; v < base + 4; v++) {
            firstFour.add(a.primary(v));
        }
        Collections.sort(firstFour);
        assertEquals(List.of(0, 1, 2, 3), firstFour, "within N views at one height every member gets a turn");

        // Over many heights the roulette follows the scores: a member with score 1 against three with 10
        // should win about 1/31 of draws.
        CreditScores scores = new CreditScores(4, 5, 0, 500);
        for (int i = 0; i < 40; i++) {
            scores.apply(new BlockHeader("c", i + 1, new byte[32], new byte[32], new byte[32], i, 1, 0, List.of(0), 0), List.of());
        }
        Map<Integer, Integer> wins = new HashMap<>();
        for (int i = 0; i < 20_000; i++) {
            byte[] prev = H.digest(new byte[] {(byte) i, (byte) (i >> 8)});
            wins.merge(PrimaryElection.credit(scores, List.of(), prev, 0, H), 1, Integer::sum);
        }
        double share0 = wins.getOrDefault(0, 0) / 20_000.0;
        assertTrue(share0 > 0.02 && share0 < 0.05, "share of the low-score member " + share0);
    }

    @Test
    void rotationIsHMinusVModN() {
        assertEquals(1, PrimaryElection.rotation(4, 5, 0));
        assertEquals(0, PrimaryElection.rotation(4, 5, 1));
        assertEquals(3, PrimaryElection.rotation(4, 5, 2));
        assertEquals(2, PrimaryElection.rotation(4, 1, 3));
    }
}
