package org.fundchain.node;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.security.SecureRandom;
import java.util.List;
import java.util.Map;

import org.fundchain.consensus.KeySigner;
import org.fundchain.consensus.Message;
import org.fundchain.consensus.Wire;
import org.fundchain.crypto.SigningKey;
import org.fundchain.ledger.Transaction;
import org.junit.jupiter.api.Test;

/**
 * Client signatures in gossip are checked on the thread that received the frame, not on the chain's loop thread
 * (which then finds them in the signature cache). The attacker is a Byzantine member gossiping a client's payload
 * with a forged signature next to the honest one: checking early must not vouch for the forged envelope.
 */
class PeerFramePreverifyTest {
    @Test
    void gossipIsVerifiedOnTheReceivingThreadAndAForgedEnvelopeStaysUnverified() throws Exception {
        SecureRandom keys = SecureRandom.getInstance("SHA1PRNG");
        keys.setSeed(23L);
        try (LocalCluster c = new LocalCluster(keys)) {
            c.node(3).stop();
            byte[] p = RedTeam11ClusterTest.payload(c.client, "pressure", "add", Map.of(), "pre-1", System.currentTimeMillis());
            Transaction honest = Transaction.of(LocalCluster.SUITE.hash(), p, c.client.algorithm(), c.client.publicKey().raw(),
                    c.client.sign(p));
            Transaction forged = Transaction.of(LocalCluster.SUITE.hash(), p, c.client.algorithm(), c.client.publicKey().raw(),
                    new byte[64]);
            byte[] gossip = Wire.sign(LocalCluster.CHAIN, 3, new Message.TxMessage(List.of(forged, honest)),
                    new KeySigner(c.nodeKeys.get(3))).encode();
            SigningKey outsider = SigningKey.generate(LocalCluster.SUITE.signature(), keys);
            byte[] notFromMember = Wire.sign(LocalCluster.CHAIN, 3, new Message.TxMessage(List.of(honest)),
                    new KeySigner(outsider)).encode();
            c.node(0).receive(notFromMember);
            assertFalse(c.node(0).signatureVerified(honest), "a frame not signed by its sender cost client signature checks");
            c.node(0).receive(gossip);
            // receive() has returned: the check ran on this thread, before the loop saw the frame
            assertTrue(c.node(0).signatureVerified(honest), "the honest envelope was not verified on the receiving thread");
            assertFalse(c.node(0).signatureVerified(forged), "a zero signature was remembered as verified");
            for (int i = 1; i < 3; i++) {
                c.node(i).receive(gossip);
            }
            long deadline = System.currentTimeMillis() + 30_000;
            while (c.ledgers.get(0).transaction(LocalCluster.CHAIN, honest.hashHex()).isEmpty()
                    && System.currentTimeMillis() < deadline) {
                Thread.sleep(30);
            }
            var stored = c.ledgers.get(0).transaction(LocalCluster.CHAIN, honest.hashHex());
            assertTrue(stored.isPresent(), "the honest gossiped transaction did not commit");
            for (org.fundchain.ledger.CertifiedBlock cb : c.chain(0)) {
                for (Transaction t : cb.block().transactions()) {
                    assertTrue(t.verifySignature(), "a transaction whose signature does not verify was ordered");
                }
            }
            assertEquals(1, c.chain(0).stream().mapToInt(b -> b.block().transactions().size()).sum());
        }
    }
}
