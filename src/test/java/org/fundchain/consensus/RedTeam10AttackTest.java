package org.fundchain.consensus;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.util.ArrayList;
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
import org.junit.jupiter.api.Test;

/**
 * Red-team 10 attacks on the consensus core after the issue-10 rework. Each test asserts what must hold; a failing
 * test is a confirmed finding. Times are step arguments only.
 */
class RedTeam10AttackTest {
    private static final HashAlgorithm H = HashAlgorithm.SHA256;
    private static final int N = 4;
    private static final byte[] ROOT = new byte[32];
    private static final long HOUR = 3_600_000;
    private static final long SKEW = 30_000;
    private static final long GRACE = 1000;

    private final TestSigning keys = new TestSigning(N);
    private final Random r = new Random(1010);

    private ConsensusConfig config(int self, java.util.function.Consumer<ConsensusConfig.Builder> tune) {
        ConsensusConfig.Builder b = ConsensusConfig.builder("c", H, keys, self, keys.signer(self), new byte[32])
                .primaryPolicy(PrimaryPolicy.ROTATION).maxClockSkewMs(SKEW).censorshipGraceMs(GRACE)
                .viewTimeout(10 * HOUR, 10 * HOUR).forwardAfterMs(10 * HOUR).complainAfterMs(10 * HOUR);
        tune.accept(b);
        return b.build();
    }

    private Replica replica(int self, PrimaryElectionPropertyTest.MemoryLedger ledger, long at,
            java.util.function.Consumer<ConsensusConfig.Builder> tune) {
        Replica rep = new Replica(config(self, tune), ledger, tx -> true, null);
        rep.step(at, new Event.Executed(ledger.height(), ROOT, List.of()));
        return rep;
    }

    private static Transaction tx(byte[] signer, String nonce, long ts, int pad) {
        Map<String, Object> p = new TreeMap<>();
        p.put("chain", "c");
        p.put("contract", "k");
        p.put("method", "m");
        p.put("args", pad == 0 ? Map.of() : Map.of("pad", "x".repeat(pad)));
        p.put("nonce", nonce);
        p.put("timestamp", BigDecimal.valueOf(ts));
        return Transaction.of(H, Json.writeBytes(p), SignatureAlgorithm.ED25519, signer, new byte[64]);
    }

    private Transaction tx(long ts) {
        byte[] signer = new byte[32];
        r.nextBytes(signer);
        return tx(signer, String.valueOf(r.nextLong()), ts, 0);
    }

    private static List<Signed> sent(Ready rd, Class<? extends Message> type) {
        List<Signed> out = new ArrayList<>();
        for (Ready.Outbound o : rd.messages()) {
            Signed s = Wire.decode(o.bytes(), H);
            if (type.isInstance(s.body())) {
                out.add(s);
            }
        }
        return out;
    }

    private static void deliver(Replica to, long at, Ready from) {
        for (Ready.Outbound o : from.messages()) {
            to.step(at, new Event.Receive(o.bytes()));
        }
    }

    // ------------------------------------------------------------------ 1. framing through the refusal rule

    /**
     * Honest members, clocks 20 s apart (inside the 30 s skew). A client (any admitted signer, or an honest one whose
     * clock runs fast) submits to backup B a transaction dated B's clock + 29 s. B admits it and gossips it to every
     * member; the primary P, whose clock is 20 s behind B's, sees it 49 s in the future and refuses it at admission.
     * Once P's clock makes the transaction proposable, P proposes a block (with room) without it: B calls that a
     * "proven miss" and refuses to PREPARE the honest primary's block. With N = 4 one Byzantine backup withholding
     * its PREPARE is enough to time the round out, and P goes on the chain as a failed primary: framed.
     */
    @Test
    void backupRefusesHonestPrimaryThatNeverHadTheTransaction() {
        long bClock = 0;           // B's clock = P's clock + 20 s
        long offset = 20_000;
        Replica b = replica(0, new PrimaryElectionPropertyTest.MemoryLedger(), HOUR, c -> { });
        Replica p = replica(1, new PrimaryElectionPropertyTest.MemoryLedger(), HOUR - offset, c -> { });
        assertEquals(1, b.primary());
        assertEquals(1, p.primary());
        Transaction future = tx(HOUR + 29_000);
        Ready rs = b.step(HOUR, new Event.Submit(future));
        assertTrue(rs.rejected().isEmpty(), "B admits it: inside its window");
        Ready rt = b.step(HOUR, new Event.Tick());
        assertEquals(1, sent(rt, Message.TxMessage.class).size(), "B gossips it to every member (evidence: forwardedAt)");
        deliver(p, HOUR - offset + 5, rs);
        deliver(p, HOUR - offset + 5, rt);
        assertEquals(0, p.pendingCount(), "P refuses it: 49 s ahead of P's clock (outside P's window)");
        // 29 s later by P's clock the transaction is proposable; P proposes the work it has (one client tx of its own).
        long pNow = HOUR + 29_000;
        Ready pp = p.step(pNow, new Event.Submit(tx(pNow)));
        List<Signed> proposals = sent(pp, Message.PrePrepare.class);
        assertEquals(1, proposals.size(), "P proposes");
        Ready answer = b.step(pNow + offset, new Event.Receive(proposals.get(0).encode()));
        bClock = pNow + offset;
        assertTrue(!sent(answer, Message.Prepare.class).isEmpty(),
                "B (clock " + bClock + ") refused to PREPARE an honest primary's block for leaving out a transaction P never "
                        + "admitted (P's clock was within the skew): framing through the refusal rule");
    }

