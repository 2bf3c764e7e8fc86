package org.fundchain.consensus;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import org.fundchain.crypto.HashAlgorithm;
import org.fundchain.crypto.SignatureAlgorithm;
import org.fundchain.ledger.Block;
import org.fundchain.ledger.BlockHeader;
import org.fundchain.ledger.CertifiedBlock;
import org.fundchain.ledger.CommitCertificate;
import org.fundchain.ledger.Merkle;
import org.fundchain.ledger.Transaction;
import org.fundchain.peer.PeerLimits;
import org.junit.jupiter.api.Test;

/**
 * Red team 7: whatever catch-up sends must fit the receiving member's peer frame limit
 * ({@link PeerLimits#forMaxBlockBytes}: AbsoluteMaxBytes + 1 MiB, at most 32 MiB − 1 KiB). A frame past it closes the
 * link at the receiver, and the same request from the same height gets the same response again: the node asking
 * never gets past that batch (a wiped member never recovers). A response stops adding blocks past 4 MiB, but always
 * adds the block that crosses it; and a block the core accepted must fit a response on its own, with its certificate.
 */
class CatchUpFrameLimitTest {
    private static final HashAlgorithm H = HashAlgorithm.SHA256;
    private static final int N = 4;
    private static final byte[] GENESIS = new byte[32];
    private static final byte[] ROOT = new byte[32];
    private static final long NOW = 3_600_000;
    private static final int TX_BYTES = 62 * 1024;

    private final TestSigning keys = new TestSigning(N);
    private int nonce;

    /** A transaction of about {@code size} encoded bytes (its signature is not checked: the core's check says yes). */
    private Transaction tx(int size) {
        int n = nonce++;
        String head = "{\"args\":{\"a\":\"";
        String tail = "\"},\"chain\":\"c\",\"contract\":\"k\",\"method\":\"m\",\"nonce\":\"" + n + "\",\"timestamp\":" + (NOW - 1000) + "}";
        int fill = Math.max(1, size - 109 - head.length() - tail.length());
        byte[] p = (head + "x".repeat(fill) + tail).getBytes(StandardCharsets.UTF_8);
        byte[] signer = new byte[32];
        signer[0] = 7;
        byte[] sig = new byte[64];
        sig[0] = (byte) n;
        sig[1] = (byte) (n >> 8);
        sig[2] = 0x33;
        return Transaction.of(H, p, SignatureAlgorithm.ED25519, signer, sig);
    }

    /** Transactions of {@code total} encoded bytes in all, in the proposal order. */
    private List<Transaction> txs(long total) {
        List<Transaction> out = new ArrayList<>();
        while (total > 0) {
            int size = (int) Math.min(TX_BYTES, total);
            if (total - size > 0 && total - size < 1024) {
                size -= 1024; // no tiny remainder: every transaction has its fixed fields
            }
            Transaction t = tx(size);
            out.add(t);
            total -= t.encodedSize();
        }
        out.sort(Mempool.ORDER);
        return out;
    }

    private static BlockHeader header(long height, byte[] prev, List<Transaction> txs, int proposer) {
        return new BlockHeader("c", height, prev, Merkle.rootOf(H, txs), ROOT, NOW - 500 + height, proposer, 0, List.of(),
                txs.size());
    }

    private CommitCertificate cert(long height, byte[] hash) {
        List<CommitCertificate.Vote> v = new ArrayList<>();
        for (int m = 0; m < 3; m++) {
            v.add(new CommitCertificate.Vote(m, keys.signer(m).sign(CommitCertificate.signingBytes("c", m, 0, height, hash))));
        }
        return new CommitCertificate(0, height, hash, v);
    }

    /** A stored chain of blocks with these transaction byte totals. */
    private PrimaryElectionPropertyTest.MemoryLedger chain(long... blockBytes) {
        PrimaryElectionPropertyTest.MemoryLedger ledger = new PrimaryElectionPropertyTest.MemoryLedger();
        byte[] prev = GENESIS;
        for (int i = 0; i < blockBytes.length; i++) {
            List<Transaction> txs = txs(blockBytes[i]);
            long h = i + 1;
            Block b = new Block(header(h, prev, txs, (int) (h % N)), txs);
            prev = b.hash(H);
            ledger.blocks.add(new CertifiedBlock(b, cert(h, prev)));
        }
        return ledger;
    }

