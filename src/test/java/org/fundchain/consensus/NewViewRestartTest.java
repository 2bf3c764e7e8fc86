package org.fundchain.consensus;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.BiPredicate;

import org.fundchain.codec.CanonicalWriter;
import org.fundchain.crypto.HashAlgorithm;
import org.fundchain.ledger.CertifiedBlock;
import org.fundchain.consensus.Message.*;
import org.junit.jupiter.api.Test;

/**
 * A new primary that crashes right after sending its NEW-VIEW, which no backup received. Before the fix the NEW-VIEW
 * was not persisted: restarted, the primary was bound to its re-proposal but could not resend the NEW-VIEW, so the
 * backups stayed in the view change until it timed out and the next view change began.
 */
class NewViewRestartTest {
    private static final HashAlgorithm H = HashAlgorithm.SHA256;
    private static final int N = 4;
    private static final byte[] ROOT = new byte[32];

    private final TestSigning keys = new TestSigning(N);
    private final Random r = new Random(11);

    private final class Node {
        final int id;
        Replica rep;
        final PrimaryElectionPropertyTest.MemoryLedger ledger = new PrimaryElectionPropertyTest.MemoryLedger();
        PersistentState log;

        Node(int id) {
            this.id = id;
            start(null);
        }

        void start(PersistentState from) {
            rep = new Replica(config(id), ledger, tx -> true, from);
            handle(rep.step(now, new Event.Executed(ledger.height(), ROOT, List.of())));
        }

        void handle(Ready rd) {
            if (rd.persist() != null) {
                log = PersistentState.decode(rd.persist().encode());
            }
            ledger.blocks.addAll(rd.committed());
            for (Ready.Outbound o : rd.messages()) {
                for (Node to : nodes) {
                    if (to != null && to != this && (o.to() == Ready.ALL || o.to() == to.id)) {
                        queue.add(new Msg(this, to, o.bytes()));
                    }
                }
            }
            for (CertifiedBlock cb : rd.committed()) {
                handle(rep.step(now, new Event.Executed(cb.height(), ROOT, List.of())));
            }
        }
    }

    private record Msg(Node from, Node to, byte[] bytes) {
    }

    private final Node[] nodes = new Node[N];
    private final List<Msg> queue = new ArrayList<>();
    private long now = 0;

    private ConsensusConfig config(int id) {
        return ConsensusConfig.builder("c", H, keys, id, keys.signer(id), new byte[32]).primaryPolicy(PrimaryPolicy.ROTATION).build();
    }

    private void deliver(BiPredicate<Msg, Message> pass) {
        while (!queue.isEmpty()) {
            Msg m = queue.remove(0);
            if (pass.test(m, Wire.decode(m.bytes(), H).body())) {
                m.to().handle(m.to().rep.step(now, new Event.Receive(m.bytes())));
            }
        }
    }

    private void tick(long at) {
        now = at;
        for (Node x : nodes) {
            x.handle(x.rep.step(now, new Event.Tick()));
        }
    }

    @Test
    void aRestartedNewPrimaryResendsItsNewView() {
        for (int i = 0; i < N; i++) {
            nodes[i] = new Node(i);
        }
        now = 100;
        nodes[1].handle(nodes[1].rep.step(now, new Event.Submit(PrimaryElectionPropertyTest.tx(r, 90))));
        deliver((m, body) -> !(body instanceof Commit)); // B1 prepares everywhere, commits nowhere
        tick(5_000); // view 0 times out: VIEW-CHANGE to view 1, whose primary is member 0
        assertEquals(0, nodes[1].rep.primary(1));
        deliver((m, body) -> !(body instanceof NewView)); // member 0 sends NEW-VIEW (re-proposing B1): all of it lost
        for (int i = 1; i < N; i++) {
            assertTrue(nodes[i].rep.inViewChange(), "member " + i + " missed the NEW-VIEW");
        }
        assertFalse(nodes[0].rep.inViewChange());
        assertNotNull(nodes[0].log.newView, "the NEW-VIEW is part of the persisted log");

        nodes[0].start(nodes[0].log); // crash and restart from the ledger and the persisted log
        deliver((m, body) -> true);
        tick(5_400); // one resend interval later, well before view 1 times out (2 s)
        deliver((m, body) -> true);
        for (Node x : nodes) {
            assertFalse(x.rep.inViewChange(), "member " + x.id + " entered view 1");
            assertEquals(1, x.rep.height(), "member " + x.id + " committed the re-proposal in view 1");
            assertEquals(1, x.ledger.block(1).certificate().view());
        }
    }

    /** A log stored by the previous version (2: the re-proposal, no NEW-VIEW) still reads. */
    @Test
    void aVersion2LogStillDecodes() {
        byte[] reproposal = {1, 2, 3};
        CanonicalWriter w = new CanonicalWriter(64);
        w.u8(2).i64(5).i64(3).bool(false).bool(false).bool(false).bool(false).bool(true).bytes(reproposal);
        PersistentState log = PersistentState.decode(w.toByteArray());
        assertEquals(5, log.height());
        assertEquals(3, log.view());
        assertEquals(3, log.reproposal.length);
        assertNull(log.newView);
    }
}
