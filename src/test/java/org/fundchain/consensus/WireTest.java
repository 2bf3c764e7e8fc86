package org.fundchain.consensus;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

import org.fundchain.codec.CodecException;
import org.fundchain.crypto.HashAlgorithm;
import org.fundchain.ledger.Block;
import org.fundchain.ledger.CertifiedBlock;
import org.fundchain.ledger.CommitCertificate;
import org.fundchain.consensus.Message.*;
import org.junit.jupiter.api.Test;

/** Round trips of every message type, and fuzzing: hostile bytes only ever raise CodecException. */
class WireTest {
    private static final HashAlgorithm H = HashAlgorithm.SHA256;
    private final TestSigning keys = new TestSigning(4);

    private Signed sign(int member, Message m) {
        return Wire.sign("c", member, m, keys.signer(member));
    }

    private List<byte[]> samples() {
        Random r = new Random(3);
        PrimaryElectionPropertyTest.MemoryLedger chain = PrimaryElectionPropertyTest.randomChain(r, 4, 3);
        Block block = chain.blocks.get(2).block();
        byte[] d = block.hash(H);
        Signed pp = sign(1, new PrePrepare(2, 3, block));
        List<Signed> prepares = List.of(sign(0, new Prepare(2, 3, d)), sign(2, new Prepare(2, 3, d)));
        Signed vc = sign(2, new ViewChange(3, 4, new PreparedCert(pp, prepares)));
        Signed vc2 = sign(3, new ViewChange(3, 4, null));
        List<CommitCertificate.Vote> votes = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            votes.add(new CommitCertificate.Vote(i, keys.signer(i).sign(CommitCertificate.signingBytes("c", i, 2, 3, d))));
        }
        List<byte[]> out = new ArrayList<>();
        for (Signed s : List.of(pp, prepares.get(0), sign(3, new Commit(2, 3, d)), vc, vc2,
                sign(0, new NewView(3, 4, List.of(vc, vc2, vc), sign(0, new PrePrepare(4, 3, block)))),
                sign(1, new Checkpoint(3, d, new byte[32])), sign(1, new TxMessage(List.of(block.transactions().isEmpty()
                        ? PrimaryElectionPropertyTest.tx(r, 5) : block.transactions().get(0)))),
                sign(2, new BlockRequest(9)), sign(2, new Blocks(List.of(new CertifiedBlock(block, new CommitCertificate(2, 3, d, votes))))))) {
            out.add(s.encode());
        }
        return out;
    }

    /**
     * A node catching up drops, undecoded, a BLOCKS message whose blocks it has (another peer's copy): the peek says
     * the last height of exactly a BLOCKS message, and −1 (decode it) for everything else, truncated bytes included.
     * Only round messages wait for the consensus log before they leave.
     */
    @Test
    void theLastBlockHeightOfABlocksMessageIsReadWithoutDecodingItAndOnlyRoundMessagesSpeakForTheRound() {
        List<byte[]> all = samples();
        byte[] blocks = all.get(all.size() - 1);
        long height = Wire.decode(blocks, H).body() instanceof Blocks b ? b.blocks().get(b.blocks().size() - 1).height() : -2;
        assertEquals(height, Wire.claimedLastBlockHeight(blocks));
        for (int cut = 0; cut < 64; cut++) {
            long peek = Wire.claimedLastBlockHeight(Arrays.copyOf(blocks, cut));
            assertTrue(peek == -1 || peek == height, "a prefix of " + cut + " bytes: " + peek);
        }
        for (byte[] other : all.subList(0, all.size() - 1)) {
            assertEquals(-1, Wire.claimedLastBlockHeight(other));
        }
        for (byte[] m : all) {
            Message body = Wire.decode(m, H).body();
            boolean round = !(body instanceof TxMessage || body instanceof BlockRequest || body instanceof Blocks
                    || body instanceof Checkpoint);
            assertEquals(round, Wire.speaksForRound(m), body.getClass().getSimpleName());
        }
    }

    /**
     * Catch-up serves stored bytes as they are: a BLOCKS message built from the blocks' canonical encodings is the
     * same frame, byte for byte, as one built from the decoded blocks, and a block's exact encoded size is its
     * encoding's length (serve and the receiver's "full response" test count the same bytes).
     */
    @Test
    void blocksServedFromTheirStoredEncodingAreTheSameFrame() {
        Random r = new Random(5);
        PrimaryElectionPropertyTest.MemoryLedger chain = PrimaryElectionPropertyTest.randomChain(r, 4, 6);
        List<CertifiedBlock> blocks = new ArrayList<>();
        List<byte[]> encoded = new ArrayList<>();
        for (CertifiedBlock cb : chain.blocks) {
            blocks.add(cb);
            encoded.add(cb.encode());
            assertEquals(cb.encode().length, cb.encodedSize());
        }
        byte[] decoded = sign(1, new Blocks(blocks)).encode();
        byte[] served = sign(1, new EncodedBlocks(encoded)).encode();
        assertArrayEquals(decoded, served);
        assertTrue(Wire.decode(served, H).body() instanceof Blocks);
    }

    /**
     * A frame's member signature is checked once per frame object (the peer thread checks it, the core asks again):
     * the memory vouches only for that object's bytes under that very verifier. A failed check is never remembered,
     * and another verifier (other members' keys) checks again.
     */
    @Test
    void aFramesVerifiedSignatureIsRememberedOnlyForItsVerifier() {
        byte[] good = sign(1, new BlockRequest(9)).encode();
        Signed s = Wire.decode(good, H);
        org.fundchain.ledger.MemberVerifier others = new org.fundchain.ledger.MemberVerifier() { // other keys
            public int size() {
                return 4;
            }

            public boolean verify(int member, byte[] message, byte[] signature) {
                return false;
            }
        };
        assertTrue(s.verify(keys));
        assertTrue(s.verify(keys));
        assertFalse(s.verify(others), "verified under one member set is no proof under another");
        assertTrue(s.verify(keys));
        byte[] bad = good.clone();
        bad[bad.length - 1] ^= 1; // the signature's last byte
        Signed b = Wire.decode(bad, H);
        assertFalse(b.verify(keys));
        assertFalse(b.verify(keys), "a failed check is not remembered as a pass");
    }

    @Test
    void everyMessageRoundTripsAndVerifies() {
        for (byte[] bytes : samples()) {
            Signed s = Wire.decode(bytes, H);
            assertTrue(s.verify(keys), s.toString());
            assertArrayEquals(bytes, s.encode());
            byte[] flipped = bytes.clone();
            flipped[flipped.length - 40] ^= 1; // inside the body or signature: must not verify any more
            try {
                assertFalse(Wire.decode(flipped, H).verify(keys));
            } catch (CodecException expected) {
                // also fine
            }
        }
    }

    @Test
    void commitSignaturesAreCertificateVotes() {
        byte[] d = H.digest(new byte[] {1});
        Signed c = sign(2, new Commit(5, 9, d));
        CommitCertificate.Vote v = new CommitCertificate.Vote(2, Arrays.copyOfRange(c.encode(), c.encode().length - 32, c.encode().length));
        assertTrue(keys.verify(2, CommitCertificate.signingBytes("c", 2, 5, 9, d), v.signature()));
    }

    @Test
    void garbageAndMutationsOnlyEverRaiseCodecException() {
        Random r = new Random(12345);
        List<byte[]> samples = samples();
        int decoded = 0;
        for (int i = 0; i < 30_000; i++) {
            byte[] b;
            switch (i % 4) {
                case 0:
                    b = new byte[r.nextInt(300)];
                    r.nextBytes(b);
                    if (b.length > 0) {
                        b[0] = (byte) r.nextInt(11);
                    }
                    break;
                case 1: {
                    byte[] s = samples.get(r.nextInt(samples.size()));
                    b = Arrays.copyOf(s, r.nextInt(s.length + 1));
                    break;
                }
                default: {
                    b = samples.get(r.nextInt(samples.size())).clone();
                    for (int k = 1 + r.nextInt(4); k > 0; k--) {
                        int pos = r.nextInt(b.length);
                        b[pos] = r.nextInt(3) == 0 ? (byte) 0xff : (byte) (b[pos] ^ (1 << r.nextInt(8)));
                    }
                }
            }
            try {
                Wire.decode(b, H);
                decoded++;
            } catch (CodecException expected) {
                // the only allowed failure
            } catch (RuntimeException | Error e) {
                fail("decoding hostile bytes threw " + e + " for input " + Arrays.toString(b));
            }
        }
        assertTrue(decoded > 0 && decoded < 30_000, "decoded " + decoded);
        assertThrowsCodec(new byte[0]);
        assertThrowsCodec(null);
    }

    private static void assertThrowsCodec(byte[] b) {
        try {
            Wire.decode(b, H);
            fail("expected CodecException");
        } catch (CodecException expected) {
            assertEquals(CodecException.class, expected.getClass());
        }
    }
}
