package org.fundchain.peer;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;

import org.fundchain.crypto.PublicKey;
import org.fundchain.crypto.SignatureAlgorithm;
import org.fundchain.crypto.SigningKey;
import org.junit.jupiter.api.Test;

class PeerSessionTest {
    private static final SecureRandom RND = new SecureRandom();
    private static final int MAX = 1024;

    /** A consortium of known members; a node's directory may differ (another genesis, a forged key). */
    static final class Dir implements PeerDirectory {
        final String self;
        final SigningKey key;
        final String genesis;
        final Map<String, PublicKey> members;

        Dir(String self, SigningKey key, String genesis, Map<String, PublicKey> members) {
            this.self = self;
            this.key = key;
            this.genesis = genesis;
            this.members = members;
        }

        public String selfId() { return self; }
        public SigningKey selfKey() { return key; }
        public String genesisHash() { return genesis; }
        public Optional<PublicKey> memberKey(String id) { return Optional.ofNullable(members.get(id)); }
        public SortedMap<String, URI> peerUrls() { return new TreeMap<>(); }
    }

    /** Records what a session asked for; wires its sends to the other end. */
    static class End implements PeerSession.Events {
        PeerSession session;
        End other;
        String closed;
        String authenticated;
        final List<String> messages = new ArrayList<>();
        final List<byte[]> payloads = new ArrayList<>();

        public void send(byte[] frame) {
            if (other != null && other.closed == null) {
                other.session.receive(frame);
            }
        }
        public void close(String reason) { closed = reason; }
        public void authenticated(String peerId) { authenticated = peerId; }
        public void message(String peerId, String chainId, byte[] payload) {
            messages.add(peerId + "/" + chainId);
            payloads.add(payload);
        }
    }

    final SigningKey ka = SigningKey.generate(SignatureAlgorithm.ED25519, RND);
    final SigningKey kb = SigningKey.generate(SignatureAlgorithm.ED25519, RND);
    final Map<String, PublicKey> members = Map.of("node0", ka.publicKey(), "node1", kb.publicKey());

    End[] link(Dir dialerDir, Dir acceptorDir, String expected) {
        End d = new End();
        End a = new End();
        d.other = a;
        a.other = d;
        d.session = new PeerSession(dialerDir, PeerSession.Role.DIALER, expected, MAX, d);
        a.session = new PeerSession(acceptorDir, PeerSession.Role.ACCEPTOR, null, MAX, a);
        d.session.open();
        a.session.open();
        return new End[] { d, a };
    }

    @Test
    void mutualHandshakeThenMessagesBothWays() {
        End[] l = link(new Dir("node0", ka, "g1", members), new Dir("node1", kb, "g1", members), "node1");
        End d = l[0], a = l[1];
        assertNull(d.closed);
        assertNull(a.closed);
        assertEquals("node1", d.authenticated);
        assertEquals("node0", a.authenticated);
        d.send(new PeerFrame.Message("main", new byte[] { 1, 2, 3 }).encode());
        a.send(new PeerFrame.Message("main", new byte[] { 4 }).encode());
        assertEquals(List.of("node0/main"), a.messages);
        assertArrayEquals(new byte[] { 1, 2, 3 }, a.payloads.get(0));
        assertEquals(List.of("node1/main"), d.messages);
    }

    @Test
    void unknownNodeIsRefused() {
        SigningKey stranger = SigningKey.generate(SignatureAlgorithm.ED25519, RND);
        End[] l = link(new Dir("node9", stranger, "g1", members), new Dir("node1", kb, "g1", members), "node1");
        assertNotNull(l[1].closed);
        assertTrue(l[1].closed.contains("not an admitted member"), l[1].closed);
        assertNull(l[1].authenticated);
    }

    @Test
    void impostorWithWrongKeyIsRefused() {
        SigningKey forged = SigningKey.generate(SignatureAlgorithm.ED25519, RND);
        End[] l = link(new Dir("node0", forged, "g1", members), new Dir("node1", kb, "g1", members), "node1");
        assertTrue(l[1].closed.contains("does not verify"), l[1].closed);
        assertNull(l[1].authenticated);
    }