    // ------------------------------------------------------------------ 2. expiry leaves the duplicate index behind

    /**
     * A pending transaction expires (maxTxAge after its timestamp), but its transaction id and (signer, nonce) stay in
     * {@code pendingKeys}: the never-executed (signer, nonce) is refused as "pending" forever on that node, and every
     * expired transaction's keys stay in memory (outside the mempool's byte bound).
     */
    @Test
    void expiredTransactionDoesNotBlockItsNonceForever() {
        long maxAge = 60_000;
        Replica rep = replica(0, new PrimaryElectionPropertyTest.MemoryLedger(), 1000, c -> c.maxTxAgeMs(maxAge));
        byte[] signer = new byte[32];
        r.nextBytes(signer);
        // gossip from member 2 (the primary of height 1 is member 1; it never proposes here)
        Transaction t = tx(signer, "7", 1000, 0);
        rep.step(1000, new Event.Receive(Wire.sign("c", 2, new Message.TxMessage(List.of(t)), keys.signer(2)).encode()));
        assertEquals(1, rep.pendingCount());
        long later = 1000 + maxAge + 1;
        rep.step(later, new Event.Tick());
        assertEquals(0, rep.pendingCount(), "expired");
        Transaction retry = tx(signer, "7", later, 0); // same (signer, nonce), never executed anywhere
        Ready rd = rep.step(later, new Event.Submit(retry));
        assertTrue(rd.rejected().isEmpty(), "the retry of a never-executed (signer, nonce) was refused: " + rd.rejected());
        assertEquals(1, rep.pendingCount());
    }

    // ------------------------------------------------------------------ 3. lastServedTo is reset by any serve

    /**
     * A Byzantine member reads the whole chain again and again: any rate-limited serve (a BlockRequest for height 1,
     * or an old-height round message) sets lastServedTo back to 64, after which "progress" requests 65, 129, ... are
     * each answered at once with 64 blocks / 4 MiB read from storage on the consensus thread. One walk costs one
     * rate-limited request, so the honest node reads and sends the entire chain every resendInterval/3.
     */
    @Test
    void byzantinePeerCannotReadTheWholeChainRepeatedly() {
        int chainLen = 2000;
        PrimaryElectionPropertyTest.MemoryLedger ledger = new PrimaryElectionPropertyTest.MemoryLedger();
        byte[] prev = new byte[32];
        for (long h = 1; h <= chainLen; h++) {
            BlockHeader hd = new BlockHeader("c", h, prev, Merkle.rootOf(H, List.of()), ROOT, h, (int) (h % N), 0, List.of(), 0);
            Block blk = new Block(hd, List.of());
            prev = blk.hash(H);
            ledger.blocks.add(new CertifiedBlock(blk, new CommitCertificate(0, h, prev, List.of())));
        }
        long t0 = HOUR;
        Replica rep = replica(0, ledger, t0, c -> { });
        int byz = 3;
        long served = 0;
        for (long t = t0; t < t0 + 1000; t += 100) { // one second, resendInterval 300 ms
            long from = 1;
            while (true) {
                Ready rd = rep.step(t, new Event.Receive(Wire.sign("c", byz, new Message.BlockRequest(from), keys.signer(byz)).encode()));
                List<Signed> bs = sent(rd, Message.Blocks.class);
                if (bs.isEmpty()) {
                    break;
                }
                List<CertifiedBlock> got = ((Message.Blocks) bs.get(0).body()).blocks();
                served += got.size();
                from = got.get(got.size() - 1).height() + 1;
            }
        }
        assertTrue(served <= 2L * chainLen,
                "one Byzantine peer made the node read and send " + served + " blocks in one second (chain of " + chainLen + ")");
    }

