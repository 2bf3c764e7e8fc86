package org.fundchain.consensus;

import java.util.ArrayList;
import java.util.List;

import org.fundchain.codec.CanonicalReader;
import org.fundchain.codec.CanonicalWriter;
import org.fundchain.codec.CodecException;

/**
 * The consensus log the node must store durably before sending a step's messages: what this replica
 * promised at the height in progress (view, the one pre-prepare it accepted in that view, its highest
 * prepared certificate, whether it sent COMMIT, and the re-proposal its view's NEW-VIEW bound it to). With the committed chain this is everything a restarted
 * replica needs to never contradict itself. Opaque to the node: store {@link #encode()} as bytes.
 */
public final class PersistentState {
    final long height;
    final long view;
    final boolean inViewChange;
    final byte[] acceptedPrePrepare;
    final byte[] preparedPrePrepare;
    final List<byte[]> preparedPrepares;
    final boolean sentCommit;
    /** The pre-prepare this view's NEW-VIEW re-proposed (null if none): the view admits no other proposal. */
    final byte[] reproposal;

    PersistentState(long height, long view, boolean inViewChange, byte[] acceptedPrePrepare, byte[] preparedPrePrepare,
            List<byte[]> preparedPrepares, boolean sentCommit, byte[] reproposal) {
        this.height = height;
        this.view = view;
        this.inViewChange = inViewChange;
        this.acceptedPrePrepare = acceptedPrePrepare;
        this.preparedPrePrepare = preparedPrePrepare;
        this.preparedPrepares = List.copyOf(preparedPrepares);
        this.sentCommit = sentCommit;
        this.reproposal = reproposal;
    }

    /** Height of the round this log belongs to (committed height + 1 at the time). */
    public long height() {
        return height;
    }

    public long view() {
        return view;
    }

    public byte[] encode() {
        CanonicalWriter w = new CanonicalWriter(256);
        w.u8(2).i64(height).i64(view).bool(inViewChange).bool(sentCommit);
        w.bool(acceptedPrePrepare != null);
        if (acceptedPrePrepare != null) {
            w.bytes(acceptedPrePrepare);
        }
        w.bool(preparedPrePrepare != null);
        if (preparedPrePrepare != null) {
            w.bytes(preparedPrePrepare).i32(preparedPrepares.size());
            for (byte[] p : preparedPrepares) {
                w.bytes(p);
            }
        }
        w.bool(reproposal != null);
        if (reproposal != null) {
            w.bytes(reproposal);
        }
        return w.toByteArray();
    }

    public static PersistentState decode(byte[] bytes) {
        CanonicalReader r = new CanonicalReader(bytes);
        int version = r.u8();
        if (version != 1 && version != 2) {
            throw new CodecException("unknown consensus log version");
        }
        long height = r.i64();
        long view = r.i64();
        boolean ivc = r.bool();
        boolean sentCommit = r.bool();
        byte[] accepted = r.bool() ? r.bytes(Wire.MAX_EMBEDDED) : null;
        byte[] pp = null;
        List<byte[]> prepares = new ArrayList<>();
        if (r.bool()) {
            pp = r.bytes(Wire.MAX_EMBEDDED);
            int n = r.count(Wire.MAX_MEMBERS, "prepares");
            for (int i = 0; i < n; i++) {
                prepares.add(r.bytes(4096));
            }
        }
        byte[] reproposal = version >= 2 && r.bool() ? r.bytes(Wire.MAX_EMBEDDED) : null;
        r.requireEnd();
        return new PersistentState(height, view, ivc, accepted, pp, prepares, sentCommit, reproposal);
    }
}