    /** What a member serving {@code ledger} sends a wiped peer asking for block 1. */
    private List<byte[]> served(ConsensusConfig.Builder b, PrimaryElectionPropertyTest.MemoryLedger ledger) {
        Replica r = new Replica(b.build(), ledger, tx -> true, null);
        r.step(NOW, new Event.Executed(ledger.height(), ROOT, List.of()));
        Ready rd = r.step(NOW, new Event.Receive(Wire.sign("c", 3, new Message.BlockRequest(1), keys.signer(3)).encode()));
        List<byte[]> out = new ArrayList<>();
        for (Ready.Outbound o : rd.messages()) {
            if ((o.bytes()[0] & 0xff) == Wire.BLOCKS) {
                out.add(o.bytes());
            }
        }
        assertFalse(out.isEmpty(), "no blocks served");
        return out;
    }

    private static ConsensusConfig.Builder config(long absoluteMaxBytes) {
        return config(absoluteMaxBytes, 0);
    }

    private static ConsensusConfig.Builder config(long absoluteMaxBytes, int self) {
        return ConsensusConfig.builder("c", H, new TestSigning(N), self, new TestSigning(N).signer(self), GENESIS)
                .primaryPolicy(PrimaryPolicy.ROTATION).preferredMaxBytes(512 * 1024).absoluteMaxBytes(absoluteMaxBytes)
                .maxMessageCount(1000);
    }

    /** The core's idea of a peer's frame limit is the peer package's. */
    @Test
    void theCoresMessageLimitIsThePeerLinksPayloadLimit() {
        for (long abs : new long[] {512, 1 << 20, 3L << 20, 31L << 20, 32L << 20, 98L << 20, 1L << 40}) {
            assertEquals(PeerLimits.forMaxBlockBytes(abs).maxPayloadBytes(), Wire.maxMessageBytes(abs), "AbsoluteMaxBytes " + abs);
        }
    }

    /** AbsoluteMaxBytes 1 MiB, so a 2 MiB frame limit: honest blocks of 496 KiB, served in 4 MiB responses. */
    @Test
    void aResponseOfHonestBlocksFitsThePeersFrameLimitOnAChainOfSmallBlockLimits() {
        long abs = 1 << 20;
        int limit = PeerLimits.forMaxBlockBytes(abs).maxPayloadBytes();
        long[] sizes = new long[10];
        java.util.Arrays.fill(sizes, 8L * TX_BYTES);
        for (byte[] m : served(config(abs), chain(sizes))) {
            assertTrue(m.length <= limit, "a catch-up response of " + m.length + " bytes, the peer's limit is " + limit);
        }
    }

    /**
     * Default limits (98 MiB, so 32 MiB − 1 KiB frames): a block a Byzantine primary made large (it fits a
     * PRE-PREPARE and a response of its own) comes after 3.4 MiB of ordinary blocks: the response from block 1 holds
     * them all, 34 MiB.
     */
    @Test
    void aLargeBlockAfterOrdinaryOnesIsNotAddedPastThePeersFrameLimit() {
        long abs = 98L * 1024 * 1024;
        int limit = PeerLimits.forMaxBlockBytes(abs).maxPayloadBytes();
        long[] sizes = new long[8];
        java.util.Arrays.fill(sizes, 8L * TX_BYTES);
        sizes[7] = limit - (1 << 20);
        PrimaryElectionPropertyTest.MemoryLedger ledger = chain(sizes);
        byte[] alone = Wire.sign("c", 0, new Message.Blocks(List.of(ledger.blocks.get(7))), keys.signer(0)).encode();
        assertTrue(alone.length <= limit, "the large block fits a response of its own");
        for (byte[] m : served(config(abs), ledger)) {
            assertTrue(m.length <= limit, "a catch-up response of " + m.length + " bytes, the peer's limit is " + limit);
        }
    }

