package org.fundchain.consensus;

import java.util.List;

import org.fundchain.ledger.Transaction;

/** Inputs to {@link Replica#step(long, Event)}. Time is the step's {@code nowMs} argument, never read from a clock. */
public sealed interface Event {
    /** Periodic timer (the node ticks every few tens of milliseconds): timeouts, retransmission, batch timeout. */
    record Tick() implements Event {
    }

    /** Bytes from a peer link; untrusted. */
    record Receive(byte[] bytes) implements Event {
    }

    /**
     * A peer frame the node already decoded with {@link Wire#decode} (so it could check the client signatures in it
     * off the consensus thread); as untrusted as {@link Receive}: chain, sender and signature are checked here.
     */
    record Decoded(Signed frame) implements Event {
    }

    /** A transaction from a client of this node (REST/mempool); the core gossips it to the other replicas. */
    record Submit(Transaction tx) implements Event {
    }

    /**
     * The node executed committed block {@code height} (in order) and the state root is now
     * {@code stateRoot}; {@code results} holds one result per transaction (may be empty: replies then carry
     * empty results). After start-up the node first reports its current height with no results.
     */
    record Executed(long height, byte[] stateRoot, List<byte[]> results) implements Event {
    }
}
