package org.fundchain.ledger;

import java.util.List;

import org.fundchain.crypto.PublicKey;

/** Member signatures checked against the consortium's ordered list of public keys. */
public final class MemberKeys implements MemberVerifier {
    private final List<PublicKey> keys;

    public MemberKeys(List<PublicKey> keys) {
        this.keys = List.copyOf(keys);
    }

    public List<PublicKey> keys() {
        return keys;
    }

    @Override
    public int size() {
        return keys.size();
    }

    @Override
    public boolean verify(int member, byte[] message, byte[] signature) {
        return member >= 0 && member < keys.size() && keys.get(member).verify(message, signature);
    }
}