    /**
     * A Byzantine primary's PRE-PREPARE that just fits the frame limit (transactions far below AbsoluteMaxBytes):
     * once committed, its block with the certificate (and the BLOCKS envelope) is larger than any frame a member
     * accepts, so no member behind it can ever catch up past it. A backup must refuse to prepare it.
     */
    @Test
    void aBackupRefusesABlockTooLargeToBeServedWithItsCertificate() {
        long abs = 98L * 1024 * 1024;
        int limit = PeerLimits.forMaxBlockBytes(abs).maxPayloadBytes();
        int primary = 1; // ROTATION: (h − v) mod N at height 1, view 0
        long total = limit - 1024;
        Signed pp = null;
        for (int attempt = 0; attempt < 3; attempt++) {
            List<Transaction> txs = txs(total);
            Block b = new Block(header(1, GENESIS, txs, primary), txs);
            pp = Wire.sign("c", primary, new Message.PrePrepare(0, 1, b), keys.signer(primary));
            long len = pp.encode().length;
            if (len <= limit && len > limit - 200) {
                break;
            }
            total += limit - 100 - len; // aim 100 bytes under the limit
        }
        byte[] frame = pp.encode();
        assertTrue(frame.length <= limit && frame.length > limit - 200, "the PRE-PREPARE just fits: " + frame.length);
        Block b = ((Message.PrePrepare) pp.body()).block();
        byte[] served = Wire.sign("c", 0, new Message.Blocks(List.of(new CertifiedBlock(b, cert(1, b.hash(H))))),
                keys.signer(0)).encode();
        assertTrue(served.length > limit, "served with its certificate it does not fit: " + served.length);

        Replica backup = new Replica(config(abs, 2).build(),
                new PrimaryElectionPropertyTest.MemoryLedger(), tx -> true, null);
        backup.step(NOW, new Event.Executed(0, ROOT, List.of()));
        Ready rd = backup.step(NOW, new Event.Receive(frame));
        for (Ready.Outbound o : rd.messages()) {
            assertFalse((o.bytes()[0] & 0xff) == Wire.PREPARE, "the backup prepared a block no member can serve");
        }
    }
    /**
     * Red team 7 (a Byzantine primary stops the chain): default limits, N = 4. An 11 MiB block fits a PRE-PREPARE and
     * a catch-up response, but a NEW-VIEW re-proposing it holds quorum + 1 = 4 copies (VIEW-CHANGEs embed the prepared
     * PRE-PREPARE whole): 44 MiB, more than any member accepts. Prepared at two backups and never committed, no view
     * after it could ever be installed. A backup must refuse to prepare such a block.
     */
    @Test
    void aBackupRefusesABlockTooLargeForAViewChangeToCarry() {
        long abs = 98L * 1024 * 1024;
        int limit = PeerLimits.forMaxBlockBytes(abs).maxPayloadBytes();
        int primary = 1;
        List<Transaction> txs = txs(11L * 1024 * 1024);
        Block b = new Block(header(1, GENESIS, txs, primary), txs);
        byte[] frame = Wire.sign("c", primary, new Message.PrePrepare(0, 1, b), keys.signer(primary)).encode();
        assertTrue(frame.length <= limit, "the PRE-PREPARE fits a frame");
        Replica backup = new Replica(config(abs, 2).build(), new PrimaryElectionPropertyTest.MemoryLedger(), tx -> true, null);
        backup.step(NOW, new Event.Executed(0, ROOT, List.of()));
        Ready rd = backup.step(NOW, new Event.Receive(frame));
        for (Ready.Outbound o : rd.messages()) {
            assertFalse((o.bytes()[0] & 0xff) == Wire.PREPARE, "the backup prepared a block no NEW-VIEW can carry");
        }
    }

    /**
     * The other side of that rule, for N = 4, 10 and 200: the largest block a backup prepares, re-proposed by a NEW-VIEW of a
     * quorum of VIEW-CHANGEs that each carry it prepared (with quorum − 1 PREPAREs), fits a member's frame; and an
     * honest primary, which cuts blocks at PreferredMaxBytes (lowered to what a view change carries), never builds a
     * larger one.
     */
    @Test
    void aNewViewCarryingTheLargestPreparableBlockFitsAFrame() {
        for (int n : new int[] {4, 10, 200}) { // 200: red team 9, where quorum − 1 PREPAREs outgrew the fixed slack
            TestSigning k = new TestSigning(n);
            long abs = 98L * 1024 * 1024;
            int limit = PeerLimits.forMaxBlockBytes(abs).maxPayloadBytes();
            ConsensusConfig cfg = ConsensusConfig.builder("c", H, k, 0, k.signer(0), GENESIS).preferredMaxBytes(abs)
                    .absoluteMaxBytes(abs).build();
            int q = cfg.quorum();
            long max = Wire.maxViewChangeBlockBytes(abs, n, q);
            assertTrue(cfg.preferredMaxBytes + Transaction.MAX_ENCODED_BYTES + Wire.MAX_HEADER_BYTES <= max,
                    "N = " + n + ": the primary's cut " + cfg.preferredMaxBytes + " leaves room for its first transaction");
            List<Transaction> txs = txs(max - 8 * 1024);
            Block b = new Block(header(1, GENESIS, txs, 1), txs);
            assertTrue(b.encode().length <= max && b.encode().length > max - 80 * 1024, "a block near the largest: " + b.encode().length);
            byte[] d = b.hash(H);
            Signed pp = Wire.sign("c", 1, new Message.PrePrepare(0, 1, b), k.signer(1));
            List<Signed> vcs = new ArrayList<>();
            for (int m = 0; m < q; m++) {
                List<Signed> prepares = new ArrayList<>();
                for (int p = 0; p < n && prepares.size() < q - 1; p++) {
                    if (p != 1) {
                        prepares.add(Wire.sign("c", p, new Message.Prepare(0, 1, d), k.signer(p)));
                    }
                }
                vcs.add(Wire.sign("c", m, new Message.ViewChange(1, 1, new Message.PreparedCert(pp, prepares)), k.signer(m)));
            }
            Signed again = Wire.sign("c", 1 % n, new Message.PrePrepare(1, 1, b), k.signer(1));
            byte[] nv = Wire.sign("c", 1, new Message.NewView(1, 1, vcs, again), k.signer(1)).encode();
            assertTrue(nv.length <= limit, "N = " + n + ": a NEW-VIEW of " + nv.length + " bytes, the frame limit is " + limit);
        }
    }

