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
 *
 * <h2>Rules of time and censorship</h2>
 * <ul>
 * <li><b>Clocks.</b> {@code maxClockSkewMs} bounds the difference between any two honest members' clocks. Clock
 * time reaches the core only as {@code step(nowMs, …)}.</li>
 * <li><b>Block time</b> is bounded both ways by every backup's clock: a fresh proposal dated more than the skew
 * ahead of <em>or behind</em> the backup's clock is refused (a NEW-VIEW re-proposal was so checked by the members
 * that prepared it), and a block is never dated before a transaction it holds by more than the grace
 * ({@code censorshipGraceMs}) nor after it by more than {@code maxTxAgeMs}. The primary dates a block
 * max(its clock, previous + 1) and leaves transactions dated later than that (plus the grace) for a later block.</li>
 * <li><b>Transactions</b> from clients and from gossip alike are admitted only inside the window
 * [clock − maxTxAgeMs, clock + maxClockSkewMs], and pending ones expire maxTxAgeMs after their timestamp (the
 * node's client is told).</li>
 * <li><b>Blame for censorship needs evidence that the primary had the transaction in time.</b> Credit scores
 * ({@link org.fundchain.consensus.CreditScores}) blame only failed primaries (a view change at that height), never a
 * client timestamp. A backup refuses to prepare a proposal that leaves out (with room, or out of order) a
 * transaction this backup itself broadcast to every member — its own client's gossip or a forward — a grace
 * period before the proposal reached it; if enough members refuse, the round times out and the primary is on the
 * chain as failed. A transaction some other member gossiped to it alone is no proof: left out, it is forwarded to
 * every member, which makes the next miss provable.</li>
 * </ul>
 */
package org.fundchain.consensus;
