package org.fundchain.consensus;

/** Signs consensus messages and replies as this replica. Production: {@link KeySigner}. */
public interface Signer {
    byte[] sign(byte[] message);
}
