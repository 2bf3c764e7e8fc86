package org.fundchain.ledger;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/**
 * The one definition of a duplicate transaction (ARCHITECTURE §3 rule 8). On a chain, a transaction is a
 * duplicate if another one already took
 * <ul>
 * <li>its <b>transaction id</b> — {@link Transaction#hashHex()}, the hash of the payload bytes (§5): the same
 * payload under another signer or signature is the same transaction id, so it is a duplicate; or</li>
 * <li>its <b>replay key</b> — {@link Transaction#replayKey()}, (signer, nonce): a replay.</li>
 * </ul>
 * "Took" means: pending in the mempool, committed, or earlier in the same block. Every place that decides
 * asks this class: the node's mempool ({@code ChainRuntime.submit}), the consensus core's admission,
 * proposal validation and catch-up ({@code Replica}), the chain verifier, and the schema, which keeps
 * both keys unique ({@code TransactionRecord}: primary key (chain, tx hash), unique (chain, replay key)) —
 * so whatever storage would refuse is refused before consensus, and a committed block always stores.
 * <p>
 * Known consequence (the id is the payload hash, ARCHITECTURE §5): whoever first gets a payload ordered under a
 * valid signature of their own takes its id, so someone who sees a pending payload (a Byzantine member) can
 * pre-empt it under another key. The payload does not name its signer; binding it there would close that.
 */
public final class Duplicates {
    private Duplicates() {
    }

    /** What some set of transactions (pending, committed, a block so far) has taken. */
    public interface Seen {
        boolean hasTxHash(String txHash);

        boolean hasReplayKey(String replayKey);
    }

    /** A {@link Seen} answered by two look-ups (e.g. the stored ledger's). */
    public static Seen seen(Predicate<String> txHashes, Predicate<String> replayKeys) {
        return new Seen() {
            @Override
            public boolean hasTxHash(String txHash) {
                return txHashes.test(txHash);
            }

            @Override
            public boolean hasReplayKey(String replayKey) {
                return replayKeys.test(replayKey);
            }
        };
    }

    /** Null if {@code tx} is new to {@code seen}; otherwise why it is a duplicate. */
    public static String conflict(Transaction tx, Seen seen) {
        if (seen.hasTxHash(tx.hashHex())) {
            return "duplicate: transaction " + tx.hashHex() + " (these payload bytes) was already submitted";
        }
        if (seen.hasReplayKey(tx.replayKey())) {
            return "replay: nonce '" + tx.nonce() + "' of this signer was already used";
        }
        return null;
    }

    /**
     * An in-memory set of transactions under the rule: each entry takes one transaction id and one replay
     * key, and no two entries share either. Not thread-safe.
     */
    public static final class Index implements Seen {
        private final Map<String, String> replayKeyByHash = new HashMap<>();
        private final Map<String, String> hashByReplayKey = new HashMap<>();

        @Override
        public boolean hasTxHash(String txHash) {
            return replayKeyByHash.containsKey(txHash);
        }

        @Override
        public boolean hasReplayKey(String replayKey) {
            return hashByReplayKey.containsKey(replayKey);
        }

        /** Null if this set holds nothing {@code tx} duplicates. */
        public String conflict(Transaction tx) {
            return Duplicates.conflict(tx, this);
        }

        /** Takes both keys of {@code tx} and returns null; or takes nothing and says why it is a duplicate. */
        public String add(Transaction tx) {
            String why = conflict(tx);
            if (why == null) {
                replayKeyByHash.put(tx.hashHex(), tx.replayKey());
                hashByReplayKey.put(tx.replayKey(), tx.hashHex());
            }
            return why;
        }

        /** The transaction id of the entry holding this replay key, or null. */
        public String txHashOf(String replayKey) {
            return hashByReplayKey.get(replayKey);
        }

        /** The replay key of the entry holding this transaction id, or null. */
        public String replayKeyOf(String txHash) {
            return replayKeyByHash.get(txHash);
        }

        /** Removes the entry holding this transaction id, if any. */
        public void removeTxHash(String txHash) {
            String rk = replayKeyByHash.remove(txHash);
            if (rk != null) {
                hashByReplayKey.remove(rk);
            }
        }

        /** Removes the entry holding this replay key, if any. */
        public void removeReplayKey(String replayKey) {
            String h = hashByReplayKey.remove(replayKey);
            if (h != null) {
                replayKeyByHash.remove(h);
            }
        }

        /**
         * Removes every entry {@code tx} duplicates (at most two: one sharing its id, one its replay key) and
         * returns their transaction ids; {@code tx}'s own entry, if present, is among them.
         */
        public List<String> removeConflicts(Transaction tx) {
            List<String> gone = new ArrayList<>(2);
            String rk = replayKeyByHash.get(tx.hashHex());
            if (rk != null) {
                removeTxHash(tx.hashHex());
                gone.add(tx.hashHex());
            }
            String h = hashByReplayKey.get(tx.replayKey());
            if (h != null) {
                removeReplayKey(tx.replayKey());
                gone.add(h);
            }
            return gone;
        }

        public int size() {
            return replayKeyByHash.size();
        }

        public boolean isEmpty() {
            return replayKeyByHash.isEmpty();
        }

        public void clear() {
            replayKeyByHash.clear();
            hashByReplayKey.clear();
        }
    }
}
