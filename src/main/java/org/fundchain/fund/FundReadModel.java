package org.fundchain.fund;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.logging.Level;
import java.util.logging.Logger;

import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;

import org.fundchain.contract.StateKey;
import org.fundchain.contract.VersionedValue;
import org.fundchain.ledger.jpa.LedgerStore;
import org.fundchain.node.ChainRuntime;

/**
 * Follows every chain's committed blocks (registered with each {@link ChainRuntime} as its commit listener) and
 * keeps one {@link ChainReadModel} per chain. The chain's loop thread only copies the block's fund writes into a
 * queue; a managed worker applies them in height order, swaps the snapshot and fires {@link FundUpdated}.
 */
@ApplicationScoped
public class FundReadModel implements ChainRuntime.CommitListener {
    private static final Logger LOG = Logger.getLogger(FundReadModel.class.getName());

    @Resource
    ManagedExecutorService executor;

    @Inject
    Event<FundUpdated> updated;

    private final Map<String, Follower> chains = new ConcurrentHashMap<>();

    /** A committed block's fund writes, queued for the worker. */
    private record Block(long height, long blockTime, SortedMap<StateKey, String> writes) {
    }

    private final class Follower {
        final ChainReadModel model;
        final ConcurrentLinkedQueue<Block> queue = new ConcurrentLinkedQueue<>();
        final AtomicBoolean scheduled = new AtomicBoolean();
        volatile FundSnapshot snapshot;

        Follower(ChainReadModel model) {
            this.model = model;
        }

        void drain() {
            try {
                Block b;
                long height = -1;
                long time = 0;
                SortedMap<StateKey, String> writes = new TreeMap<>();
                while ((b = queue.poll()) != null) {
                    writes.putAll(b.writes()); // later blocks overwrite earlier ones: the final value counts
                    height = b.height();
                    time = b.blockTime();
                }
                if (height >= 0) {
                    ChainReadModel.Change c;
                    synchronized (model) {
                        c = model.apply(height, time, writes);
                    }
                    snapshot = c.snapshot();
                    fire(new FundUpdated(c.snapshot().chain(), height, c.newAlerts(), c.changedIds()));
                }
            } catch (RuntimeException e) {
                LOG.log(Level.SEVERE, "fund read model update failed", e);
            } finally {
                scheduled.set(false);
                if (!queue.isEmpty() && scheduled.compareAndSet(false, true)) {
                    executor.execute(this::drain);
                }
            }
        }
    }

    @Override
    public void started(ChainRuntime chain, long height, SortedMap<StateKey, VersionedValue> state) {
        ChainReadModel model = new ChainReadModel(chain.chainId(), chain.setup().genesisTime(),
                chain.setup().contracts().count());
        SortedMap<StateKey, String> copy = new TreeMap<>();
        for (Map.Entry<StateKey, VersionedValue> e : state.entrySet()) {
            if (ChainReadModel.CONTRACTS.contains(e.getKey().contract())) {
                copy.put(e.getKey(), e.getValue().json());
            }
        }
        Follower f = new Follower(model);
        ChainReadModel.Change c = model.load(height, 0, copy);
        f.snapshot = c.snapshot();
        chains.put(chain.chainId(), f);
        LOG.info(() -> "fund read model of " + chain.chainId() + " rebuilt at height " + height + ": "
                + c.snapshot().projects().size() + " projects, " + c.snapshot().alerts().size() + " alerts");
        fire(new FundUpdated(chain.chainId(), height, List.of(), c.changedIds()));
    }

    @Override
    public void committed(String chainId, long height, long blockTime, List<LedgerStore.StateWrite> writes) {
        Follower f = chains.get(chainId);
        if (f == null) {
            return;
        }
        SortedMap<StateKey, String> mine = new TreeMap<>();
        for (LedgerStore.StateWrite w : writes) {
            if (ChainReadModel.CONTRACTS.contains(w.contract())) {
                mine.put(new StateKey(w.contract(), w.key()), w.value());
            }
        }
        f.queue.add(new Block(height, blockTime, mine));
        if (f.scheduled.compareAndSet(false, true)) {
            try {
                executor.execute(f::drain);
            } catch (RuntimeException e) {
                f.scheduled.set(false); // shutting down
            }
        }
    }

    private void fire(FundUpdated e) {
        try {
            updated.fire(e);
        } catch (RuntimeException ex) {
            LOG.log(Level.WARNING, "a FundUpdated observer failed", ex);
        }
    }

    public List<String> chains() {
        return new ArrayList<>(new TreeMap<>(chains).keySet());
    }

    public Optional<FundSnapshot> snapshot(String chain) {
        Follower f = chain == null ? null : chains.get(chain);
        return f == null ? Optional.empty() : Optional.ofNullable(f.snapshot);
    }

    static Dashboard dashboard(FundSnapshot s) {
        return ChainReadModel.dashboard(s, System.currentTimeMillis());
    }
}
