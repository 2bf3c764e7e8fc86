/**
 * CBFT consensus core (SPEC §2) as a pure state machine in the manner of etcd's raft: no threads, clock,
 * randomness, I/O or Jakarta (a test scans these sources). One {@link org.fundchain.consensus.Replica}
 * per chain, driven by the node from ONE event-loop thread.
 *
 * <h2>Construction</h2>
 * <pre>
 * ConsensusConfig cfg = ConsensusConfig.builder(chainId, suite.hash(), new MemberKeys(orderedMemberKeys),
 *         selfIndex, new KeySigner(nodeKey), genesisHash)
 *     .primaryPolicy(PrimaryPolicy.CREDIT)            // or ROTATION
 *     .thesisBatching()                               // optional: 2 s / 10 tx / 98 MB / 512 KB
 *     .build();
 * Replica r = new Replica(cfg, committedLedger, transactionCheck, lastLogOrNull);
 * </pre>
 * {@link org.fundchain.consensus.CommittedLedger} is a read-only view of the stored chain (height, block by
 * height, "has this (signer, nonce) executed"); {@link org.fundchain.consensus.TransactionCheck} is the
 * node's (cacheable) signature/admission check; {@code lastLogOrNull} is
 * {@code PersistentState.decode(bytes)} of the last stored log.
 *
 * <h2>Driving it</h2>
 * <pre>
 * at start:  rd = r.step(now, new Event.Executed(ledger.height(), currentStateRoot, List.of()));
 * then:      rd = r.step(now, event)   event = Tick (every 10–50 ms) | Receive(peer bytes) | Submit(client tx)
 * for every Ready rd, in this order:
 *   1. one DB transaction: store rd.committed() blocks with their certificates, execute them through the
 *      contracts, store receipts and state, store rd.persist().encode() if persist() != null;
 *   2. send rd.messages() (Outbound.to() == Ready.ALL: every other member) — never before step 1;
 *   3. for each committed block, in height order: r.step(now, new Event.Executed(h, stateRootAfterH, results))
 *      (results: one byte[] per transaction) and handle its Ready the same way;
 *   4. deliver rd.replies() (signed REPLYs) to waiting clients, answer rd.rejected() submissions,
 *      and treat rd.checkpoints() as safe points to compact storage (ourStateRoot() ≠ stateRoot() means
 *      local execution diverged: stop and resync).
 * </pre>
 *
 * <h2>Protocol summary</h2>
 * One height in flight. At height h the view starts at the previous block's view; the primary of (h, v)
 * comes from {@link org.fundchain.consensus.PrimarySchedule}: rotation (h − v) mod N, or credit scores
 * ({@link org.fundchain.consensus.CreditScores}, a fold over the chain) with a roulette wheel seeded by
 * hash(previous block hash ‖ v) that skips members who already failed at this height. PRE-PREPARE →
 * 2f PREPAREs from backups → 2f+1 COMMITs, whose signatures form the block's
 * {@link org.fundchain.ledger.CommitCertificate}. No progress within a timeout (doubling per failed view,
 * capped), or a forwarded transaction left unordered by the current primary for {@code complainAfterMs},
 * makes a replica send VIEW-CHANGE with its highest prepared certificate; f+1 such messages for higher views
 * make others join; the new primary's NEW-VIEW carries 2f+1 of them and re-proposes the highest prepared
 * block. Unacknowledged messages are re-sent while a round stalls; lagging replicas fetch certified blocks
 * (verified against the member keys and hash links). Checkpoints every K blocks agree on the state root.
 * Wire format: {@link org.fundchain.consensus.Wire} (tag, chain id, sender, body, signature).
 */
package org.fundchain.consensus;
