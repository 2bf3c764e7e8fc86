package org.fundchain.node;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SortedMap;
import java.util.TreeMap;

import org.fundchain.codec.Json;
import org.fundchain.consensus.PersistentState;
import org.fundchain.contract.Admission;
import org.fundchain.contract.ContractRuntime;
import org.fundchain.contract.Receipt;
import org.fundchain.contract.TransactionCall;
import org.fundchain.contract.api.Signer;
import org.fundchain.crypto.Hex;
import org.fundchain.ledger.Block;
import org.fundchain.ledger.CertifiedBlock;
import org.fundchain.ledger.Transaction;
import org.fundchain.ledger.jpa.ChainRecord;
import org.fundchain.ledger.jpa.Ledger;
import org.fundchain.ledger.jpa.LedgerStore;

/**
 * Runs committed blocks: the contracts over the in-memory world state, producing what one atomic
 * {@link Ledger#append} stores — blocks, transactions, state changes and each height's state root — so a crash
 * leaves all or none. Used only by the chain's loop thread (the world state is read by the submit gate).
 */
final class BlockExecutor {
    /** One stored block: what the core is told about it and what read models follow. */
    record Stored(long height, String hash, long timestamp, String stateRoot, List<byte[]> results, List<Transaction> transactions,
            List<LedgerStore.StateWrite> writes) {
    }

    private final ChainSetup setup;
    private final Ledger ledger;
    private final ExecutedTransactions executed;
    private LedgerWorldState world;
    private ContractRuntime contracts;

    BlockExecutor(ChainSetup setup, Ledger ledger, ExecutedTransactions executed) {
        this.setup = setup;
        this.ledger = ledger;
        this.executed = executed;
    }

    /** Loads the chain's state (creating it from genesis on first start) and returns its head. */
    ChainRecord open() {
        String chain = setup.chainId();
        world = LedgerWorldState.load(ledger.allState(chain));
        contracts = new ContractRuntime(chain, setup.contracts(), world, setup.suite().hash());
        ChainRecord head = ledger.head(chain).orElse(null);
        if (head == null) {
            contracts.genesis(setup.genesisContracts(), setup.genesisTime());
            head = ledger.initChain(chain, Hex.encode(setup.genesisHash()), contracts.stateRoot(), world.drainWrites());
        } else {
            world.drainWrites();
            String root = contracts.stateRoot();
            if (!root.equals(head.stateRoot())) {
                throw new IllegalStateException("chain " + chain + ": stored state root " + head.stateRoot()
                        + " does not match the stored state (" + root + ")");
            }
        }
        executed.load();
        return head;
    }

    LedgerWorldState world() {
        return world;
    }

    /** Executed blocks: what to store, and what each block tells the core and the read models once stored. */
    record Batch(List<LedgerStore.BlockAppend> appends, List<Stored> stored) {
    }

    /**
     * Executes the blocks one step committed (one, or a whole catch-up batch) over the in-memory state, in order,
     * and returns what to store; the caller stores it ({@link LedgerWriter}) before anything is reported.
     */
    Batch execute(List<CertifiedBlock> blocks) {
        List<LedgerStore.BlockAppend> appends = new ArrayList<>(blocks.size());
        List<Stored> stored = new ArrayList<>(blocks.size());
        for (CertifiedBlock cb : blocks) {
            Block b = cb.block();
            long h = b.header().height();
            List<LedgerStore.TxOutcome> outcomes = new ArrayList<>(b.transactions().size());
            List<byte[]> results = new ArrayList<>(b.transactions().size());
            int pos = 0;
            for (Transaction tx : b.transactions()) {
                Receipt receipt = execute(tx, h, b.header().timestamp());
                String text = Json.write(receipt.toJson());
                results.add(text.getBytes(StandardCharsets.UTF_8));
                outcomes.add(new LedgerStore.TxOutcome(tx.hashHex(), pos++, tx.replayKey(), tx.contract(), tx.method(),
                        receipt.committed(), text));
            }
            String root = contracts.stateRoot();
            String hash = Hex.encode(b.hash(setup.suite().hash()));
            List<LedgerStore.StateWrite> writes = world.drainWrites();
            appends.add(new LedgerStore.BlockAppend(setup.chainId(), h, hash, Hex.encode(b.header().prevHash()),
                    b.header().timestamp(), cb.encode(), outcomes, writes, root, null));
            stored.add(new Stored(h, hash, b.header().timestamp(), root, results, b.transactions(), writes));
        }
        return new Batch(appends, stored);
    }

    private Receipt execute(Transaction tx, long height, long blockTime) {
        if (!tx.chain().equals(setup.chainId())) {
            return new Receipt(tx.hashHex(), Receipt.Status.REJECTED, null, "WRONG_CHAIN", "transaction names chain " + tx.chain(),
                    List.of());
        }
        TransactionCall call = call(tx);
        if (!Admission.mayAccept(world, call)) {
            return new Receipt(tx.hashHex(), Receipt.Status.REJECTED, null, "NOT_ADMITTED",
                    "signer " + call.signer().id() + " is not admitted", List.of());
        }
        return contracts.execute(call, height, blockTime);
    }

    static String signerId(Transaction tx) {
        return tx.algorithm().jsonName().toLowerCase(Locale.ROOT) + ":" + tx.signerHex();
    }

    @SuppressWarnings("unchecked")
    static TransactionCall call(Transaction tx) {
        Object args = tx.args();
        SortedMap<String, Object> a = args instanceof SortedMap ? (SortedMap<String, Object>) args : new TreeMap<>();
        return new TransactionCall(tx.hashHex(), new Signer(signerId(tx)), tx.contract(), tx.method(), a);
    }
}
