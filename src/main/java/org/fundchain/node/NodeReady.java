package org.fundchain.node;

/**
 * CDI event fired once, synchronously, when the node's identity and database are verified. Components
 * that must not run before that (peer links, consensus, timers) observe it instead of starting on their own.
 */
public record NodeReady(NodeIdentity identity) {
}
