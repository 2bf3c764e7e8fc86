package org.fundchain.ledger.jpa;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;

import jakarta.persistence.EntityManager;
import jakarta.persistence.EntityManagerFactory;
import jakarta.persistence.Persistence;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class LedgerStoreTest {
    private static final AtomicInteger DB = new AtomicInteger();
    private EntityManagerFactory emf;

    @BeforeEach
    void open() {
        emf = Persistence.createEntityManagerFactory("ledger-test",
                Map.of("jakarta.persistence.jdbc.url", "jdbc:derby:memory:ledger" + DB.incrementAndGet() + ";create=true"));
    }

    @AfterEach
    void close() {
        emf.close();
    }

    private interface Work {
        void run(LedgerStore s);
    }

    private void tx(Work w) {
        EntityManager em = emf.createEntityManager();
        try {
            em.getTransaction().begin();
            w.run(new LedgerStore(em));
            em.getTransaction().commit();
        } finally {
            if (em.getTransaction().isActive()) {
                em.getTransaction().rollback();
            }
            em.close();
        }
    }

    private <T> T read(java.util.function.Function<LedgerStore, T> f) {
        EntityManager em = emf.createEntityManager();
        try {
            return f.apply(new LedgerStore(em));
        } finally {
            em.close();
        }
    }

    private static LedgerStore.BlockAppend block(long h, String prev, String hash, List<LedgerStore.TxOutcome> txs,
            List<LedgerStore.StateWrite> writes) {
        return new LedgerStore.BlockAppend("main", h, hash, prev, 1000 + h, new byte[] { (byte) h, 1, 2 }, txs, writes,
                "root" + h, new byte[] { 9 });
    }

    @Test
    void appendsBlocksAtomicallyAndReadsThemBack() {
        tx(s -> s.initChain("main", "g", "r0", List.of()));
        tx(s -> s.append(block(1, "g", "h1",
                List.of(new LedgerStore.TxOutcome("t1", 0, "k/1", "pressure", "add", true, "{\"A\":101}"),
                        new LedgerStore.TxOutcome("t2", 1, "k/2", "pressure", "add", false, "refused")),
                List.of(new LedgerStore.StateWrite("pressure", "A", "101")))));
        tx(s -> s.append(block(2, "h1", "h2", List.of(), List.of(new LedgerStore.StateWrite("pressure", "A", "102"),
                new LedgerStore.StateWrite("pressure", "B", "1")))));
        tx(s -> s.append(block(3, "h2", "h3", List.of(), List.of(new LedgerStore.StateWrite("pressure", "B", null)))));

        ChainRecord head = read(s -> s.head("main").orElseThrow());
        assertEquals(3, head.height());
        assertEquals("h3", head.headHash());
        assertEquals("root3", head.stateRoot());
        assertEquals("102", read(s -> s.state("main", "pressure", "A").orElseThrow().value()));
        assertEquals(2L, (long) read(s -> s.state("main", "pressure", "A").orElseThrow().version()));
        assertFalse(this.<Boolean>read(s -> s.state("main", "pressure", "B").isPresent()));
        assertEquals("REJECTED", read(s -> s.transaction("main", "t2").orElseThrow().status()));
        assertEquals(List.of("t1", "t2"), read(s -> s.transactionsOf("main", 1).stream().map(TransactionRecord::txHash).toList()));
        assertEquals(Set.of("k/2"), read(s -> s.usedReplayKeys("main", List.of("k/2", "k/9"))));
        assertEquals("h2", read(s -> s.blockByHash("main", "h2").orElseThrow().hash()));
        assertEquals(List.of(2L, 3L), read(s -> s.blocks("main", 2, 10, 100).stream().map(BlockRecord::height).toList()));
    }

    @Test
    void refusesBlocksThatDoNotExtendTheHeadAndWritesNothing() {
        tx(s -> s.initChain("main", "g", "r0", List.of()));
        assertThrows(IllegalStateException.class, () -> tx(s -> s.append(block(2, "g", "h2", List.of(), List.of()))));
        assertThrows(IllegalStateException.class, () -> tx(s -> s.append(block(1, "wrong", "h1", List.of(), List.of()))));
        assertEquals(0L, (long) this.<Long>read(s -> s.head("main").orElseThrow().height()));
        assertTrue(this.<Boolean>read(s -> s.block("main", 1).isEmpty()));
    }

    @Test
    void replayedSignerNonceCannotBeStoredTwice() {
        tx(s -> s.initChain("main", "g", "r0", List.of()));
        tx(s -> s.append(block(1, "g", "h1",
                List.of(new LedgerStore.TxOutcome("t1", 0, "k/1", "pressure", "add", true, "1")), List.of())));
        // A second transaction with the same signer/nonce (different hash) must roll the whole block back.
        assertThrows(RuntimeException.class, () -> tx(s -> s.append(block(2, "h1", "h2",
                List.of(new LedgerStore.TxOutcome("t9", 0, "k/1", "pressure", "add", true, "1")),
                List.of(new LedgerStore.StateWrite("pressure", "A", "999"))))));
        assertEquals(1L, (long) this.<Long>read(s -> s.head("main").orElseThrow().height()));
        assertTrue(this.<Boolean>read(s -> s.state("main", "pressure", "A").isEmpty()), "state write of the failed block rolled back");
        assertTrue(this.<Boolean>read(s -> s.transaction("main", "t9").isEmpty()));
    }

    @Test
    void oneTransactionIdCannotBeStoredTwiceEitherUnderAnotherSigner() {
        // The schema half of the duplicate rule (org.fundchain.ledger.Duplicates): the tx hash is unique too,
        // which is why consensus must refuse the same payload under a second signer before it commits.
        tx(s -> s.initChain("main", "g", "r0", List.of()));
        tx(s -> s.append(block(1, "g", "h1",
                List.of(new LedgerStore.TxOutcome("t1", 0, "k/1", "pressure", "add", true, "1")), List.of())));
        assertThrows(RuntimeException.class, () -> tx(s -> s.append(block(2, "h1", "h2",
                List.of(new LedgerStore.TxOutcome("t1", 0, "k/other-signer", "pressure", "add", true, "1")), List.of()))));
        assertEquals(1L, (long) this.<Long>read(s -> s.head("main").orElseThrow().height()));
        assertEquals(List.of("t1"), this.<List<String>>read(s -> s.txHashes("main")));
    }
}
