package org.fundchain.consensus;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import org.fundchain.crypto.HashAlgorithm;
import org.fundchain.ledger.Block;
import org.fundchain.ledger.BlockHeader;
import org.fundchain.ledger.Merkle;
import org.fundchain.ledger.Transaction;
import org.junit.jupiter.api.Test;

/** What a replica promised before a crash binds it after restart (the persisted consensus log). */
class RestartTest {
    private static final HashAlgorithm H = HashAlgorithm.SHA256;
    private final TestSigning keys = new TestSigning(4);
    private final Random r = new Random(4);

    private Replica backup(PersistentState log) {
        ConsensusConfig cfg = ConsensusConfig.builder("c", H, keys, 2, keys.signer(2), new byte[32]).primaryPolicy(PrimaryPolicy.ROTATION)
                .build();
        Replica rep = new Replica(cfg, new PrimaryElectionPropertyTest.MemoryLedger(), tx -> true, log);
        rep.step(0, new Event.Executed(0, new byte[32], List.of()));
        return rep;
    }

    /** A proposal for height 1, view 0 by member 1 (the rotation primary). */
    private byte[] proposal(long ts) {
        List<Transaction> txs = new ArrayList<>(List.of(PrimaryElectionPropertyTest.tx(r, ts)));
        BlockHeader h = new BlockHeader("c", 1, new byte[32], Merkle.rootOf(H, txs), new byte[32], ts, 1, 0, List.of(), 1);
        return Wire.sign("c", 1, new Message.PrePrepare(0, 1, new Block(h, txs)), keys.signer(1)).encode();
    }

    private static long prepares(Ready rd) {
        return rd.messages().stream().filter(o -> Wire.decode(o.bytes(), H).body() instanceof Message.Prepare).count();
    }

    @Test
    void noSecondDigestForTheSameViewAndHeightEvenAfterARestart() {
        Replica a = backup(null);
        Ready rd = a.step(10, new Event.Receive(proposal(5)));
        assertEquals(1, prepares(rd), "first proposal is prepared");
        assertNotNull(rd.persist(), "the acceptance is persisted before the PREPARE goes out");
        PersistentState log = PersistentState.decode(rd.persist().encode());

        assertEquals(0, prepares(a.step(11, new Event.Receive(proposal(6)))), "a conflicting proposal is ignored");

        Replica restarted = backup(log);
        assertEquals(0, prepares(restarted.step(12, new Event.Receive(proposal(6)))),
                "after restart the conflicting proposal is still refused");
        Replica amnesiac = backup(null);
        assertEquals(1, prepares(amnesiac.step(12, new Event.Receive(proposal(6)))),
                "control: without the log the replica would have prepared it");
        assertTrue(restarted.view() == 0 && restarted.height() == 0);
    }
}
