package org.fundchain.node;

import java.util.Map;
import java.util.function.Supplier;

import org.fundchain.codec.CodecException;
import org.fundchain.consensus.ConsensusConfig;
import org.fundchain.consensus.Event;
import org.fundchain.consensus.Message;
import org.fundchain.consensus.Ready;
import org.fundchain.consensus.Signed;
import org.fundchain.consensus.Wire;
import org.fundchain.contract.Admission;
import org.fundchain.contract.WorldState;
import org.fundchain.crypto.CryptoException;
import org.fundchain.ledger.Duplicates;
import org.fundchain.ledger.Transaction;

/**
 * The checks every transaction passes before the consensus core orders it — one definition for client submissions,
 * gossiped transactions and proposed blocks. A client envelope is parsed once and its signature verified once
 * ({@link SignatureCache}, keyed on the envelope hash, filled only after a signature verified); admission is asked
 * before the signature (a look-up is cheaper than a verification). A submission that passes is held in the
 * {@link TxTracker}, the one owner of this node's pending submissions.
 */
final class SubmitGate {
    /** A key that is not admitted may only ask to be (registry.requestRegistration): small, one at a time ... */
    static final int MAX_STRANGER_TX_BYTES = 4096;
    /** ... and at most this many such requests pending on this node at once. */
    static final int MAX_STRANGER_PENDING = 256;
    /** Bytes of client submissions this node holds before they are final (the core bounds gossip the same way). */
    static final long MAX_PENDING_BYTES = 64L * 1024 * 1024;

    static final String NO_SIGNER = "payload field 'signer' is missing: a payload must name its signer's key, or anyone "
            + "could re-sign it under another key while it is pending";

    private final ChainSetup setup;
    private final Supplier<? extends WorldState> world;
    private final ExecutedTransactions executed;
    private final TxTracker tracker;
    /**
     * Twice the mempool's 100,000 transactions: every pending transaction's check is remembered, while anyone who can
     * sign (a registration request needs no admission) fills at most ~26 MiB (was 1,000,000 entries, ~130 MiB of a
     * 1 GiB heap; red team 7). A full cache starts again: a flood costs re-checks, never a wrong answer.
     */
    private final SignatureCache signatures = new SignatureCache(200_000);

    /** Metrics: told of every signature actually verified (a cache miss). Set once, before use. */
    void onSignatureVerified(Runnable r) {
        signatures.onVerified(r);
    }

    SubmitGate(ChainSetup setup, Supplier<? extends WorldState> world, ExecutedTransactions executed, TxTracker tracker) {
        this.setup = setup;
        this.world = world;
        this.executed = executed;
        this.tracker = tracker;
    }

    ParsedEnvelope parse(Map<String, Object> envelope) {
        try {
            return new ParsedEnvelope(Transaction.fromApiJson(setup.suite().hash(), envelope), null);
        } catch (CodecException | CryptoException e) {
            return new ParsedEnvelope(null, SubmitResult.refused(SubmitResult.Outcome.INVALID, null, e.getMessage()));
        }
    }

    /** Whether this exact envelope's signature has already verified on this node. */
    boolean verified(Transaction tx) {
        return signatures.holds(tx);
    }

    /** True if {@code tx}'s signature verifies (each envelope is verified once on this node). */
    boolean verify(Transaction tx) {
        return signatures.verify(tx);
    }

