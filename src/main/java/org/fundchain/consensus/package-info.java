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
 * <h2>Code layout</h2>
 * {@link org.fundchain.consensus.Replica} routes events and owns the timers; each concern has its own class, as etcd raft
 * keeps its log, progress tracker and quorum apart: {@code CommittedChain} (committed head, credit scores, blocks not yet
 * executed or checkpointed), {@code Round} (the height in flight: view, accepted proposal, votes, VIEW-CHANGEs,
 * candidates; what is persisted), {@code NormalCase} (propose, validate, prepare, commit), {@code ViewChangeProtocol}
 * (VIEW-CHANGE, NEW-VIEW, re-proposal), {@code Mempool} and {@code CensorshipEvidence} (admission, expiry, gossip,
 * forwards; blame on proof), {@code Checkpoints} and {@code CatchUp}.
 *
 * <h2>Protocol summary</h2>
 * One height in flight. At height h the view starts at the previous block's view; the primary of (h, v)
 * comes from {@link org.fundchain.consensus.PrimarySchedule}: rotation (h − v) mod N, or credit scores
 * ({@link org.fundchain.consensus.CreditScores}, a fold over the chain) with a roulette wheel seeded by
 * hash(previous block hash ‖ v) that skips members who already failed at this height. PRE-PREPARE →
 * quorum − 1 PREPAREs from backups → a quorum of COMMITs, whose signatures form the block's
 * {@link org.fundchain.ledger.CommitCertificate}. No progress within a timeout (doubling per failed view,
 * capped), or a forwarded transaction left unordered by the current primary for {@code complainAfterMs},
 * makes a replica send VIEW-CHANGE with its highest prepared certificate; f+1 such messages for higher views
 * make others join; the new primary's NEW-VIEW carries a quorum of them and re-proposes the highest prepared
 * block. Unacknowledged messages are re-sent while a round stalls; lagging replicas fetch certified blocks
 * (verified against the member keys and hash links). Checkpoints every K blocks agree on the state root.
 * Wire format: {@link org.fundchain.consensus.Wire} (tag, chain id, sender, body, signature).
 *
 * <h2>Safety rules of the view change (issue 10; each has a test in {@code ViewChangeAttackTest})</h2>
 * <ol>
 * <li><b>A block is its header and its body.</b> Votes and certificates name a block by its header hash, which
 * commits to the body only through the header's transaction root. So wherever a block enters — PRE-PREPARE
 * ({@code NormalCase.validate}), prepared certificate ({@code ViewChangeProtocol.validPrepared}, in a VIEW-CHANGE or
 * inside a NEW-VIEW), the NEW-VIEW's re-proposal ({@code onNewView}) and catch-up ({@code CertifiedBlock.check} in
 * {@code CatchUp.onBlocks}) — its
 * transactions must hash to the header's root before anything stores or counts it. A certificate whose body does
 * not match is refused as a whole (a Byzantine primary can sign a second PRE-PREPARE with the same header and
 * other transactions and wrap it with honest PREPAREs).</li>
 * <li><b>A candidate is never replaced.</b> {@code candidates} (block by hash, what a quorum of COMMITs finally
 * commits) only ever gains entries ({@code putIfAbsent}); with rule 1 a hash has exactly one body.</li>
 * <li><b>A view with a re-proposal admits no other proposal, and that survives restart.</b> Once a replica enters
 * a view through a NEW-VIEW that carries a pre-prepare, that pre-prepare is the only proposal of the view: a fresh
 * PRE-PREPARE from the same primary is refused (also while the re-proposal waits for execution, and by the
 * primary itself in {@code NormalCase.maybePropose}). The NEW-VIEW (with its re-proposal) is part of the persisted consensus log
 * ({@link org.fundchain.consensus.PersistentState}, version 3), so a restarted replica is bound to it too, accepts it
 * once it has executed its chain, and resends it — at its first step and whenever the round stalls — to members that
 * missed it ({@code NewViewRestartTest}).</li>
 * <li><b>Bounded work per message.</b> The primary of any view a message may name costs at most N credit draws:
 * each draw excludes the primaries of the N−1 views before it, so once the first N primaries are all different
 * (always, while every score is positive) the credit schedule repeats with period N
 * ({@link org.fundchain.consensus.PrimarySchedule}); views beyond {@code MAX_VIEW_SPAN} are refused.</li>
 * <li><b>Every prepared block can be re-proposed.</b> A NEW-VIEW carries quorum + 1 copies of a prepared block (each
 * VIEW-CHANGE embeds its PRE-PREPARE), so a backup prepares no block larger than a member's frame limit divided by
 * quorum + 1, less overheads ({@code Wire.maxViewChangeBlockBytes}), and the primary cuts blocks at PreferredMaxBytes or
 * that, whichever is less. Otherwise one Byzantine primary could let a huge block prepare at a few backups, never commit
 * it, and no later view could ever be installed ({@code CatchUpFrameLimitTest}).</li>
 * <li><b>Quorums intersect in an honest member for every N.</b> quorum = ⌈(N + f + 1) / 2⌉ with f = ⌊(N − 1) / 3⌋
 * ({@link org.fundchain.ledger.ChainVerifier#quorum}, used by {@code ConsensusConfig.quorum}, this core's
 * prepared certificates (pre-prepare + quorum − 1 PREPAREs), VIEW-CHANGE sets, COMMIT certificates, checkpoints
 * and catch-up, and by chain verification). 2f+1 is this only when N = 3f + 1 ({@code QuorumTest}).</li>
 * </ol>
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
 * <li><b>A re-proposed block's failed views are settled by the next block.</b> A NEW-VIEW re-proposes a block with its
 * header unchanged (view and proposer of the round that first proposed it), so that header cannot name the views that
 * failed after it. The next block's failed list starts with them: the primaries of the previous height from the
 * header's view up to the view its proposer's commit certificate names (at most N), carried in the PRE-PREPARE
 * ({@code PrePrepare.settles}, also in a NEW-VIEW's re-proposal) and verified by every backup, and by
 * {@code validPrepared} in a prepared certificate, with the header's failed list ({@code NormalCase.settlementRefusal}); then this height's
 * failed primaries as before. Members may hold certificates of different views for one block, so only the header, never
 * a stored certificate, feeds {@link org.fundchain.consensus.CreditScores}. The header's proposer keeps the proposal's
 * credit, the primaries of the failed views are penalised, the re-proposer gets neither ({@code ReproposalCreditTest}).</li>
 * <li><b>Blame for censorship needs evidence that the primary had the transaction in time.</b> Credit scores
 * ({@link org.fundchain.consensus.CreditScores}) blame only failed primaries (a view change at that height), never a
 * client timestamp. A backup refuses to prepare a proposal that leaves out (with room, or out of order) a
 * transaction this backup itself broadcast to every member — its own client's gossip or a forward — <em>in two
 * frames</em> (every such send is repeated once, a resend interval later), both a grace period before the proposal
 * <em>first</em> reached it; if enough members refuse, the round times out and the primary is on the chain as
 * failed. One frame is no proof of receipt: a network attacker or an overflowing send queue may drop it, and with f
 * members silent one honest backup's refusal is enough to fail the round. A later copy of the proposal (re-sent by the
 * primary, or one that overtook its NEW-VIEW or waited for execution) is judged at the first copy's arrival: the
 * primary made the block before that, and sends after it prove nothing ({@code LostGossipFramingTest}). A
 * transaction some other member gossiped to it alone is no proof: left out, it is forwarded to every member, which
 * makes the next miss provable. A committed block this node accepted as a NEW-VIEW's re-proposal (its header names an
 * earlier view than the one it was accepted in) never brings a complaint against its header's proposer, who made it
 * before the re-proposal arrived: what it left out is only forwarded
 * ({@code CensorshipEvidenceTest.aReproposedBlockThatCommitsLateDoesNotBlameItsOriginalProposer}).</li>
 * </ul>
 */
package org.fundchain.consensus;
