package org.fundchain.ledger;

import org.fundchain.codec.CanonicalReader;
import org.fundchain.codec.CanonicalWriter;

/**
 * A node's signed REPLY ⟨v, t, i, r⟩ for one executed transaction: the view and height of the block,
 * the transaction hash, the client timestamp, the replica and the execution result bytes. A client that
 * collects f+1 identical replies (ignoring replica and signature) can trust the result.
 */
public record Reply(String chainId, long view, long height, byte[] txHash, long clientTimestamp, int replica, byte[] result,
        byte[] signature) {
    public static final int TAG = 20;
    public static final int MAX_RESULT = 1 << 20;

    public static byte[] signingBytes(String chainId, long view, long height, byte[] txHash, long clientTimestamp, int replica,
            byte[] result) {
        CanonicalWriter w = new CanonicalWriter(128 + result.length);
        w.u8(TAG).string(chainId).i64(view).i64(height).raw(txHash).i64(clientTimestamp).i32(replica).bytes(result);
        return w.toByteArray();
    }

    public boolean verify(MemberVerifier members) {
        return members.verify(replica, signingBytes(chainId, view, height, txHash, clientTimestamp, replica, result), signature);
    }

    public byte[] encode() {
        CanonicalWriter w = new CanonicalWriter(192 + result.length);
        w.raw(signingBytes(chainId, view, height, txHash, clientTimestamp, replica, result)).bytes(signature);
        return w.toByteArray();
    }

    public static Reply decode(byte[] bytes) {
        CanonicalReader r = new CanonicalReader(bytes);
        if (r.u8() != TAG) {
            throw new org.fundchain.codec.CodecException("not a reply");
        }
        Reply reply = new Reply(r.string(BlockHeader.MAX_CHAIN_ID), r.i64(), r.i64(), r.raw(32), r.i64(), r.i32(), r.bytes(MAX_RESULT),
                r.bytes(128));
        r.requireEnd();
        return reply;
    }
}
