package org.fundchain.consensus;

import java.util.ArrayList;
import java.util.List;

import org.fundchain.codec.CanonicalReader;
import org.fundchain.codec.CanonicalWriter;
import org.fundchain.codec.CodecException;

/**
 * The consensus log the node must store durably before sending a step's messages: what this replica
 * promised at the height in progress (view, the one pre-prepare it accepted in that view, its highest
 * prepared certificate, whether it sent COMMIT, and the NEW-VIEW it entered its view through — which binds the view to
 * its re-proposal, and which a restarted replica resends to members that missed it). With the committed chain this is
 * everything a restarted replica needs to never contradict itself. Opaque to the node: store {@link #encode()} as bytes.
 * Versions 1 and 2 (no NEW-VIEW; version 2 held the re-proposal alone) still decode.
 */
public final class PersistentState {
    final long height;
    final long view;
    final boolean inViewChange;
    final byte[] acceptedPrePrepare;
    final byte[] preparedPrePrepare;
    final List<byte[]> preparedPrepares;
    final boolean sentCommit;
    /** Version 2 only: the pre-prepare this view's NEW-VIEW re-proposed (null if none). */
    final byte[] reproposal;
    /** The signed NEW-VIEW this view was entered through (null if none); its pre-prepare, if any, is the re-proposal. */
    final byte[] newView;

    PersistentState(long height, long view, boolean inViewChange, byte[] acceptedPrePrepare, byte[] preparedPrePrepare,
            List<byte[]> preparedPrepares, boolean sentCommit, byte[] newView) {
        this(height, view, inViewChange, acceptedPrePrepare, preparedPrePrepare, preparedPrepares, sentCommit, null, newView);
    }

    private PersistentState(long height, long view, boolean inViewChange, byte[] acceptedPrePrepare, byte[] preparedPrePrepare,
            List<byte[]> preparedPrepares, boolean sentCommit, byte[] reproposal, byte[] newView) {
        this.height = height;
        this.view = view;
        this.inViewChange = inViewChange;
        this.acceptedPrePrepare = acceptedPrePrepare;
        this.preparedPrePrepare = preparedPrePrepare;
        this.preparedPrepares = List.copyOf(preparedPrepares);
        this.sentCommit = sentCommit;
        this.reproposal = reproposal;
        this.newView = newView;
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
        w.u8(3).i64(height).i64(view).bool(inViewChange).bool(sentCommit);
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
        w.bool(newView != null);
        if (newView != null) {
            w.bytes(newView);
        }
        return w.toByteArray();
    }

    public static PersistentState decode(byte[] bytes) {
        CanonicalReader r = new CanonicalReader(bytes);
        int version = r.u8();
        if (version < 1 || version > 3) {
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
        byte[] reproposal = version == 2 && r.bool() ? r.bytes(Wire.MAX_EMBEDDED) : null;
        // A NEW-VIEW holds a quorum of VIEW-CHANGEs, each possibly with a block: bounded by the stored bytes themselves.
        byte[] newView = version == 3 && r.bool() ? r.bytes(r.remaining()) : null;
        r.requireEnd();
        return new PersistentState(height, view, ivc, accepted, pp, prepares, sentCommit, reproposal, newView);
    }
}
