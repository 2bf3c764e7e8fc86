package org.fundchain.consensus;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.fundchain.crypto.HashAlgorithm;
import org.junit.jupiter.api.Test;

/**
 * A replica restored from nothing (a wiped member) asked for newer blocks only on the anti-entropy timer, ten resend
 * intervals after its first step: about 3 s of every restore spent waiting (issue 10, catch-up; measured with
 * PipelineBench). It now asks at its first step.
 */
class RestartCatchUpTest {

    @Test
    void aStartedReplicaAsksForNewerBlocksAtItsFirstTick() {
        TestSigning keys = new TestSigning(4);
        ConsensusConfig cfg = ConsensusConfig.builder("c", HashAlgorithm.SHA256, keys, 2, keys.signer(2), new byte[32])
                .primaryPolicy(PrimaryPolicy.ROTATION).build();
        PrimaryElectionPropertyTest.MemoryLedger ledger = new PrimaryElectionPropertyTest.MemoryLedger();
        Replica rep = new Replica(cfg, ledger, tx -> true, null);
        rep.step(1_000, new Event.Executed(ledger.height(), new byte[32], List.of()));
        Ready rd = rep.step(1_020, new Event.Tick());
        boolean asked = rd.messages().stream().map(o -> Wire.decode(o.bytes(), HashAlgorithm.SHA256).body())
                .anyMatch(m -> m instanceof Message.BlockRequest b && b.fromHeight() == 1);
        assertTrue(asked, "no BlockRequest(1) in the first tick's messages: " + rd.messages().size() + " messages");
    }
}
