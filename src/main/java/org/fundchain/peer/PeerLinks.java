package org.fundchain.peer;

/** Sending to other members, without blocking: what a chain runtime needs of the peer layer. */
public interface PeerLinks {
    /** Queues a payload for one member; false if it could not be queued (unknown member, full queue). */
    boolean send(String nodeId, String chainId, byte[] payload);

    /** Queues a payload for every other member. */
    void broadcast(String chainId, byte[] payload);
}
