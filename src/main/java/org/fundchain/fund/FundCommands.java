package org.fundchain.fund;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.function.Function;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.fundchain.codec.CodecException;
import org.fundchain.codec.Json;
import org.fundchain.crypto.SigningKey;
import org.fundchain.ledger.Transaction;
import org.fundchain.ledger.jpa.LedgerService;
import org.fundchain.ledger.jpa.TransactionRecord;
import org.fundchain.node.ChainRuntime;
import org.fundchain.node.NodeRuntime;
import org.fundchain.node.SubmitResult;
import org.fundchain.node.TxTracker;

/**
 * Writes to the fund business: builds a transaction payload (chain, contract, method, args, nonce, timestamp),
 * signs it with the given key, submits it to this node's chain and optionally waits for its block. The portal signs
 * with the logged-in user's key, the sweep timer with the node's key.
 */
@ApplicationScoped
public class FundCommands {
    /** Default wait for {@link #submit(String, SigningKey, String, String, Map)}: a few consensus rounds. */
    public static final Duration DEFAULT_WAIT = Duration.ofSeconds(15);
    static final Duration MAX_WAIT = Duration.ofSeconds(60);

    private static final SecureRandom NONCES = new SecureRandom();

    @Inject
    NodeRuntime runtime;

    @Inject
    LedgerService ledger;

    /** Submits and waits up to {@link #DEFAULT_WAIT} for the commit. */
    public CommandResult submit(String chain, SigningKey key, String contract, String method, Map<String, ?> args) {
        return submit(chain, key, contract, method, args, DEFAULT_WAIT);
    }

    /**
     * Signs and submits {@code contract.method(args)}; waits up to {@code wait} (capped at 60 s; zero = do not
     * wait) for the block. Never throws for a refusal: the result says what happened.
     */
    public CommandResult submit(String chain, SigningKey key, String contract, String method, Map<String, ?> args,
            Duration wait) {
        Optional<ChainRuntime> c = runtime.chain(chain);
        if (c.isEmpty()) {
            return new CommandResult(CommandResult.Status.REFUSED, null, null, "UNKNOWN", "this node runs no chain '" + chain + "'");
        }
        SortedMap<String, Object> envelope;
        try {
            envelope = envelope(key, chain, contract, method, args, nonce(), System.currentTimeMillis());
        } catch (CodecException | IllegalArgumentException e) {
            return new CommandResult(CommandResult.Status.REFUSED, null, null, "INVALID", "cannot encode the arguments: " + e.getMessage());
        }
        return await(c.get(), c.get().submit(envelope), wait);
    }

    /**
     * Submits a transaction someone else signed and the caller already parsed (e.g. a bank's pushed flow: parsed and
     * verified once) and waits like {@link #submit}.
     */
    public CommandResult submitSigned(String chain, Transaction tx, Duration wait) {
        Optional<ChainRuntime> c = runtime.chain(chain);
        if (c.isEmpty()) {
            return new CommandResult(CommandResult.Status.REFUSED, null, null, "UNKNOWN", "this node runs no chain '" + chain + "'");
        }
        return await(c.get(), c.get().submit(tx), wait);
    }

    private CommandResult await(ChainRuntime c, CompletableFuture<SubmitResult> answer, Duration wait) {
        SubmitResult r = answer.join();
        if (!r.isAccepted()) {
            return new CommandResult(CommandResult.Status.REFUSED, r.txHash(), null, r.outcome().name(), r.reason());
        }
        long waitMs = Math.max(0, Math.min(MAX_WAIT.toMillis(), wait == null ? 0 : wait.toMillis()));
        return awaitOutcome(c.tracker(), r.txHash(), waitMs, hash -> ledger.transaction(c.chainId(), hash));
    }

    /**
     * Waits up to {@code waitMs} for the final outcome of an accepted transaction, then says what is known: the same
     * per-wait future a REST long-poll uses ({@link TxTracker#waitForCommand}), registered before the first look so
     * a commit in between still wakes it.
     */
    static CommandResult awaitOutcome(TxTracker tracker, String hash, long waitMs,
            Function<String, Optional<TransactionRecord>> stored) {
        if (waitMs > 0) {
            CompletableFuture<Void> done = tracker.waitForCommand(hash, waitMs);
            try {
                if (outcome(tracker, hash, stored).isEmpty()) {
                    done.get(); // completes at the commit, at a final refusal, or after waitMs
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (ExecutionException e) {
                // (never completed exceptionally) report what is known now
            } finally {
                done.complete(null); // answered before the timeout: leave the tracker now
            }
        }
        return outcome(tracker, hash, stored).orElse(new CommandResult(CommandResult.Status.PENDING, hash, null, null,
                "accepted, not yet committed"));
    }

    /** The final outcome of a transaction if this node knows it: committed (either way) or finally refused. */
    private static Optional<CommandResult> outcome(TxTracker tracker, String hash,
            Function<String, Optional<TransactionRecord>> stored) {
        Optional<TransactionRecord> t = stored.apply(hash);
        if (t.isPresent()) {
            return Optional.of(fromReceipt(hash, t.get().status(), t.get().result()));
        }
        String refusal = tracker.refusal(hash);
        if (refusal != null) {
            return Optional.of(new CommandResult(CommandResult.Status.REFUSED, hash, null, "REFUSED", refusal));
        }
        return Optional.empty();
    }

    static CommandResult fromReceipt(String hash, String status, String receiptJson) {
        SortedMap<String, Object> receipt;
        try {
            receipt = receiptJson == null ? new TreeMap<>() : Json.parseObject(receiptJson.getBytes(StandardCharsets.UTF_8), 1 << 20);
        } catch (CodecException e) {
            receipt = new TreeMap<>(); // a receipt cut at the stored size limit: the status still stands
        }
        if ("COMMITTED".equals(status)) {
            return new CommandResult(CommandResult.Status.COMMITTED, hash, receipt.get("result"), null, null);
        }
        Object code = receipt.get("errorCode");
        Object message = receipt.get("errorMessage");
        return new CommandResult(CommandResult.Status.REJECTED, hash, null, code == null ? "REJECTED" : code.toString(),
                message == null ? "the contract refused the transaction" : message.toString());
    }

    /** The §5 envelope {payload, signer, alg, signature} over the canonical JSON payload. */
    public static SortedMap<String, Object> envelope(SigningKey key, String chain, String contract, String method,
            Map<String, ?> args, String nonce, long timestampMs) {
        return org.fundchain.envelope.SignedTransaction.envelope(key, chain, contract, method, args, nonce, timestampMs);
    }

    /** 128 random bits: a nonce is single-use per signer, and the portal and the timer never coordinate. */
    static String nonce() {
        byte[] b = new byte[16];
        NONCES.nextBytes(b);
        return HexFormat.of().formatHex(b);
    }
}
