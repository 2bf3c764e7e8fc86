package org.fundchain.peer;

import org.fundchain.codec.CanonicalReader;
import org.fundchain.codec.CanonicalWriter;
import org.fundchain.codec.CodecException;

/**
 * One binary WebSocket message between two nodes. Three kinds: the acceptor's CHALLENGE, each side's
 * AUTH (proof of its node key over the other side's fresh nonce), and MESSAGE (a chain's consensus or
 * sync payload, opaque to this layer). Decoding is bounded and strict; anything else is refused.
 */
public sealed interface PeerFrame permits PeerFrame.Challenge, PeerFrame.Auth, PeerFrame.Message {
    int VERSION = 1;
    int NONCE_BYTES = 32;
    int MAX_ID_BYTES = 128;
    int MAX_SIGNATURE_BYTES = 128;

    byte[] encode();

    /** Sent by the acceptor as soon as a link opens. */
    record Challenge(String genesisHash, String nodeId, byte[] nonce) implements PeerFrame {
        public byte[] encode() {
            return new CanonicalWriter(96).u8(VERSION).u8(1).string(genesisHash).string(nodeId).raw(nonce).toByteArray();
        }
    }

    /**
     * A node's proof that it holds its key: a signature over the peer's nonce (see {@link PeerAuth}). The
     * dialer also sends a nonce of its own for the acceptor to sign; the acceptor's AUTH carries none.
     */
    record Auth(String nodeId, byte[] nonce, byte[] signature) implements PeerFrame {
        public byte[] encode() {
            return new CanonicalWriter(160).u8(VERSION).u8(2).string(nodeId).bytes(nonce).bytes(signature).toByteArray();
        }
    }

    /** A payload for one chain. */
    record Message(String chainId, byte[] payload) implements PeerFrame {
        public byte[] encode() {
            return new CanonicalWriter(payload.length + 32).u8(VERSION).u8(3).string(chainId).bytes(payload).toByteArray();
        }
    }

    static PeerFrame decode(byte[] frame, int maxPayloadBytes) {
        CanonicalReader r = new CanonicalReader(frame);
        int version = r.u8();
        if (version != VERSION) {
            throw new CodecException("unsupported peer protocol version " + version);
        }
        int type = r.u8();
        PeerFrame f;
        switch (type) {
            case 1: {
                String gh = r.string(MAX_ID_BYTES);
                String id = r.string(MAX_ID_BYTES);
                f = new Challenge(gh, id, r.raw(NONCE_BYTES));
                break;
            }
            case 2: {
                String id = r.string(MAX_ID_BYTES);
                byte[] nonce = r.bytes(NONCE_BYTES);
                if (nonce.length != 0 && nonce.length != NONCE_BYTES) {
                    throw new CodecException("AUTH nonce must be empty or " + NONCE_BYTES + " bytes");
                }
                f = new Auth(id, nonce, r.bytes(MAX_SIGNATURE_BYTES));
                break;
            }
            case 3:
                f = new Message(r.string(MAX_ID_BYTES), r.bytes(maxPayloadBytes));
                break;
            default:
                throw new CodecException("unknown peer frame type " + type);
        }
        r.requireEnd();
        return f;
    }
}
