package org.fundchain.node;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.atomic.AtomicInteger;

import org.fundchain.consensus.ConsensusConfig;
import org.fundchain.consensus.KeySigner;
import org.fundchain.contract.ContractRegistry;
import org.fundchain.contracts.FundChainContracts;
import org.fundchain.crypto.CryptoSuite;
import org.fundchain.crypto.PublicKey;
import org.fundchain.crypto.SigningKey;
import org.fundchain.ledger.CertifiedBlock;
import org.fundchain.ledger.MemberKeys;
import org.fundchain.ledger.jpa.BlockRecord;
import org.fundchain.peer.PeerLinks;

/**
 * Four {@link ChainRuntime}s in one JVM on in-memory Derby ledgers, linked by in-memory queues: the real consensus
 * core, contracts, signatures and storage without HTTP or WebSockets. Genesis admits an ADMIN and two signers of
 * a bank organisation. Close it to stop the nodes.
 */
final class LocalCluster implements AutoCloseable {
    static final String CHAIN = "main";
    static final CryptoSuite SUITE = CryptoSuite.STANDARD;
    private static final AtomicInteger DB = new AtomicInteger();

    final List<String> ids = List.of("node0", "node1", "node2", "node3");
    final List<SigningKey> nodeKeys = new ArrayList<>();
    final List<LocalLedger> ledgers = new ArrayList<>();
    final Map<String, ChainRuntime> live = new ConcurrentHashMap<>();
    final SigningKey admin;
    final SigningKey client;
    final SigningKey clerk;
    final byte[] genesisHash = SUITE.hash().digest("local cluster genesis".getBytes(StandardCharsets.UTF_8));
    private final ScheduledExecutorService scheduler = Executors.newScheduledThreadPool(2);
    /** Per node, what its runtime stores through instead of its ledger (e.g. one that stalls or fails). */
    final Map<Integer, java.util.function.UnaryOperator<org.fundchain.ledger.jpa.Ledger>> ledgerWrap = new ConcurrentHashMap<>();
    /** Told of every payload a node sends (sender id, bytes), if set. */
    volatile java.util.function.BiConsumer<String, byte[]> sent;

    LocalCluster(SecureRandom keys) {
        admin = SigningKey.generate(SUITE.signature(), keys);
        client = SigningKey.generate(SUITE.signature(), keys);
        clerk = SigningKey.generate(SUITE.signature(), keys);
        for (int i = 0; i < 4; i++) {
            nodeKeys.add(SigningKey.generate(SUITE.signature(), keys));
            ledgers.add(new LocalLedger("jdbc:derby:memory:lc" + DB.incrementAndGet() + ";create=true"));
        }
        for (int i = 0; i < 4; i++) {
            start(i);
        }
    }

    static String signerId(PublicKey k) {
        return "ed25519:" + k.hex();
    }

    MemberKeys members() {
        return new MemberKeys(nodeKeys.stream().map(SigningKey::publicKey).toList());
    }

    ChainRuntime node(int i) {
        return live.get(ids.get(i));
    }

    private SortedMap<String, Object> genesisContracts() {
        SortedMap<String, Object> registry = new TreeMap<>();
        registry.put("organisations", List.of(
                new TreeMap<>(Map.of("id", "admin-org", "name", "Platform", "type", "ADMIN", "account", "ACC-ADMIN")),
                new TreeMap<>(Map.of("id", "bank", "name", "Bank", "type", "COMMERCIAL_BANK", "account", "ACC-BANK"))));
        registry.put("signers", List.of(
                new TreeMap<>(Map.of("id", signerId(admin.publicKey()), "org", "admin-org", "name", "admin", "roles", List.of("ADMIN"))),
                new TreeMap<>(Map.of("id", signerId(client.publicKey()), "org", "bank", "name", "client",
                        "roles", List.of("COMMERCIAL_BANK"))),
                new TreeMap<>(Map.of("id", signerId(clerk.publicKey()), "org", "bank", "name", "clerk",
                        "roles", List.of("COMMERCIAL_BANK")))));
        SortedMap<String, Object> contracts = new TreeMap<>();
        contracts.put("registry", registry);
        return new TreeMap<>(Map.of("contracts", contracts));
    }

    private ChainSetup setup(int self) {
        ConsensusConfig cfg = ConsensusConfig.builder(CHAIN, SUITE.hash(), members(), self, new KeySigner(nodeKeys.get(self)),
                genesisHash).viewTimeout(500, 4000).build();
        ContractRegistry registry = new ContractRegistry();
        FundChainContracts.all().forEach(registry::register);
        return new ChainSetup(CHAIN, SUITE, cfg, members(), ids, genesisHash, registry, genesisContracts(), 1_700_000_000_000L,
                50_000);
    }

    private PeerLinks links(String from) {
        return new PeerLinks() {
            public boolean send(String to, String chain, byte[] payload) {
                var watch = sent;
                if (watch != null) {
                    watch.accept(from, payload);
                }
                ChainRuntime r = live.get(to);
                if (r != null) {
                    r.receive(payload);
                }
                return true;
            }

            public void broadcast(String chain, byte[] payload) {
                for (String id : ids) {
                    if (!id.equals(from)) {
                        send(id, chain, payload);
                    }
                }
            }
        };
    }

    ChainRuntime start(int i) {
        org.fundchain.ledger.jpa.Ledger ledger = ledgerWrap.getOrDefault(i, l -> l).apply(ledgers.get(i));
        ChainRuntime r = new ChainRuntime(setup(i), ledger, links(ids.get(i)), scheduler, Executors.defaultThreadFactory());
        r.start();
        live.put(ids.get(i), r);
        return r;
    }

    long height(int i) {
        return ledgers.get(i).head(CHAIN).orElseThrow().height();
    }

    /** Node i's stored chain, decoded, heights 1..its head. */
    List<CertifiedBlock> chain(int i) {
        return ledgers.get(i).blocks(CHAIN, 1, height(i), Integer.MAX_VALUE).stream().map(BlockRecord::encoded)
                .map(b -> CertifiedBlock.decode(b, SUITE.hash())).toList();
    }

    @Override
    public void close() {
        live.values().forEach(ChainRuntime::stop);
        scheduler.shutdownNow();
        ledgers.forEach(LocalLedger::close);
    }
}
