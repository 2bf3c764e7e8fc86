package org.fundchain.consensus;

import java.util.ArrayList;
import java.util.List;

import org.fundchain.codec.CanonicalReader;
import org.fundchain.codec.CanonicalWriter;
import org.fundchain.codec.CodecException;
import org.fundchain.crypto.HashAlgorithm;
import org.fundchain.ledger.Block;
import org.fundchain.ledger.BlockHeader;
import org.fundchain.ledger.CertifiedBlock;
import org.fundchain.ledger.CommitCertificate;
import org.fundchain.ledger.Transaction;
import org.fundchain.consensus.Message.*;

/**
 * Canonical binary encoding of consensus messages. Envelope: u8 tag, chain id, i32 sender, body, then
 * the signature (length-prefixed). COMMIT's signed bytes equal {@link CommitCertificate#signingBytes},
 * so commit votes double as block certificates. Decoding is bounded and throws only {@link CodecException}.
 */
public final class Wire {
    static final int PRE_PREPARE = 1;
    static final int PREPARE = 2;
    static final int COMMIT = CommitCertificate.COMMIT_TAG;
    static final int VIEW_CHANGE = 4;
    static final int NEW_VIEW = 5;
    static final int CHECKPOINT = 6;
    static final int TX = 7;
    static final int BLOCK_REQUEST = 8;
    static final int BLOCKS = 9;
    /** A PRE-PREPARE that carries the previous block's commit certificate (a tag of its own: tag 1 bytes are unchanged). */
    static final int PRE_PREPARE_SETTLING = 10;

    static final int MAX_MEMBERS = 1024;
    static final int MAX_SIGNATURE = 128;
    static final int MAX_BLOCKS_PER_MESSAGE = 64;
    static final int MAX_TXS_PER_MESSAGE = 4096;
    /** Upper bound on one embedded message (a pre-prepare carries a whole block). */
    static final int MAX_EMBEDDED = 128 * 1024 * 1024;
    /** A BLOCKS message's bytes besides its blocks (tag, chain id, sender, count, signature: under 300), rounded up. */
    static final int BLOCKS_ENVELOPE_BYTES = 1024;

    /**
     * The largest message a member's peer link accepts on a chain whose blocks are at most {@code absoluteMaxBytes}:
     * {@code peer.PeerLimits.forMaxBlockBytes}'s payload bound (32 MiB frames less 1 KiB of frame fields, or the block
     * limit plus 1 MiB if less), which the peer package keeps with the same numbers (CatchUpFrameLimitTest checks they
     * agree). A node of several chains takes the largest block limit of its genesis: this chain's is the safe one.
     */
    static long maxMessageBytes(long absoluteMaxBytes) {
        return Math.min(32L * 1024 * 1024 - 1024, absoluteMaxBytes + 1024 * 1024);
    }

    /** A block header's largest encoding (1,024 failed primaries, a 64-character chain id), rounded up. */
    static final int MAX_HEADER_BYTES = 8 * 1024;

    /**
     * The largest block (header and transactions) a view change can carry. A NEW-VIEW is one message holding a quorum
     * of VIEW-CHANGEs, each of which may embed the prepared PRE-PREPARE with the whole block, and the re-proposal:
     * quorum + 1 copies, each with its envelopes, PREPAREs and settling certificate. A larger block, once prepared,
     * could never be re-proposed — its NEW-VIEW would exceed every member's frame limit — so one Byzantine primary
     * that let it prepare at a few backups and never committed it would stop the chain for good (red team 7).
     */
    /** A signed PREPARE's largest encoding inside a prepared certificate, rounded up (red team 9: N ≥ 200). */
    static final int PREPARE_ENVELOPE_BYTES = 320;

    static long maxViewChangeBlockBytes(long absoluteMaxBytes, int n, int quorum) {
        // envelopes and a settling certificate of N votes, twice over, and the quorum − 1 PREPAREs of the prepared
        // certificate (each a signed envelope: ≤ 64-character chain id, digest, a signature of up to 128 bytes)
        long perCopyOverhead = 4096 + 2 * CommitCertificate.maxEncodedSize(n) + (long) (quorum - 1) * PREPARE_ENVELOPE_BYTES;
        return viewChangeCopyShare(absoluteMaxBytes, quorum) - perCopyOverhead;
    }

    /**
     * One copy's share of a member's frame: a NEW-VIEW carries quorum VIEW-CHANGEs whole and its re-proposal, so each
     * VIEW-CHANGE (and the block it carries) must fit this many bytes for the NEW-VIEW to fit a frame.
     */
    static long viewChangeCopyShare(long absoluteMaxBytes, int quorum) {
        return maxMessageBytes(absoluteMaxBytes) / (quorum + 1);
    }

    private Wire() {
    }

