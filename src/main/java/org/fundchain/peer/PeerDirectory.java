package org.fundchain.peer;

import java.net.URI;
import java.util.Optional;
import java.util.SortedMap;

import org.fundchain.crypto.PublicKey;
import org.fundchain.crypto.SigningKey;

/** What the peer layer needs to know about this node and the consortium (from the verified genesis). */
public interface PeerDirectory {
    String selfId();

    SigningKey selfKey();

    /** Hex hash of the genesis document: links between nodes of different consortia are refused. */
    String genesisHash();

    /** The current key of an admitted member node; empty for unknown or revoked nodes. */
    Optional<PublicKey> memberKey(String nodeId);

    /** Peer URL of every other member, by node id, in a stable order. */
    SortedMap<String, URI> peerUrls();

    /** Inbound peer links must come over mutual TLS with a certificate naming the peer ({@link PeerTlsBinding}). */
    default boolean tlsRequired() {
        return false;
    }
}