    /**
     * Red team 8 (review of f81c54d): the per-copy overhead of maxViewChangeBlockBytes assumes a prepared PRE-PREPARE's
     * {@code settles} holds at most N votes, but a VIEW-CHANGE's prepared certificate is checked only for the block
     * (the PREPAREs vouch for its header hash, the body for its root): the PRE-PREPARE's settles is never looked at.
     * The Byzantine primary of view 0 (member 1) lets a block of the largest preparable size prepare, then signs a
     * second PRE-PREPARE of the same block whose settles carries 1,024 votes of 128 bytes (139 KB) and sends that in its
     * VIEW-CHANGE. The honest primary of view 1 (member 0, here) takes it among its quorum, picks it as the best
     * certificate (same view, same hash, first by sender) and copies its settles into the re-proposal: its NEW-VIEW
     * exceeds every member's frame limit. Member 1 sends the same VIEW-CHANGE in every view, and it is always among the
     * first quorum by sender, so no view after it is ever installed.
     */
    @Test
    void aByzantineViewChangeCannotInflateTheNewViewPastAFrame() {
        long abs = 98L * 1024 * 1024;
        int limit = PeerLimits.forMaxBlockBytes(abs).maxPayloadBytes();
        Replica primary1 = new Replica(config(abs, 0).build(), new PrimaryElectionPropertyTest.MemoryLedger(), tx -> true, null);
        primary1.step(NOW, new Event.Executed(0, ROOT, List.of()));
        int q = 3;
        long max = Wire.maxViewChangeBlockBytes(abs, N, q);
        List<Transaction> txs = txs(max - 2 * 1024);
        Block b = new Block(header(1, GENESIS, txs, 1), txs);
        assertTrue(b.encode().length <= max, "a preparable block: " + b.encode().length + " <= " + max);
        byte[] d = b.hash(H);
        Signed pp = Wire.sign("c", 1, new Message.PrePrepare(0, 1, b), keys.signer(1));
        // Member 0 is an honest backup in view 0: it prepares the block (PREPAREs of 2 and 3) and commits alone.
        List<Signed> prepares = List.of(Wire.sign("c", 2, new Message.Prepare(0, 1, d), keys.signer(2)),
                Wire.sign("c", 3, new Message.Prepare(0, 1, d), keys.signer(3)));
        Ready rd = primary1.step(NOW, new Event.Receive(pp.encode()));
        assertTrue(rd.messages().stream().anyMatch(o -> (o.bytes()[0] & 0xff) == Wire.PREPARE), "member 0 prepares the block");
        for (Signed p : prepares) {
            primary1.step(NOW, new Event.Receive(p.encode()));
        }
        List<CommitCertificate.Vote> junk = new ArrayList<>();
        for (int m = 0; m < CommitCertificate.MAX_VOTES; m++) {
            byte[] sig = new byte[128];
            sig[0] = (byte) m;
            junk.add(new CommitCertificate.Vote(m, sig));
        }
        CommitCertificate bloated = new CommitCertificate(7, 0, new byte[32], junk);
        Signed inflated = Wire.sign("c", 1, new Message.PrePrepare(0, 1, b, bloated), keys.signer(1));
        Signed vc1 = Wire.sign("c", 1, new Message.ViewChange(1, 1, new Message.PreparedCert(inflated, prepares)), keys.signer(1));
        Signed vc2 = Wire.sign("c", 2, new Message.ViewChange(1, 1, new Message.PreparedCert(pp, prepares)), keys.signer(2));
        Signed vc3 = Wire.sign("c", 3, new Message.ViewChange(1, 1, new Message.PreparedCert(pp, prepares)), keys.signer(3));
        List<byte[]> newViews = new ArrayList<>();
        for (Signed vc : List.of(vc1, vc2, vc3)) {
            for (Ready.Outbound o : primary1.step(NOW + 1, new Event.Receive(vc.encode())).messages()) {
                if ((o.bytes()[0] & 0xff) == Wire.NEW_VIEW) {
                    newViews.add(o.bytes());
                }
            }
        }
        assertEquals(1, newViews.size(), "member 0, primary of view 1, sends one NEW-VIEW");
        for (byte[] nv : newViews) {
            assertTrue(nv.length <= limit, "a NEW-VIEW of " + nv.length + " bytes, the frame limit is " + limit);
        }
    }
}