    @Test
    void acceptorImpostorIsRefusedByDialer() {
        SigningKey forged = SigningKey.generate(SignatureAlgorithm.ED25519, RND);
        End[] l = link(new Dir("node0", ka, "g1", members), new Dir("node1", forged, "g1", members), "node1");
        assertTrue(l[0].closed.contains("does not verify"), l[0].closed);
        assertNull(l[0].authenticated);
    }

    @Test
    void otherConsortiumIsRefused() {
        End[] l = link(new Dir("node0", ka, "g1", members), new Dir("node1", kb, "g2", members), "node1");
        assertTrue(l[0].closed.contains("another consortium"), l[0].closed);
    }

    @Test
    void replayedAuthDoesNotWorkOnAFreshLink() {
        // Capture node0's AUTH from one link and replay it on a new link with a new challenge.
        Dir d0 = new Dir("node0", ka, "g1", members);
        Dir d1 = new Dir("node1", kb, "g1", members);
        End[] first = link(d0, d1, "node1");
        assertEquals("node0", first[1].authenticated);
        final byte[][] captured = new byte[1][];
        End spy = new End() {
            @Override
            public void send(byte[] frame) {
                if (captured[0] == null && frame[1] == 2) {
                    captured[0] = frame;
                }
                super.send(frame);
            }
        };
        End acc = new End();
        spy.other = acc;
        acc.other = spy;
        spy.session = new PeerSession(d0, PeerSession.Role.DIALER, "node1", MAX, spy);
        acc.session = new PeerSession(d1, PeerSession.Role.ACCEPTOR, null, MAX, acc);
        acc.session.open();
        assertNotNull(captured[0]);

        End victim = new End();
        victim.session = new PeerSession(d1, PeerSession.Role.ACCEPTOR, null, MAX, victim);
        victim.session.open(); // fresh nonce
        victim.session.receive(captured[0]);
        assertNotNull(victim.closed);
        assertNull(victim.authenticated);
    }

    @Test
    void messagesBeforeAuthenticationAndGarbageCloseTheLink() {
        Dir d1 = new Dir("node1", kb, "g1", members);
        End acc = new End();
        acc.session = new PeerSession(d1, PeerSession.Role.ACCEPTOR, null, MAX, acc);
        acc.session.open();
        acc.session.receive(new PeerFrame.Message("main", new byte[] { 1 }).encode());
        assertTrue(acc.closed.contains("expected AUTH"));
        assertTrue(acc.messages.isEmpty());

        for (byte[] junk : new byte[][] { {}, { 1 }, { 9, 9, 9 }, { 1, 3, 0, 0, 0, 4 }, new byte[64] }) {
            End e = new End();
            e.session = new PeerSession(d1, PeerSession.Role.ACCEPTOR, null, MAX, e);
            e.session.open();
            e.session.receive(junk);
            assertNotNull(e.closed);
            assertTrue(e.closed.startsWith("malformed frame"), e.closed);
        }
    }

    @Test
    void largeFramesBeforeAuthenticationAreRefused() {
        End e = new End();
        e.session = new PeerSession(new Dir("node1", kb, "g1", members), PeerSession.Role.ACCEPTOR, null, 1 << 20, 64, e);
        e.session.open();
        e.session.receive(new byte[65]);
        assertNotNull(e.closed);
        assertTrue(e.closed.contains("exceeds 64"), e.closed);
    }

    @Test
    void oversizedPayloadIsRefused() {
        End[] l = link(new Dir("node0", ka, "g1", members), new Dir("node1", kb, "g1", members), "node1");
        l[0].send(new PeerFrame.Message("main", new byte[MAX + 1]).encode());
        assertNotNull(l[1].closed);
        assertTrue(l[1].messages.isEmpty());
        assertFalse(l[1].session.isOpen());
    }

    // Issue 11 item 4: an unauthenticated socket sent four 30 MiB frames and each was buffered whole. The container now
    // hands frames over in pieces of at most PeerLimits.CONTAINER_BUFFER_BYTES, and the session assembles them under the
    // limit of its state: handshakeBytes until the peer is authenticated, maxFrameBytes after.

