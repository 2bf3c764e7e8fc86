package org.fundchain.node.metrics;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.ToDoubleFunction;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

import org.eclipse.microprofile.metrics.Counter;
import org.eclipse.microprofile.metrics.Histogram;
import org.eclipse.microprofile.metrics.Metadata;
import org.eclipse.microprofile.metrics.MetricRegistry;
import org.eclipse.microprofile.metrics.MetricUnits;
import org.eclipse.microprofile.metrics.Tag;
import org.eclipse.microprofile.metrics.Timer;
import org.fundchain.genesis.Member;
import org.fundchain.node.ChainRuntime;
import org.fundchain.node.NodeMeters;
import org.fundchain.node.NodeReady;
import org.fundchain.node.NodeRuntime;
import org.fundchain.peer.PeerNetwork;

/**
 * The figures an operator watches, as MicroProfile Metrics (Liberty serves them at {@code /metrics} in Prometheus
 * text, to the administrator or reader role only, over HTTPS). Gauges read the chains' and peer links' status;
 * counters, histograms and timers are fed by the chains ({@link NodeMeters}). README, "Operations", says what
 * healthy looks like.
 */
@ApplicationScoped
public class OperatorMetrics implements NodeMeters {
    @Inject
    MetricRegistry registry;

    @Inject
    NodeRuntime runtime;

    /** Metric instances by name and tag value: looked up once each, then updated without the registry. */
    private final Map<String, Counter> counters = new ConcurrentHashMap<>();
    private final Map<String, Histogram> histograms = new ConcurrentHashMap<>();
    private final Map<String, Timer> timers = new ConcurrentHashMap<>();

    /** Gauges for every chain this node runs and every peer, once the node is ready. */
    void ready(@Observes NodeReady ready) {
        for (ChainRuntime c : runtime.chains()) {
            String id = c.chainId();
            Tag chain = new Tag("chain", id);
            gauge("fundchain.chain.height", "committed, stored height", chain, id, s -> s.height());
            gauge("fundchain.chain.view", "current view", chain, id, s -> s.view());
            gauge("fundchain.chain.in.view.change", "1 while a view change is under way", chain, id, s -> s.inViewChange() ? 1 : 0);
            gauge("fundchain.chain.behind", "blocks behind the height f+1 members have shown", chain, id, s -> s.behind());
            gauge("fundchain.mempool.pending", "transactions waiting in the mempool", chain, id, s -> s.pending());
            gauge("fundchain.chain.running", "1 while the chain runs, 0 after it stopped on a failure", chain, id,
                    s -> s.running() && s.failure() == null ? 1 : 0);
        }
        for (Member m : ready.identity().peers()) {
            Tag peer = new Tag("peer", m.nodeId());
            String pid = m.nodeId();
            peerGauge("fundchain.peer.connected", "1 while the link to this peer is authenticated both ways", peer, pid,
                    p -> p.outbound() && p.inbound() ? 1 : 0);
            peerGauge("fundchain.peer.queued", "frames waiting to be sent to this peer", peer, pid, p -> p.queued());
            peerGauge("fundchain.peer.dropped", "frames dropped for this peer since start (queue full or link down)", peer, pid,
                    p -> p.dropped());
            peerGauge("fundchain.peer.sent", "frames sent to this peer since start", peer, pid, p -> p.sent());
        }
    }

    private void gauge(String name, String description, Tag tag, String chain, ToDoubleFunction<ChainRuntime.Status> f) {
        registry.gauge(Metadata.builder().withName(name).withDescription(description).build(), runtime,
                r -> Optional.ofNullable(r.chainStatus().get(chain)).map(f::applyAsDouble).orElse(Double.NaN), tag);
    }

    private void peerGauge(String name, String description, Tag tag, String peer, ToDoubleFunction<PeerNetwork.PeerStatus> f) {
        registry.gauge(Metadata.builder().withName(name).withDescription(description).build(), runtime,
                r -> r.peerStatus().stream().filter(p -> p.nodeId().equals(peer)).findFirst().map(f::applyAsDouble)
                        .orElse(Double.NaN), tag);
    }

    private Counter counter(String name, String description, Tag... tags) {
        StringBuilder key = new StringBuilder(name);
        for (Tag t : tags) {
            key.append('|').append(t.getTagName()).append('=').append(t.getTagValue());
        }
        return counters.computeIfAbsent(key.toString(),
                k -> registry.counter(Metadata.builder().withName(name).withDescription(description).build(), tags));
    }

    @Override
    public void blockStored(String chain, long height, int transactions, long latencyMs) {
        Tag t = new Tag("chain", chain);
        counter("fundchain.blocks.stored", "blocks committed and stored here", t).inc();
        counter("fundchain.transactions.committed", "transactions in the blocks stored here", t).inc(transactions);
        histograms.computeIfAbsent(chain, c -> registry.histogram(Metadata.builder().withName("fundchain.commit.latency")
                .withDescription("from a block's timestamp (its proposal) to stored here").withUnit(MetricUnits.MILLISECONDS)
                .build(), t)).update(Math.max(0, latencyMs));
    }

    @Override
    public void databaseCommit(String chain, int blocks, long nanos) {
        timers.computeIfAbsent(chain, c -> registry.timer(Metadata.builder().withName("fundchain.database.commit")
                .withDescription("one database transaction storing blocks (or a consensus log)").build(), new Tag("chain", chain)))
                .update(Duration.ofNanos(nanos));
    }

    @Override
    public void viewChanged(String chain, long fromView, long toView) {
        counter("fundchain.view.changes", "views this node moved past (each a failed or replaced primary)",
                new Tag("chain", chain)).inc(toView - fromView);
    }

    @Override
    public void submissionRefused(String chain, String outcome) {
        counter("fundchain.submissions.refused", "client transactions refused, by outcome", new Tag("chain", chain),
                new Tag("outcome", outcome)).inc();
    }

    @Override
    public void submissionAccepted(String chain) {
        counter("fundchain.submissions.accepted", "client transactions accepted into the mempool", new Tag("chain", chain)).inc();
    }

    @Override
    public void signatureVerified(String chain) {
        counter("fundchain.signatures.verified", "client signatures verified (cache misses)", new Tag("chain", chain)).inc();
    }
}
