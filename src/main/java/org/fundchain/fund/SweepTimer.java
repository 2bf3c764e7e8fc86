package org.fundchain.fund;

import java.time.Duration;
import java.util.Map;
import java.util.logging.Level;
import java.util.logging.Logger;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.Resource;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.ejb.Timeout;
import jakarta.ejb.Timer;
import jakarta.ejb.TimerConfig;
import jakarta.ejb.TimerService;
import jakarta.inject.Inject;

import org.fundchain.node.ChainRuntime;
import org.fundchain.node.NodeIdentity;
import org.fundchain.node.NodeRuntime;
import org.fundchain.node.NodeState;

/**
 * Periodically submits {@code reconciliation.sweep}, signed with this node's key, which turns registrations and bank
 * flows left unmatched past the chain's threshold into alerts. The contract decides by block time, so it does not
 * matter which node sweeps; to avoid four identical transactions only the node that is the chain's current primary
 * submits, and only when the read model shows records waiting longer than the threshold. Interval: system property
 * {@value #INTERVAL_PROPERTY} in seconds (default 60, 0 = off).
 */
@Singleton
@Startup
public class SweepTimer {
    static final String INTERVAL_PROPERTY = "fundchain.sweep.intervalSeconds";
    /** Sweeps one timeout submits at most while the contract answers {@code more: true}; the next timeout goes on. */
    static final int MAX_SWEEPS_PER_TIMEOUT = 25;
    static final long DEFAULT_INTERVAL_S = 60;
    private static final Logger LOG = Logger.getLogger(SweepTimer.class.getName());

    @Resource
    TimerService timers;

    @Inject
    NodeState node;

    @Inject
    NodeRuntime runtime;

    @Inject
    FundQueries queries;

    @Inject
    FundCommands commands;

    private long intervalMs;

    @PostConstruct
    void schedule() {
        intervalMs = interval(System.getProperty(INTERVAL_PROPERTY)) * 1000;
        if (intervalMs <= 0) {
            LOG.info("reconciliation sweep timer is off (" + INTERVAL_PROPERTY + "=0)");
            return;
        }
        // not persistent: a sweep missed while the node was down is simply done by the next one
        timers.createIntervalTimer(intervalMs, intervalMs, new TimerConfig("reconciliation-sweep", false));
        LOG.info("reconciliation sweep every " + intervalMs / 1000 + " s (by the current primary)");
    }

    static long interval(String value) {
        if (value == null || value.isBlank()) {
            return DEFAULT_INTERVAL_S;
        }
        try {
            long v = Long.parseLong(value.trim());
            return v < 0 ? DEFAULT_INTERVAL_S : Math.min(v, 86_400);
        } catch (NumberFormatException e) {
            LOG.warning(INTERVAL_PROPERTY + "='" + value + "' is not a number of seconds; using " + DEFAULT_INTERVAL_S);
            return DEFAULT_INTERVAL_S;
        }
    }

    @Timeout
    void sweep(Timer timer) {
        NodeIdentity id = node.identity().orElse(null);
        if (id == null || !node.ready()) {
            return;
        }
        for (ChainRuntime c : runtime.chains()) {
            try {
                sweep(c, id);
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, "reconciliation sweep on chain " + c.chainId() + " failed", e);
            }
        }
    }

    private void sweep(ChainRuntime c, NodeIdentity id) {
        ChainRuntime.Status s = c.status();
        if (s == null || !s.running() || s.inViewChange() || !id.nodeId().equals(s.primaryNode())) {
            return;
        }
        // block time follows the nodes' clocks; a record that is just overdue waits for the next round at worst
        int waiting = queries.overdueFlows(c.chainId(), System.currentTimeMillis()).size();
        if (waiting == 0) {
            LOG.fine(() -> "sweep on chain " + c.chainId() + ": nothing is overdue");
            return;
        }
        // one sweep raises a bounded batch (its receipt must fit the ledger) and says whether more are overdue
        for (int round = 0; round < MAX_SWEEPS_PER_TIMEOUT; round++) {
            CommandResult r = commands.submit(c.chainId(), id.signingKey(), "reconciliation", "sweep", Map.of(),
                    Duration.ofSeconds(20));
            if (!r.ok()) {
                LOG.warning(() -> "sweep on chain " + c.chainId() + " by " + id.nodeId() + ": " + r.status() + " " + r.code()
                        + " " + r.message());
                return;
            }
            Object raised = r.resultObject().get("alertsRaised");
            LOG.info(() -> "sweep on chain " + c.chainId() + " by " + id.nodeId() + " (" + waiting
                    + " records overdue): " + raised + " alerts raised in tx " + r.txHash());
            if (!Boolean.TRUE.equals(r.resultObject().get("more"))) {
                return;
            }
        }
    }
}
