package org.fundchain.contract;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

import org.bouncycastle.crypto.Digest;
import org.fundchain.codec.Json;
import org.fundchain.contract.api.Contract;
import org.fundchain.contract.api.ContractException;
import org.fundchain.crypto.HashAlgorithm;
import org.fundchain.crypto.Hex;

/**
 * Executes transactions through the registered contracts against a {@link WorldState}, deterministically:
 * each transaction gets its own write set that is applied only if the whole call tree succeeds.
 * Not thread-safe: a chain's event loop owns its runtime.
 */
public final class ContractRuntime {
    /** Rejection code for an unknown contract. */
    public static final String NO_SUCH_CONTRACT = "NO_SUCH_CONTRACT";
    /** Rejection code for a contract that failed with something other than a refusal (a bug); still deterministic. */
    public static final String CONTRACT_ERROR = "CONTRACT_ERROR";

    private final String chainId;
    private final ContractRegistry registry;
    private final WorldState world;
    private final HashAlgorithm hash;

    public ContractRuntime(String chainId, ContractRegistry registry, WorldState world, HashAlgorithm hash) {
        this.chainId = chainId;
        this.registry = registry;
        this.world = world;
        this.hash = hash;
    }

    public ContractRegistry registry() {
        return registry;
    }

    public WorldState world() {
        return world;
    }

    /**
     * Initialises state at height 0 from the genesis document {@code {"contracts": {"<name>": {...}}}}:
     * each registered contract's {@code init} runs, in name order, with its section. All or nothing.
     */
    public void genesis(SortedMap<String, Object> genesisDocument, long genesisTime) {
        if (!world.entries().isEmpty()) {
            throw new IllegalStateException("genesis on a non-empty world state");
        }
        SortedMap<String, Object> sections = objectOrEmpty(genesisDocument.get("contracts"));
        for (String name : sections.keySet()) {
            if (registry.get(name) == null) {
                throw new IllegalArgumentException("genesis has a section for unknown contract '" + name + "'");
            }
        }
        SortedMap<StateKey, String> writes = new TreeMap<>();
        List<SortedMap<String, Object>> events = new ArrayList<>();
        for (Contract c : registry.contracts()) {
            Invocation inv = new Invocation(this, "genesis", null, 0, genesisTime, writes, events);
            try {
                c.init(inv.contextFor(c.name(), null), objectOrEmpty(sections.get(c.name())));
            } catch (ContractException e) {
                throw new IllegalArgumentException("genesis refused by " + c.name() + ": " + e.code() + " " + e.getMessage(), e);
            }
        }
        world.apply(writes, 0);
    }

    /**
     * Executes one transaction in a block; applies its writes only when it commits. Whatever the contract does, the
     * receipt is one the ledger can store ({@link ContractLimits}): a result or events too large, a state value or a
     * write set too large, or args that are not an object make a REJECTED receipt with nothing written, the same on
     * every node.
     */
    public Receipt execute(TransactionCall tx, long blockHeight, long blockTime) {
        if (tx.argsProblem() != null) {
            return Receipt.rejected(tx.txHash(), ContractLimits.BAD_ARGS, tx.argsProblem());
        }
        SortedMap<StateKey, String> writes = new TreeMap<>();
        List<SortedMap<String, Object>> events = new ArrayList<>();
        Invocation inv = new Invocation(this, tx.txHash(), tx.signer(), blockHeight, blockTime, writes, events);
        Receipt receipt;
        try {
            Object result = inv.invoke(tx.contract(), tx.method(), tx.args(), null);
            Object canonical = result == null ? null : Json.parse(Json.write(result));
            String tooMuch = writeSetProblem(writes);
            if (tooMuch != null) {
                return bounded(Receipt.rejected(tx.txHash(), ContractLimits.STATE_TOO_LARGE, tooMuch));
            }
            receipt = new Receipt(tx.txHash(), Receipt.Status.COMMITTED, canonical, null, null, List.copyOf(events));
        } catch (ContractException e) {
            return bounded(Receipt.rejected(tx.txHash(), e.code(), e.getMessage()));
        } catch (RuntimeException | StackOverflowError e) {
            // A contract bug must not take the node down, and must fail the same way on every node.
            return bounded(Receipt.rejected(tx.txHash(), CONTRACT_ERROR, e.getClass().getSimpleName() + ": " + e.getMessage()));
        }
        int length = receipt.text().length();
        if (length > ContractLimits.MAX_RECEIPT_CHARS) {
            return bounded(Receipt.rejected(tx.txHash(), ContractLimits.RESULT_TOO_LARGE, tx.contract() + "." + tx.method()
                    + " answered with a receipt (result and events) of " + length + " characters; the ledger stores at most "
                    + ContractLimits.MAX_RECEIPT_CHARS + ". Nothing was written."));
        }
        world.apply(writes, blockHeight);
        return receipt;
    }

