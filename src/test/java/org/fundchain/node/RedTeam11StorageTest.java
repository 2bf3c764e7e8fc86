package org.fundchain.node;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;

import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import org.fundchain.contract.ContractLimits;
import org.fundchain.ledger.Transaction;
import org.fundchain.ledger.jpa.LedgerStore;
import org.fundchain.ledger.jpa.TransactionRecord;
import org.junit.jupiter.api.Test;

/**
 * Red team (issue 11): everything the contract limits and the transaction parser allow must store in Derby. Each
 * case writes exactly what consensus would let through, at its limit, in the characters that cost the most bytes.
 */
class RedTeam11StorageTest {
    private static final AtomicInteger DB = new AtomicInteger();
    private static final String ZERO = "0".repeat(64);

    private static LocalLedger ledger() {
        LocalLedger l = new LocalLedger("jdbc:derby:memory:rt11s" + DB.incrementAndGet() + ";create=true");
        l.initChain("main", ZERO, ZERO, List.of());
        return l;
    }

    private static void append(LocalLedger l, List<LedgerStore.TxOutcome> txs, List<LedgerStore.StateWrite> writes) {
        l.append(List.of(new LedgerStore.BlockAppend("main", 1, "1".repeat(64), ZERO, 1L, new byte[] { 1 }, txs, writes,
                ZERO, null)));
    }

    @Test
    void stateKeyAtLimitOfThreeByteCharsStores() {
        try (LocalLedger l = ledger()) {
            String key = "\u4e2d".repeat(ContractLimits.MAX_STATE_KEY_CHARS);
            assertDoesNotThrow(() -> append(l, List.of(), List.of(new LedgerStore.StateWrite("reconciliation", key, "1"))));
        }
    }

    @Test
    void stateKeyAtLimitOfSupplementaryCharsStores() {
        try (LocalLedger l = ledger()) {
            String key = "\ud83d\ude00".repeat(ContractLimits.MAX_STATE_KEY_CHARS / 2);
            assertDoesNotThrow(() -> append(l, List.of(), List.of(new LedgerStore.StateWrite("reconciliation", key, "1"))));
        }
    }

    @Test
    void replayKeyAtNonceLimitOfThreeByteCharsStores() {
        try (LocalLedger l = ledger()) {
            String rk = "\u4e2d".repeat(Transaction.MAX_NONCE_CHARS) + "/" + "ab".repeat(65); // SM2 signer hex
            assertDoesNotThrow(() -> append(l, List.of(new LedgerStore.TxOutcome("2".repeat(64), 0, rk,
                    "\u4e2d".repeat(Transaction.MAX_NAME_CHARS), "\u4e2d".repeat(Transaction.MAX_NAME_CHARS), false, "{}")),
                    List.of()));
        }
    }

    @Test
    void resultAtLimitOfThreeByteCharsStores() {
        try (LocalLedger l = ledger()) {
            String result = "\u4e2d".repeat(TransactionRecord.MAX_RESULT_CHARS);
            assertDoesNotThrow(() -> append(l, List.of(new LedgerStore.TxOutcome("2".repeat(64), 0, "n/" + "ab".repeat(32),
                    "registry", "m", false, result)), List.of()));
        }
    }
}