    /** Feeds {@code total} bytes in container-sized pieces until the session closes; returns how many bytes it took. */
    static long feed(End e, long total, int piece) {
        long fed = 0;
        byte[] chunk = new byte[piece];
        chunk[0] = 1; // version byte, so a frame under the limit would be decoded, not refused as garbage
        while (fed < total && e.closed == null) {
            int n = (int) Math.min(piece, total - fed);
            byte[] part = n == piece ? chunk : java.util.Arrays.copyOf(chunk, n);
            fed += n;
            e.session.receivePart(part, fed == total);
            assertTrue(e.session.bufferedBytes() <= Math.max(4096, MAX + PeerLimits.FRAME_OVERHEAD_BYTES),
                    "session holds " + e.session.bufferedBytes() + " bytes");
        }
        return fed;
    }

    @Test
    void aHugeUnauthenticatedFrameIsRefusedAfterItsFirstPiece() {
        PeerLimits limits = PeerLimits.forMaxBlockBytes(4L << 20);
        assertTrue(limits.containerBufferBytes() <= 64 * 1024, "the container buffers at most one small piece per socket");
        End e = new End();
        e.session = new PeerSession(new Dir("node1", kb, "g1", members), PeerSession.Role.ACCEPTOR, null,
                limits.maxPayloadBytes(), limits.handshakeBytes(), e);
        e.session.open();
        long fed = feed(e, 30L << 20, limits.containerBufferBytes());
        assertNotNull(e.closed);
        assertTrue(e.closed.contains("exceeds " + limits.handshakeBytes()), e.closed);
        assertEquals(limits.containerBufferBytes(), fed, "closed on the first piece");
        assertEquals(0, e.session.bufferedBytes());
        assertNull(e.authenticated);
    }

    @Test
    void piecesBelowTheHandshakeLimitAreAssembledAcrossSeveralParts() {
        End e = new End();
        e.session = new PeerSession(new Dir("node1", kb, "g1", members), PeerSession.Role.ACCEPTOR, null, MAX, 64, e);
        e.session.open();
        for (int i = 0; i < 64; i++) {
            e.session.receivePart(new byte[] {1}, false);
        }
        assertNull(e.closed, "64 bytes are within the limit");
        e.session.receivePart(new byte[] {1}, true);
        assertTrue(e.closed.contains("exceeds 64"), e.closed);
    }

    @Test
    void anAuthenticatedLinkAssemblesLargeFramesFromPiecesAndBoundsThemToo() {
        End[] l = link(new Dir("node0", ka, "g1", members), new Dir("node1", kb, "g1", members), "node1");
        End a = l[1];
        byte[] payload = new byte[MAX];
        RND.nextBytes(payload);
        byte[] frame = new PeerFrame.Message("main", payload).encode();
        for (int off = 0; off < frame.length; off += 100) {
            int end = Math.min(frame.length, off + 100);
            a.session.receivePart(java.util.Arrays.copyOfRange(frame, off, end), end == frame.length);
        }
        assertNull(a.closed);
        assertArrayEquals(payload, a.payloads.get(0));
        assertEquals(0, a.session.bufferedBytes());

        long fed = feed(a, 30L << 20, 100);
        assertNotNull(a.closed);
        assertTrue(a.closed.contains("exceeds " + (MAX + PeerLimits.FRAME_OVERHEAD_BYTES)), a.closed);
        assertTrue(fed <= MAX + PeerLimits.FRAME_OVERHEAD_BYTES + 100, "fed " + fed);
        assertEquals(1, a.payloads.size());
    }

    @Test
    void theLimitsAreDefinedOnceAndConsistent() {
        PeerLimits limits = PeerLimits.forMaxBlockBytes(4L << 20);
        assertTrue(limits.handshakeBytes() <= limits.containerBufferBytes());
        assertTrue(limits.maxFrameBytes() <= PeerLimits.MAX_FRAME_BYTES);
        assertEquals(limits.maxPayloadBytes() + PeerLimits.FRAME_OVERHEAD_BYTES, limits.maxFrameBytes());
    }
}
