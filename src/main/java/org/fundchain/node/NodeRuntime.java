package org.fundchain.node;

import java.net.URI;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.logging.Logger;

import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import jakarta.enterprise.concurrent.ManagedThreadFactory;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.fundchain.consensus.ConsensusConfig;
import org.fundchain.consensus.KeySigner;
import org.fundchain.consensus.PrimaryPolicy;
import org.fundchain.contract.ContractRegistry;
import org.fundchain.contracts.FundChainContracts;
import org.fundchain.crypto.PublicKey;
import org.fundchain.crypto.SigningKey;
import org.fundchain.genesis.BlockParameters;
import org.fundchain.genesis.ChainSpec;
import org.fundchain.genesis.Genesis;
import org.fundchain.genesis.Member;
import org.fundchain.ledger.MemberKeys;
import org.fundchain.ledger.jpa.LedgerService;
import org.fundchain.peer.PeerDirectory;
import org.fundchain.peer.PeerLimits;
import org.fundchain.peer.PeerNetwork;
import org.fundchain.peer.PeerService;

/**
 * Everything this node runs once its identity is verified: the peer links and one {@link ChainRuntime}
 * per chain it is a member of. Threads come from the container's managed factory and timers from its
 * managed scheduler, so they carry the application's context (JPA, JTA, CDI).
 */
@ApplicationScoped
public class NodeRuntime {
    private static final Logger LOG = Logger.getLogger(NodeRuntime.class.getName());

    @Resource
    ManagedScheduledExecutorService scheduler;

    @Resource
    ManagedThreadFactory threads;

    @Inject
    LedgerService ledger;

    @Inject
    PeerService peers;

    /** Read models that follow every committed block (e.g. the fund read model). */
    @Inject
    jakarta.enterprise.inject.Instance<ChainRuntime.CommitListener> commitListeners;

    /** The operator's metrics (node.metrics), if deployed. */
    @Inject
    jakarta.enterprise.inject.Instance<NodeMeters> meters;

    static final long VIEW_TIMEOUT_BASE_MS = 2_000;
    static final long VIEW_TIMEOUT_MAX_MS = 30_000;

    private final Map<String, ChainRuntime> chains = new TreeMap<>();
    private volatile NodeIdentity identity;

    /** Starts peer links and chains; throws if any chain cannot start (the node then refuses to be ready). */
    public synchronized void start(NodeIdentity id) {
        if (identity != null) {
            return;
        }
        Genesis g = id.genesis();
        long maxBlock = g.chains().stream().mapToLong(c -> c.parameters().absoluteMaxBytes()).max().orElse(1 << 20);
        PeerNetwork network = new PeerNetwork(directory(id), PeerLimits.forMaxBlockBytes(maxBlock), scheduler);
        for (ChainSpec spec : g.chains()) {
            if (spec.members().contains(id.nodeId())) {
                chains.put(spec.id(), new ChainRuntime(setup(id, spec), ledger, network, scheduler, threads));
            }
        }
        network.setListener((from, chainId, payload) -> {
            ChainRuntime c = chains.get(chainId);
            if (c != null) {
                c.receive(payload);
            }
        });
        for (ChainRuntime c : chains.values()) {
            commitListeners.stream().findFirst().ifPresent(c::setCommitListener);
            meters.stream().findFirst().ifPresent(c::setMeters);
            c.start();
        }
        peers.start(network);
        identity = id;
        LOG.info(() -> "node " + id.nodeId() + " runs chains " + chains.keySet());
    }

    @PreDestroy
    synchronized void stop() {
        chains.values().forEach(ChainRuntime::stop);
    }

    public Optional<ChainRuntime> chain(String chainId) {
        return Optional.ofNullable(chains.get(chainId));
    }

    public Collection<ChainRuntime> chains() {
        return chains.values();
    }

    /** Each running chain's latest status, by chain id. */
    public Map<String, ChainRuntime.Status> chainStatus() {
        Map<String, ChainRuntime.Status> m = new TreeMap<>();
        for (ChainRuntime c : chains.values()) {
            if (c.status() != null) {
                m.put(c.chainId(), c.status());
            }
        }
        return m;
    }

    public List<PeerNetwork.PeerStatus> peerStatus() {
        PeerNetwork n = peers.network();
        return n == null ? List.of() : n.status();
    }

    static ChainSetup setup(NodeIdentity id, ChainSpec spec) {
        Genesis g = id.genesis();
        List<String> memberIds = spec.members();
        List<PublicKey> keys = new ArrayList<>();
        for (String m : memberIds) {
            keys.add(g.member(m).orElseThrow().publicKey());
        }
        MemberKeys members = new MemberKeys(keys);
        BlockParameters p = spec.parameters();
        byte[] genesisHash = org.fundchain.crypto.Hex.decode(id.genesisHash());
        ConsensusConfig cfg = ConsensusConfig.builder(spec.id(), g.suite().hash(), members, memberIds.indexOf(id.nodeId()),
                new KeySigner(id.signingKey()), genesisHash)
                .maxMessageCount((int) Math.min(Integer.MAX_VALUE, p.maxMessageCount()))
                .preferredMaxBytes(p.preferredMaxBytes())
                .absoluteMaxBytes(p.absoluteMaxBytes())
                .batchTimeoutMs(p.batchTimeoutMs())
                .batchByLoad(p.batchByLoad())
                .checkpointInterval((int) p.checkpointInterval())
                .primaryPolicy(p.primaryPolicy() == BlockParameters.PrimaryPolicy.CREDIT ? PrimaryPolicy.CREDIT : PrimaryPolicy.ROTATION)
                .creditWindow((int) p.creditWindow())
                .censorshipGraceMs(p.censorshipGraceMs())
                // Four JVMs share two cores in the demo; a GC pause must not look like a failed primary.
                .viewTimeout(VIEW_TIMEOUT_BASE_MS, VIEW_TIMEOUT_MAX_MS)
                // receipts are signed when a client asks for one (node.Receipts), not for every transaction
                .signReplies(false)
                .build();
        ContractRegistry registry = new ContractRegistry();
        FundChainContracts.all().forEach(registry::register);
        return new ChainSetup(spec.id(), g.suite(), cfg, members, memberIds, genesisHash, registry,
                GenesisContracts.document(g), g.createdAt(), 100_000);
    }

    private static PeerDirectory directory(NodeIdentity id) {
        Genesis g = id.genesis();
        return new PeerDirectory() {
            public String selfId() {
                return id.nodeId();
            }

            public SigningKey selfKey() {
                return id.signingKey();
            }

            public String genesisHash() {
                return id.genesisHash();
            }

            public Optional<PublicKey> memberKey(String nodeId) {
                return g.member(nodeId).map(Member::publicKey);
            }

            /** The consortium declared TLS for this node's peer link: its genesis peer URL is wss. */
            @Override
            public boolean tlsRequired() {
                return id.self().peerUrl().startsWith("wss:");
            }

            public SortedMap<String, URI> peerUrls() {
                SortedMap<String, URI> m = new TreeMap<>();
                for (Member p : id.peers()) {
                    m.put(p.nodeId(), URI.create(p.peerUrl()));
                }
                return m;
            }
        };
    }
}
