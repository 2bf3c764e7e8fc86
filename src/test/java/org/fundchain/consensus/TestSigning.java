package org.fundchain.consensus;

import java.security.MessageDigest;

import org.fundchain.crypto.HashAlgorithm;
import org.fundchain.ledger.MemberVerifier;

/** A keyed-hash signing scheme for unit tests of the core. */
final class TestSigning implements MemberVerifier {
    private final int n;

    TestSigning(int n) {
        this.n = n;
    }

    Signer signer(int member) {
        return m -> HashAlgorithm.SHA256.digest(new byte[] {(byte) member, 42}, m);
    }

    @Override
    public int size() {
        return n;
    }

    @Override
    public boolean verify(int member, byte[] message, byte[] signature) {
        return member >= 0 && member < n && MessageDigest.isEqual(signer(member).sign(message), signature);
    }
}