    /**
     * Every check a client submission can be answered by now; null when it passed and is held in the tracker (the
     * caller then hands it to the core), else the refusal.
     */
    SubmitResult admit(Transaction tx, long nowMs) {
        String hash = tx.hashHex();
        String chain = setup.chainId();
        if (!tx.chain().equals(chain)) {
            return refuse(SubmitResult.Outcome.INVALID, hash, "payload names chain '" + tx.chain() + "' but was sent to chain '"
                    + chain + "'");
        }
        if (!tx.namesSigner()) {
            return refuse(SubmitResult.Outcome.INVALID, hash, NO_SIGNER);
        }
        if (setup.contracts().get(tx.contract()) == null) {
            return refuse(SubmitResult.Outcome.UNKNOWN, hash, "no contract '" + tx.contract() + "' on chain " + chain);
        }
        if (tx.algorithm() != setup.suite().signature()) {
            return refuse(SubmitResult.Outcome.INVALID, hash, "this consortium signs with "
                    + setup.suite().signature().jsonName() + ", not " + tx.algorithm().jsonName());
        }
        long skew = setup.consensus().maxClockSkewMs();
        long age = setup.consensus().maxTxAgeMs();
        if (tx.timestamp() > nowMs + skew || tx.timestamp() < nowMs - age) {
            return refuse(SubmitResult.Outcome.INVALID, hash, "timestamp " + tx.timestamp() + " is too far from the node's clock ("
                    + nowMs + "): allowed " + skew + " ms ahead and " + age + " ms behind");
        }
        boolean stranger = isStranger(world.get(), tx); // then all it may send is a registration request
        if (stranger && !Admission.isRegistrationRequest(BlockExecutor.call(tx))) {
            return refuse(SubmitResult.Outcome.NOT_ADMITTED, hash,
                    "signer " + BlockExecutor.signerId(tx) + " is not admitted to this consortium (or is disabled)");
        }
        if (stranger && tx.encodedSize() > MAX_STRANGER_TX_BYTES) {
            return refuse(SubmitResult.Outcome.TOO_LARGE, hash, "a registration request may have at most "
                    + MAX_STRANGER_TX_BYTES + " bytes");
        }
        if (!signatures.verify(tx)) {
            return refuse(SubmitResult.Outcome.BAD_SIGNATURE, hash, "signature does not verify over the payload");
        }
        String dup = Duplicates.conflict(tx, executed.seen());
        if (dup != null) {
            return refuse(SubmitResult.Outcome.REPLAY, hash, dup + " (executed)");
        }
        return tracker.reserve(tx, stranger ? BlockExecutor.signerId(tx) : null);
    }

    /**
     * A peer frame decoded on the thread that received it, with the client signatures of gossiped transactions
     * checked there by {@link #isValid} (so the consensus thread, asking the same again, finds them in the cache and
     * several peers' frames are verified in parallel). Nothing is decided here: the core checks the frame's chain,
     * sender and signature again and asks {@link #isValid} itself. Undecodable bytes go to the core as they are (it drops
     * them). Work is bounded by the frame, which the peer link bounds.
     */
    Event preverify(byte[] frame) {
        Signed s;
        try {
            s = Wire.decode(frame, setup.suite().hash());
        } catch (CodecException e) {
            return new Event.Receive(frame);
        }
        ConsensusConfig cfg = setup.consensus();
        // the sender's signature first (one check per frame), so a frame the core would drop costs no client checks
        if (s.body() instanceof Message.TxMessage m && s.chainId().equals(setup.chainId()) && s.sender() < cfg.n()
                && s.sender() != cfg.self() && s.verify(setup.members())) {
            for (Transaction tx : m.txs()) {
                isValid(tx);
            }
        }
        return new Event.Decoded(s);
    }

    /**
     * The core's check for every transaction it did not get from this node's client (gossip, proposals): the same
     * rule as a client submission — a payload naming its signer, an admitted signer (or a registration request of at
     * most {@link #MAX_STRANGER_TX_BYTES}) and a valid signature. Without
     * admission a member could gossip a client's payload re-signed by a fresh key and have it ordered (and
     * rejected) under the client's transaction id.
     */
    boolean isValid(Transaction tx) {
        if (!tx.namesSigner()) {
            return false;
        }
        if (isStranger(world.get(), tx) && (!Admission.isRegistrationRequest(BlockExecutor.call(tx))
                || tx.encodedSize() > MAX_STRANGER_TX_BYTES)) {
            return false; // one registry look-up serves admission and the stranger's bound
        }
        return signatures.verify(tx);
    }

    /** A signer the registry does not know: all it may send is one small registration request. */
    private static boolean isStranger(WorldState w, Transaction tx) {
        return Admission.lookup(w, BlockExecutor.signerId(tx)).isEmpty();
    }

    /**
     * What a refusal by the core means for the submission it answers: decided by its kind, never its words (a
     * reason may quote what the client sent, e.g. the chain it named).
     */
    static SubmitResult.Outcome outcomeOfCoreRefusal(Ready.Rejected.Kind kind) {
        return switch (kind) {
            case DUPLICATE -> SubmitResult.Outcome.REPLAY;
            case MEMPOOL_FULL -> SubmitResult.Outcome.MEMPOOL_FULL;
            case TOO_LARGE -> SubmitResult.Outcome.TOO_LARGE;
            // The core expires only what it held, so it never answers a submission so; were it to, the
            // transaction could not be ordered as sent.
            case INVALID, EXPIRED -> SubmitResult.Outcome.INVALID;
        };
    }

    private static SubmitResult refuse(SubmitResult.Outcome o, String hash, String reason) {
        return SubmitResult.refused(o, hash, reason);
    }
}