    /** Why this transaction's writes are too many or too large together, or null. */
    private static String writeSetProblem(SortedMap<StateKey, String> writes) {
        if (writes.size() > ContractLimits.MAX_WRITES_PER_TX) {
            return "the transaction writes " + writes.size() + " state keys; at most " + ContractLimits.MAX_WRITES_PER_TX
                    + " are allowed. Nothing was written.";
        }
        long chars = 0;
        for (Map.Entry<StateKey, String> w : writes.entrySet()) {
            chars += w.getKey().contract().length() + w.getKey().key().length() + (w.getValue() == null ? 0 : w.getValue().length());
        }
        if (chars > ContractLimits.MAX_WRITE_CHARS_PER_TX) {
            return "the transaction writes " + chars + " characters of state; at most " + ContractLimits.MAX_WRITE_CHARS_PER_TX
                    + " are allowed. Nothing was written.";
        }
        return null;
    }

    /**
     * A rejection that fits the ledger: code and message are already cut; only a message full of characters that
     * JSON escapes (or an odd transaction hash) can still make it too long, and then the message is cut further.
     */
    private static Receipt bounded(Receipt r) {
        Receipt out = r;
        while (out.text().length() > ContractLimits.MAX_RECEIPT_CHARS && out.errorMessage() != null
                && !out.errorMessage().isEmpty()) {
            out = Receipt.rejected(r.txHash(), r.errorCode(), Receipt.cut(out.errorMessage(), out.errorMessage().length() / 2));
        }
        return out;
    }

    /** Executes a block's transactions in order; each commits or is rejected on its own. */
    public List<Receipt> executeBlock(long blockHeight, long blockTime, List<TransactionCall> txs) {
        List<Receipt> receipts = new ArrayList<>(txs.size());
        for (TransactionCall tx : txs) {
            receipts.add(execute(tx, blockHeight, blockTime));
        }
        return receipts;
    }

    /** Runs a read-only call (e.g. a REST query) against committed state; its writes are always discarded. */
    public Receipt query(TransactionCall call, long blockHeight, long blockTime) {
        if (call.argsProblem() != null) {
            return Receipt.rejected(call.txHash(), ContractLimits.BAD_ARGS, call.argsProblem());
        }
        SortedMap<StateKey, String> writes = new TreeMap<>();
        Invocation inv = new Invocation(this, call.txHash(), call.signer(), blockHeight, blockTime, writes, new ArrayList<>());
        try {
            Object result = inv.invoke(call.contract(), call.method(), call.args(), null);
            return new Receipt(call.txHash(), Receipt.Status.COMMITTED,
                    result == null ? null : Json.parse(Json.write(result)), null, null, List.of());
        } catch (ContractException e) {
            return Receipt.rejected(call.txHash(), e.code(), e.getMessage());
        } catch (RuntimeException | StackOverflowError e) {
            return Receipt.rejected(call.txHash(), CONTRACT_ERROR, e.getClass().getSimpleName() + ": " + e.getMessage());
        }
    }

    /**
     * Hex hash over every state entry in (contract, key) order: length-prefixed UTF-8 of contract, key and
     * canonical value. Versions are left out: the root commits to content, which is what nodes must agree on.
     */
    public String stateRoot() {
        Digest d = hash.newDigest();
        for (Map.Entry<StateKey, VersionedValue> e : world.entries().entrySet()) {
            update(d, e.getKey().contract());
            update(d, e.getKey().key());
            update(d, e.getValue().json());
        }
        byte[] out = new byte[d.getDigestSize()];
        d.doFinal(out, 0);
        return Hex.encode(out);
    }

    String chainId() {
        return chainId;
    }

    private static void update(Digest d, String s) {
        byte[] b = s.getBytes(StandardCharsets.UTF_8);
        d.update((byte) (b.length >>> 24));
        d.update((byte) (b.length >>> 16));
        d.update((byte) (b.length >>> 8));
        d.update((byte) b.length);
        d.update(b, 0, b.length);
    }

    @SuppressWarnings("unchecked")
    private static SortedMap<String, Object> objectOrEmpty(Object v) {
        if (v == null) {
            return new TreeMap<>();
        }
        if (!(v instanceof Map)) {
            throw new IllegalArgumentException("genesis section must be an object");
        }
        return new TreeMap<>((Map<String, Object>) v);
    }
}