    /** Encodes and signs {@code body} as {@code sender}. */
    public static Signed sign(String chainId, int sender, Message body, Signer signer) {
        CanonicalWriter w = new CanonicalWriter(body instanceof PrePrepare ? ((PrePrepare) body).block().encodedSize() + 64 : 128);
        w.u8(tag(body)).string(chainId).i32(sender);
        writeBody(w, body);
        byte[] signing = w.toByteArray();
        return new Signed(chainId, sender, body, signing, signer.sign(signing));
    }

    private static int tag(Message m) {
        if (m instanceof PrePrepare p) return p.settles() == null ? PRE_PREPARE : PRE_PREPARE_SETTLING;
        if (m instanceof Prepare) return PREPARE;
        if (m instanceof Commit) return COMMIT;
        if (m instanceof ViewChange) return VIEW_CHANGE;
        if (m instanceof NewView) return NEW_VIEW;
        if (m instanceof Checkpoint) return CHECKPOINT;
        if (m instanceof TxMessage) return TX;
        if (m instanceof BlockRequest) return BLOCK_REQUEST;
        if (m instanceof Blocks || m instanceof EncodedBlocks) return BLOCKS;
        throw new IllegalArgumentException("unknown message " + m);
    }

    private static void writeBody(CanonicalWriter w, Message m) {
        if (m instanceof PrePrepare) {
            PrePrepare p = (PrePrepare) m;
            w.i64(p.view()).i64(p.height());
            p.block().write(w);
            if (p.settles() != null) {
                p.settles().write(w);
            }
        } else if (m instanceof Prepare) {
            Prepare p = (Prepare) m;
            w.i64(p.view()).i64(p.height()).raw(p.digest());
        } else if (m instanceof Commit) {
            Commit c = (Commit) m;
            w.i64(c.view()).i64(c.height()).raw(c.digest());
        } else if (m instanceof ViewChange) {
            ViewChange v = (ViewChange) m;
            w.i64(v.height()).i64(v.newView()).bool(v.prepared() != null);
            if (v.prepared() != null) {
                w.bytes(v.prepared().prePrepare().encode()).i32(v.prepared().prepares().size());
                for (Signed s : v.prepared().prepares()) {
                    w.bytes(s.encode());
                }
            }
        } else if (m instanceof NewView) {
            NewView n = (NewView) m;
            w.i64(n.height()).i64(n.view()).i32(n.viewChanges().size());
            for (Signed s : n.viewChanges()) {
                w.bytes(s.encode());
            }
            w.bool(n.prePrepare() != null);
            if (n.prePrepare() != null) {
                w.bytes(n.prePrepare().encode());
            }
        } else if (m instanceof Checkpoint) {
            Checkpoint c = (Checkpoint) m;
            w.i64(c.checkpointHeight()).raw(c.blockHash()).raw(c.stateRoot());
        } else if (m instanceof TxMessage) {
            List<Transaction> txs = ((TxMessage) m).txs();
            w.i32(txs.size());
            for (Transaction t : txs) {
                t.write(w);
            }
        } else if (m instanceof BlockRequest) {
            w.i64(((BlockRequest) m).fromHeight());
        } else if (m instanceof Blocks) {
            List<CertifiedBlock> bs = ((Blocks) m).blocks();
            w.i32(bs.size());
            for (CertifiedBlock b : bs) {
                b.write(w);
            }
        } else if (m instanceof EncodedBlocks) {
            List<byte[]> bs = ((EncodedBlocks) m).blocks();
            w.i32(bs.size());
            for (byte[] b : bs) {
                w.raw(b);
            }
        }
    }

    /**
     * Whether an encoded message states what its sender did in a round (a proposal, vote, view change or new view):
     * such a message may leave only once the consensus log recording it is durable. Transaction gossip, catch-up and
     * checkpoints (sent after the checkpoint block is stored) say nothing the log keeps, so they need not wait.
     */
    public static boolean speaksForRound(byte[] bytes) {
        if (bytes == null || bytes.length == 0) {
            return true;
        }
        int tag = bytes[0] & 0xff;
        return tag != TX && tag != BLOCK_REQUEST && tag != BLOCKS && tag != CHECKPOINT;
    }

    /**
     * The height of the last block a BLOCKS message says it carries (its first block's height + count − 1), read
     * without decoding the blocks; −1 if the bytes are not a BLOCKS message that says so. Unverified, so good only
     * for dropping a message that cannot add a block: an honest response is consecutive, and dropping a dishonest
     * one is what its sender could have done anyway. A node catching up gets the same batch from every peer it
     * asked; decoding the copies (every transaction parsed and hashed) cost it more than executing the batch.
     */
    public static long claimedLastBlockHeight(byte[] bytes) {
        try {
            CanonicalReader r = new CanonicalReader(bytes);
            if (r.u8() != BLOCKS) {
                return -1;
            }
            r.string(BlockHeader.MAX_CHAIN_ID);
            r.i32();
            int n = r.count(MAX_BLOCKS_PER_MESSAGE, "blocks");
            if (n == 0) {
                return -1;
            }
            r.string(BlockHeader.MAX_CHAIN_ID); // the first block's header: chain id, then height
            long first = r.i64();
            return first < 1 ? -1 : first + n - 1;
        } catch (RuntimeException e) {
            return -1;
        }
    }