    // ------------------------------------------------------------------ 4. the height+2 buffer

    /**
     * Round messages for height + 2 are buffered up to 16·N regardless of sender or size. One Byzantine member fills
     * the buffer with 16·N PRE-PREPAREs, each as large as a peer frame allows (about AbsoluteMaxBytes, 98 MB by
     * default: 6 GB at N = 4); honest early messages are then dropped.
     */
    @Test
    void oneByzantineMemberCannotFillTheFutureBuffer() {
        Replica rep = replica(0, new PrimaryElectionPropertyTest.MemoryLedger(), HOUR, c -> { });
        int byz = 3;
        List<Transaction> txs = new ArrayList<>();
        for (int i = 0; i < 64; i++) {
            txs.add(tx(new byte[32], "n" + i + "-" + r.nextLong(), HOUR, 16_000));
        }
        txs.sort(java.util.Comparator.comparingLong(Transaction::timestamp).thenComparing(Transaction::hashHex));
        long bytes = 0;
        for (int i = 0; i < 16 * N; i++) {
            BlockHeader hd = new BlockHeader("c", 2, new byte[32], Merkle.rootOf(H, txs), ROOT, HOUR + i, byz, i, List.of(), txs.size());
            byte[] m = Wire.sign("c", byz, new Message.PrePrepare(i, 2, new Block(hd, txs)), keys.signer(byz)).encode();
            bytes += m.length;
            rep.step(HOUR, new Event.Receive(m));
        }
        byte[] honest = Wire.sign("c", 2, new Message.Prepare(0, 2, new byte[32]), keys.signer(2)).encode();
        rep.step(HOUR, new Event.Receive(honest));
        List<Signed> future = rep.round.future;
        long held = 0;
        boolean honestKept = false;
        for (Signed s : future) {
            held += s.encode().length;
            honestKept |= s.sender() == 2;
        }
        assertTrue(honestKept && held <= 4L * 1024 * 1024,
                "one Byzantine member holds " + held + " bytes in the height+2 buffer (sent " + bytes + "), honest message kept: "
                        + honestKept + "; with 98 MB frames that is 16*N*98 MB");
    }

    // ------------------------------------------------------------------ 5. failedPrimaries of a re-proposal

    private Signed signed(int m, Message body) {
        return Wire.sign("c", m, body, keys.signer(m));
    }

    /** f Byzantine members claim a huge height (BlockRequest(Long.MIN_VALUE) wraps to Long.MAX_VALUE): ignored. */
    @Test
    void byzantineCannotInflateNetworkHeight() {
        Replica rep = replica(0, new PrimaryElectionPropertyTest.MemoryLedger(), HOUR, c -> { });
        rep.step(HOUR, new Event.Receive(signed(3, new Message.BlockRequest(Long.MIN_VALUE)).encode()));
        rep.step(HOUR, new Event.Receive(signed(3, new Message.Checkpoint(1_000_000_000L, new byte[32], new byte[32])).encode()));
        assertEquals(0, rep.networkHeight());
    }

    /** Far-future VIEW-CHANGEs under the credit policy cost at most N draws. */
    @Test
    void farFutureViewChangeIsCheap() {
        Replica rep = replica(0, new PrimaryElectionPropertyTest.MemoryLedger(), HOUR, c -> c.primaryPolicy(PrimaryPolicy.CREDIT));
        for (long v : new long[] {PrimarySchedule.MAX_VIEW_SPAN, PrimarySchedule.MAX_VIEW_SPAN - 1, 999_983, Long.MAX_VALUE}) {
            rep.step(HOUR, new Event.Receive(signed(3, new Message.ViewChange(1, v, null)).encode()));
        }
        assertTrue(rep.scheduleDraws() <= N, "draws " + rep.scheduleDraws());
    }
}
