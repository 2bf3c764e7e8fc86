package org.fundchain.node;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.fundchain.consensus.CommittedLedger;
import org.fundchain.consensus.ConsensusConfig;
import org.fundchain.consensus.Event;
import org.fundchain.consensus.KeySigner;
import org.fundchain.consensus.Ready;
import org.fundchain.consensus.Replica;
import org.fundchain.crypto.SigningKey;
import org.fundchain.ledger.CertifiedBlock;
import org.fundchain.ledger.MemberKeys;
import org.fundchain.ledger.Transaction;
import org.junit.jupiter.api.Test;

/**
 * The consensus core answers a submission in words; {@link SubmitGate#outcomeOfCoreRefusal} turns those words into
 * the client's outcome. This pins the mapping to the real core's answers, so a reworded refusal fails here rather
 * than turning a duplicate into a 400.
 */
class SubmitGateTest {
    private static final long NOW = 1_700_000_000_000L;
    private final SecureRandom rnd = new SecureRandom(new byte[] {7});
    private final SigningKey k1 = SigningKey.generate(LocalCluster.SUITE.signature(), rnd);
    private final SigningKey k2 = SigningKey.generate(LocalCluster.SUITE.signature(), rnd);

    private Replica replica(int maxPending, Set<String> executedIds) {
        List<SigningKey> nodes = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            nodes.add(SigningKey.generate(LocalCluster.SUITE.signature(), rnd));
        }
        MemberKeys members = new MemberKeys(nodes.stream().map(SigningKey::publicKey).toList());
        ConsensusConfig cfg = ConsensusConfig.builder(LocalCluster.CHAIN, LocalCluster.SUITE.hash(), members, 2,
                new KeySigner(nodes.get(2)), new byte[32]).maxPending(maxPending).build();
        CommittedLedger ledger = new CommittedLedger() {
            public long height() {
                return 0;
            }

            public CertifiedBlock block(long height) {
                return null;
            }

            public boolean containsReplayKey(String replayKey) {
                return false;
            }

            public boolean containsTxHash(String txHash) {
                return executedIds.contains(txHash);
            }
        };
        Replica r = new Replica(cfg, ledger, tx -> true, null);
        r.step(NOW, new Event.Executed(0, new byte[32], List.of()));
        return r;
    }

    private static Transaction tx(SigningKey key, byte[] payload) {
        return Transaction.fromApiJson(LocalCluster.SUITE.hash(), RedTeam11ClusterTest.envelope(key, payload));
    }

    private static byte[] payload(String nonce) {
        return RedTeam11ClusterTest.payload(null, "pressure", "add", Map.of(), nonce, NOW);
    }

    private static SubmitResult.Outcome answer(Replica r, Transaction t) {
        for (Ready.Rejected rej : r.step(NOW, new Event.Submit(t)).rejected()) {
            if (rej.txHash().equals(t.hashHex())) {
                return SubmitGate.outcomeOfCoreRefusal(rej.reason());
            }
        }
        return null;
    }

    @Test
    void duplicatesOfPendingOrExecutedAreReplaysAndAFullMempoolIsMempoolFull() {
        Replica r = replica(2, Set.of());
        byte[] p = payload("n1");
        assertNull(answer(r, tx(k1, p)), "taken");
        assertEquals(SubmitResult.Outcome.REPLAY, answer(r, tx(k2, p)), "the same id under another signer, pending");
        assertEquals(SubmitResult.Outcome.REPLAY, answer(r, tx(k1, RedTeam11ClusterTest.payload(null, "pressure", "add",
                Map.of("account", "A"), "n1", NOW))),
                "the same (signer, nonce), pending");
        assertNull(answer(r, tx(k1, payload("n2"))));
        assertEquals(SubmitResult.Outcome.MEMPOOL_FULL, answer(r, tx(k1, payload("n3"))));

        Transaction done = tx(k1, payload("n9"));
        assertEquals(SubmitResult.Outcome.REPLAY, answer(replica(2, Set.of(done.hashHex())), tx(k2, done.payload())),
                "the same id, executed");
    }
}