    /** Decodes untrusted bytes. Does not check the signature (see {@link Signed#verify}). */
    public static Signed decode(byte[] bytes, HashAlgorithm hash) {
        try {
            return decode(bytes, hash, 0);
        } catch (CodecException e) {
            throw e;
        } catch (RuntimeException e) {
            // Any other failure inside a constructor is still malformed input from our caller's point of view.
            throw new CodecException("malformed message: " + e, e);
        }
    }

    private static Signed decode(byte[] bytes, HashAlgorithm hash, int depth) {
        if (bytes == null) {
            throw new CodecException("no bytes");
        }
        CanonicalReader r = new CanonicalReader(bytes);
        int tag = r.u8();
        String chainId = r.string(BlockHeader.MAX_CHAIN_ID);
        int sender = r.i32();
        if (sender < 0 || sender >= MAX_MEMBERS) {
            throw new CodecException("sender " + sender + " out of range");
        }
        Message body = readBody(r, tag, hash, depth);
        int signingLength = bytes.length - r.remaining();
        byte[] signature = r.bytes(MAX_SIGNATURE);
        r.requireEnd();
        byte[] signing = java.util.Arrays.copyOf(bytes, signingLength);
        return new Signed(chainId, sender, body, signing, signature);
    }

    private static Signed embedded(CanonicalReader r, HashAlgorithm hash, int depth, Class<? extends Message> type) {
        if (depth >= 2) {
            throw new CodecException("messages nested too deeply");
        }
        Signed s = decode(r.bytes(MAX_EMBEDDED), hash, depth + 1);
        if (!type.isInstance(s.body())) {
            throw new CodecException("expected an embedded " + type.getSimpleName());
        }
        return s;
    }

    private static Message readBody(CanonicalReader r, int tag, HashAlgorithm hash, int depth) {
        switch (tag) {
            case PRE_PREPARE:
                return new PrePrepare(r.i64(), r.i64(), Block.read(r, hash));
            case PRE_PREPARE_SETTLING:
                return new PrePrepare(r.i64(), r.i64(), Block.read(r, hash), CommitCertificate.read(r));
            case PREPARE:
                return new Prepare(r.i64(), r.i64(), r.raw(32));
            case COMMIT:
                return new Commit(r.i64(), r.i64(), r.raw(32));
            case VIEW_CHANGE: {
                long h = r.i64();
                long v = r.i64();
                PreparedCert cert = null;
                if (r.bool()) {
                    Signed pp = embedded(r, hash, depth, PrePrepare.class);
                    int n = r.count(MAX_MEMBERS, "prepares");
                    List<Signed> ps = new ArrayList<>(n);
                    for (int i = 0; i < n; i++) {
                        ps.add(embedded(r, hash, depth, Prepare.class));
                    }
                    cert = new PreparedCert(pp, List.copyOf(ps));
                }
                return new ViewChange(h, v, cert);
            }
            case NEW_VIEW: {
                long h = r.i64();
                long v = r.i64();
                int n = r.count(MAX_MEMBERS, "view changes");
                List<Signed> vcs = new ArrayList<>(n);
                for (int i = 0; i < n; i++) {
                    vcs.add(embedded(r, hash, depth, ViewChange.class));
                }
                Signed pp = r.bool() ? embedded(r, hash, depth, PrePrepare.class) : null;
                return new NewView(h, v, List.copyOf(vcs), pp);
            }
            case CHECKPOINT:
                return new Checkpoint(r.i64(), r.raw(32), r.raw(32));
            case TX: {
                int n = r.count(MAX_TXS_PER_MESSAGE, "transactions");
                List<Transaction> txs = new ArrayList<>(n);
                for (int i = 0; i < n; i++) {
                    txs.add(Transaction.read(r, hash));
                }
                return new TxMessage(txs);
            }
            case BLOCK_REQUEST:
                return new BlockRequest(r.i64());
            case BLOCKS: {
                int n = r.count(MAX_BLOCKS_PER_MESSAGE, "blocks");
                List<CertifiedBlock> bs = new ArrayList<>(n);
                for (int i = 0; i < n; i++) {
                    bs.add(CertifiedBlock.read(r, hash));
                }
                return new Blocks(List.copyOf(bs));
            }
            default:
                throw new CodecException("unknown message tag " + tag);
        }
    }
}
