/**
 * CBFT consensus core (SPEC §2) as a pure state machine, in the manner of etcd's raft: no threads,
 * clock, randomness, I/O or Jakarta. The node runtime drives one {@link org.fundchain.consensus.Replica}
 * per chain from one event-loop thread:
 *
 * <pre>
 * Replica r = new Replica(config, committedLedger, transactionCheck, lastPersistedLogOrNull);
 * Ready rd = r.step(now, new Event.Executed(ledger.height(), currentStateRoot, List.of()));   // once, at start
 * loop: rd = r.step(now, event)  with event = Tick (every ~20–50 ms) | Receive(peer bytes) | Submit(client tx)
 *       in ONE database transaction: store rd.committed() blocks, execute them, store receipts/state,
 *                                    store rd.persist().encode() if not null;
 *       then send rd.messages() (to = Ready.ALL means every other member);
 *       then for each committed block in order: r.step(now, new Event.Executed(h, stateRoot, results));
 *       deliver rd.replies() to waiting clients; report rd.rejected(); prune storage at rd.checkpoints().
 * </pre>
 *
 * Signatures are behind {@link org.fundchain.consensus.Signer} / {@link org.fundchain.ledger.MemberVerifier}
 * (production: {@link org.fundchain.consensus.KeySigner} and {@link org.fundchain.ledger.MemberKeys}).
 * Transactions are checked through {@link org.fundchain.consensus.TransactionCheck} (the node may cache).
 * The wire format is {@link org.fundchain.consensus.Wire}; primaries come from
 * {@link org.fundchain.consensus.PrimarySchedule} (rotation or credit scores + roulette wheel).
 */
package org.fundchain.consensus;
