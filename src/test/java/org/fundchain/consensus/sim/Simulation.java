package org.fundchain.consensus.sim;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.Random;
import java.util.Set;
import java.util.function.Consumer;

import org.bouncycastle.crypto.Digest;
import org.bouncycastle.crypto.digests.SHA256Digest;
import org.fundchain.codec.CanonicalWriter;
import org.fundchain.codec.CodecException;
import org.fundchain.consensus.CommittedLedger;
import org.fundchain.consensus.ConsensusConfig;
import org.fundchain.consensus.Event;
import org.fundchain.consensus.Message;
import org.fundchain.consensus.PersistentState;
import org.fundchain.consensus.PrimaryPolicy;
import org.fundchain.consensus.Ready;
import org.fundchain.consensus.Replica;
import org.fundchain.consensus.Signed;
import org.fundchain.consensus.Wire;
import org.fundchain.crypto.HashAlgorithm;
import org.fundchain.crypto.Hex;
import org.fundchain.ledger.Block;
import org.fundchain.ledger.BlockHeader;
import org.fundchain.ledger.CertifiedBlock;
import org.fundchain.ledger.CommitCertificate;
import org.fundchain.ledger.Transaction;

/**
 * Deterministic simulation of N replicas on an in-memory network driven by one seeded {@link Random}:
 * loss, duplication, delay (hence reordering), partitions that heal, crashes with restart from the
 * persisted state, and Byzantine members. Invariants are checked on every committed block; a violation
 * throws an {@link AssertionError} naming the seed, and running the same options again replays exactly.
 */
public final class Simulation {
    /**
     * VIEW_CHANGE: scripted attacks on the view change by a member that otherwise runs the honest code — poisoned
     * prepared certificates and pre-prepares (same header, other body), tampered and partial NEW-VIEWs, a fresh
     * proposal after its own re-proposal, its old-view votes replayed, and VIEW-CHANGEs for far-future views.
     * Not part of {@link Options#mixed} (which keeps its seeds); see {@code ViewChangeAttackSimulationTest}.
     * TIME_WARP: a primary that dates its proposals as early as "after the previous block" allows (or five skew
     * bounds behind its clock, if later) — before the transactions inside. CLOCK: honest code on a clock three skew
     * bounds fast (beyond what the protocol tolerates), so it counts among the f faulty members. MUTE: sends nothing
     * at all (a crashed member: every honest vote is then needed for a quorum).
     */
    public enum Byzantine { NONE, EQUIVOCATE, TWINS, SILENT, CENSOR, CHAOS, BAD_BLOCK, VIEW_CHANGE, TIME_WARP, CLOCK, MUTE }

    /** A network attacker's targeted loss: whether to drop this frame (checked for honest senders' frames). */
    public interface FrameLoss {
        /** {@code senderPrimary}: the primary of the sender's current round; {@code body}: the decoded message. */
        boolean drop(int from, int to, int senderPrimary, Message body, long nowMs);
    }

    /**
     * A step of the view change at which {@link Options#crashMember} crashes (losing everything but its disk: the
     * committed chain and the consensus log persisted by the step). {@code _SENT} points crash once the step's
     * messages went out, {@code _UNSENT} ones after the log was persisted but before any message of the step left
     * (the window raft's "persist, then send" rule allows).
     */
    public enum CrashPoint {
        NONE,
        /** Its own VIEW-CHANGE (timeout or complaint), and any re-send of it. */
        VIEW_CHANGE_SENT, VIEW_CHANGE_UNSENT,
        /** A VIEW-CHANGE from a peer made it join a higher view (the f + 1 rule). */
        JOINED_SENT, JOINED_UNSENT,
        /** As the new primary: its NEW-VIEW. */
        NEW_VIEW_SENT, NEW_VIEW_UNSENT,
        /** A NEW-VIEW it received moved it into the view. */
        NEW_VIEW_RECEIVED,
        /** Its PREPARE (and COMMIT) in a view whose NEW-VIEW re-proposed a block. */
        REPROPOSAL_PREPARED_SENT, REPROPOSAL_PREPARED_UNSENT, REPROPOSAL_COMMIT_SENT, REPROPOSAL_COMMIT_UNSENT,
        /** Its COMMIT in any view: it holds a prepared certificate the next view change must carry. */
        COMMIT_SENT, COMMIT_UNSENT
    }

    /** What to simulate. Public fields with defaults; every run is fixed by these and the seed. */
    public static final class Options {
        public long seed;
        public int n = 4;
        public PrimaryPolicy policy = PrimaryPolicy.CREDIT;
        public SimCrypto.Mode crypto = SimCrypto.Mode.CHEAP;
        public double drop;
        public double duplicate;
        public int maxDelayMs = 20;
        public boolean partition;
        public boolean crash;
        public Byzantine byzantine = Byzantine.NONE;
        public int byzantineMember = 0;
        /** Further members with the same Byzantine behaviour (N = 7 tolerates f = 2). */
        public int[] moreByzantine = {};
        /** The client whose transactions a CENSOR member leaves out. */
        public int censoredClient = 0;
        public int txCount = 30;
        /** How many distinct clients submit (1..4); fewer clients make each one's share of the load larger. */
        public int clients = SimCrypto.CLIENTS;
        public long submitUntilMs = 5000;
        public long healAtMs = 6000;
        public double dropAfterHeal = 0.02;
        public long livenessBudgetMs = 60_000;
        /** Keep running until this time even when everything committed (for statistics). */
        public long runAtLeastMs = 0;
        /** Max views used at one height for blocks committed after the heal. */
        public int viewBound = 12;
        public int checkpointInterval = 5;
        public Consumer<ConsensusConfig.Builder> tune = b -> { };
        /** The protocol's bound on the difference between two honest clocks (maxClockSkewMs). */
        public long maxClockSkewMs = 30_000;
        /**
         * Each honest member's clock is off true time by a fixed amount drawn from [−clockSpreadMs, +clockSpreadMs]
         * (keep 2·spread within maxClockSkewMs: honest clocks then agree within the bound). Clients' clocks are true.
         */
        public long clockSpreadMs;
        /** Fixed clock offsets of chosen members (added to the spread), e.g. one honest member 29 s fast. */
        public Map<Integer, Long> clockOffsetMs = new HashMap<>();
        /**
         * A further Byzantine member (or -1) that frames: into each block it proposes it puts a transaction dated 5 s
         * back that nobody else had, and it gossips such transactions to every member but the current primary.
         */
        public int framer = -1;
        /** Fail the run if not every transaction submitted to an honest member commits in the budget (reports may not). */
        public boolean requireLiveness = true;
        /**
         * Twins (Bano et al.) network schedule, null for today's behaviour. Phase k cuts every link between slots in
         * different groups ({@code partitionPhases[k][slot]}) from {@code phaseStartMs[k]} until the next phase starts;
         * the last holds until the heal. Slots number the processes in member order, a twin pair taking two
         * consecutive slots (twin 0, then twin 1). When set, the twins' fixed parity split is off: only these
         * partitions cut links, and both twins talk to everyone outside a phase.
         */
        public int[][] partitionPhases;
        public long[] phaseStartMs;
        /** Crash {@link #crashMember} (honest) at this step of the view change, up to {@link #maxCrashes} times. */
        public CrashPoint crashAt = CrashPoint.NONE;
        public int crashMember = -1;
        public int maxCrashes = 3;
        /** A crashed member restarts after a delay drawn from [restartMinMs, restartMaxMs) (from the run's random). */
        public long restartMinMs = 100;
        public long restartMaxMs = 1500;
        /**
         * Fail the run if an honest member ever signs two different PRE-PREPAREs, PREPAREs or COMMITs for the same
         * (height, view), or two NEW-VIEWs for one (height, view) with different re-proposals (null vs a block included):
         * a restarted replica must never contradict what it signed. Checking only; off keeps today's cost.
         */
        public boolean checkSigned;
        /** Targeted loss on top of {@link #drop} (null: none). Not in {@link #toString}: tests name it themselves. */
        public FrameLoss loss;

        public static Options seed(long seed) {
            Options o = new Options();
            o.seed = seed;
            return o;
        }

        /** Mixed faults derived from the seed: the bulk of the seeded suite. */
        /** Mixed faults as {@link #mixed}, plus honest clocks spread within the bound and time-bending Byzantine kinds. */
        public static Options skewed(long seed, int n) {
            Options o = mixed(seed, n);
            Random r = new Random(seed * 17 + n);
            o.maxClockSkewMs = 2000;
            o.clockSpreadMs = r.nextInt(1000); // pairwise < 2000
            Byzantine[] timeKinds = {Byzantine.TIME_WARP, Byzantine.CLOCK, o.byzantine};
            o.byzantine = timeKinds[r.nextInt(timeKinds.length)];
            if (o.byzantine == Byzantine.NONE) {
                o.moreByzantine = new int[] {};
            }
            return o;
        }

        public static Options mixed(long seed, int n) {
            Random r = new Random(seed * 31 + n);
            Options o = seed(seed);
            o.n = n;
            o.policy = r.nextBoolean() ? PrimaryPolicy.CREDIT : PrimaryPolicy.ROTATION;
            o.drop = r.nextInt(4) == 0 ? 0 : r.nextDouble() * 0.3;
            o.duplicate = r.nextDouble() * 0.1;
            o.maxDelayMs = 1 + r.nextInt(60);
            o.partition = r.nextInt(3) == 0;
            o.crash = r.nextInt(3) == 0;
            Byzantine[] all = {Byzantine.NONE, Byzantine.EQUIVOCATE, Byzantine.TWINS, Byzantine.SILENT, Byzantine.CENSOR,
                Byzantine.CHAOS, Byzantine.BAD_BLOCK}; // fixed, so every seed keeps its scenario
            o.byzantine = all[r.nextInt(all.length)];
            o.byzantineMember = r.nextInt(n);
            if (n >= 7 && o.byzantine != Byzantine.NONE) {
                o.moreByzantine = new int[] {(o.byzantineMember + 1 + r.nextInt(n - 1)) % n};
            }
            o.censoredClient = r.nextInt(SimCrypto.CLIENTS);
            o.txCount = 10 + r.nextInt(30);
            return o;
        }

        @Override
        public String toString() {
            return "seed=" + seed + " n=" + n + " policy=" + policy + " crypto=" + crypto + " drop=" + String.format(java.util.Locale.ROOT, "%.2f", drop)
                    + " dup=" + String.format(java.util.Locale.ROOT, "%.2f", duplicate) + " delay≤" + maxDelayMs + " partition=" + partition
                    + " crash=" + crash + " byzantine=" + byzantine + "@" + byzantineMember
                    + (moreByzantine.length > 0 ? "," + moreByzantine[0] : "") + (framer >= 0 ? " framer=" + framer : "")
                    + (clockSpreadMs > 0 || !clockOffsetMs.isEmpty() ? " skew≤" + maxClockSkewMs + " spread=" + clockSpreadMs
                            + " offsets=" + clockOffsetMs : "")
                    + (moreByzantine.length > 1 ? " moreByzantine=" + Arrays.toString(moreByzantine) : "")
                    + (partitionPhases != null ? " phases=" + Arrays.deepToString(partitionPhases) + "@" + Arrays.toString(phaseStartMs)
                            + " heal=" + healAtMs : "")
                    + (crashAt != CrashPoint.NONE ? " crashAt=" + crashAt + "@" + crashMember + "×" + maxCrashes : "");
        }
    }

    /** What happened, for assertions and reports. */
    public static final class Result {
        public long traceHash;
        public long committedHeight;
        public long doneAtMs = -1;
        public int maxViewsAfterHeal;
        public int equivocations;
        public final List<BlockHeader> chain = new ArrayList<>();
        /** Per committed transaction of the censored client: blocks between its submission and its block. */
        public final List<Long> censoredWaits = new ArrayList<>();
        public int viewChanges;
        public long messages;
        /** Credit scores as the first honest replica sees them at the end (fixed point, 1000 = 1.0). */
        public long[] finalScores;
        public long stableCheckpoint;
        /** NEW-VIEW messages that re-proposed a prepared block (the path that carries prepared certificates). */
        public int reproposals;
        /** Scripted VIEW_CHANGE attack messages sent, by kind (see {@link Simulation#attackViewChange}). */
        public final Map<String, Integer> attacks = new java.util.TreeMap<>();
        /** Distinct NEW-VIEW messages sent by honest primaries. */
        public int newViews;
        public long replies;
        /** Crashes at a view-change step ({@link Options#crashAt}). */
        public int crashes;
        /** Honest PRE-PREPARE/PREPARE/COMMIT/NEW-VIEW messages checked by {@link Options#checkSigned}. */
        public long signedChecked;
    }

    private static final class Node {
        final int slot;
        final int index;
        final boolean byzantine;
        final int twin; // -1, or 0/1 for the two halves of a twin pair
        final Disk disk;
        Replica replica;
        boolean up = true;
        /** This member's clock minus true (simulated) time; fixed, so its clock never goes backwards. */
        long clockOffset;

        Node(int slot, int index, boolean byzantine, int twin, Disk disk) {
            this.slot = slot;
            this.index = index;
            this.byzantine = byzantine;
            this.twin = twin;
            this.disk = disk;
        }
    }

    /** What survives a crash: the committed chain with execution results and the consensus log. */
    private static final class Disk implements CommittedLedger {
        final List<CertifiedBlock> blocks = new ArrayList<>();
        final Set<String> keys = new HashSet<>();
        final Set<String> txHashes = new HashSet<>();
        final List<byte[]> roots = new ArrayList<>(List.of(new byte[32]));
        byte[] log;

        @Override
        public long height() {
            return blocks.size();
        }

        @Override
        public CertifiedBlock block(long height) {
            return height >= 1 && height <= blocks.size() ? blocks.get((int) height - 1) : null;
        }

        @Override
        public boolean containsReplayKey(String replayKey) {
            return keys.contains(replayKey);
        }

        @Override
        public boolean containsTxHash(String txHash) {
            return txHashes.contains(txHash);
        }
    }

    private record Ev(long time, long seq, int kind, int slot, byte[] bytes, Transaction tx) {
    }

    private static final int DELIVER = 0, TICK = 1, SUBMIT = 2, CRASH = 3, RESTART = 4, HEAL = 5, PARTITION = 6, CHAOS = 7, FRAME = 8,
            PHASE = 9;
    private static final long TICK_MS = 10;
    private static final String CHAIN = "sim";

    private final Options o;
    private final Random rnd;
    private final SimCrypto crypto;
    private final HashAlgorithm hash;
    private final byte[] genesis;
    private final List<Node> nodes = new ArrayList<>();
    private final PriorityQueue<Ev> queue = new PriorityQueue<>((a, b) -> a.time != b.time ? Long.compare(a.time, b.time)
            : Long.compare(a.seq, b.seq));
    private long seq;
    private long now;
    private double drop;
    private int[] partitionGroup; // null: no partition
    private final Map<Long, byte[]> agreed = new HashMap<>();
    private final Map<Long, BlockHeader> agreedHeaders = new HashMap<>();
    private final Map<Long, Long> firstCommitAt = new HashMap<>();
    private final Map<Long, Long> viewAtHeal = new HashMap<>();
    private final Map<Integer, List<Transaction>> submittedTo = new HashMap<>();
    private final Map<String, Integer> honestCommits = new HashMap<>();
    private final org.fundchain.consensus.TransactionCheck txCheck;
    private final Map<String, Long> required = new LinkedHashMap<>(); // replay key -> submission time
    private final Map<String, Long> censoredSubmittedAtHeight = new HashMap<>();
    private final List<byte[]> seen = new ArrayList<>();
    private final Digest trace = new SHA256Digest();
    private final Result result = new Result();
    private final Set<String> proposalsSeen = new HashSet<>();
    private final Map<String, byte[]> twinProposals = new HashMap<>();
    private final Set<String> newViewsSeen = new HashSet<>();
    private final long graceMs;
    private int framed;
    private int[] slotGroup; // Twins phase in force (by slot), or null
    /** The message being delivered (crash points that depend on what a replica received). */
    private byte[] delivering;
    /** (height/view) of views the crash victim entered through a NEW-VIEW that re-proposed a block. */
    private final Set<String> reproposalViews = new HashSet<>();
    /** What each honest member signed, by kind/height/view (checkSigned). */
    private final Map<String, String> signed = new HashMap<>();

    public Simulation(Options o) {
        this.o = o;
        this.rnd = new Random(o.seed);
        this.crypto = SimCrypto.create(o.crypto, o.n, o.seed);
        this.hash = crypto.hash;
        this.txCheck = crypto.transactionCheck();
        this.genesis = hash.digest(("genesis-" + CHAIN).getBytes(java.nio.charset.StandardCharsets.UTF_8));
        this.drop = o.drop;
        int slot = 0;
        for (int i = 0; i < o.n; i++) {
            boolean byz = (o.byzantine != Byzantine.NONE && isByzantine(o, i)) || i == o.framer;
            if (byz && i != o.framer && o.byzantine == Byzantine.TWINS) {
                nodes.add(new Node(slot++, i, true, 0, new Disk()));
                nodes.add(new Node(slot++, i, true, 1, new Disk()));
            } else {
                nodes.add(new Node(slot++, i, byz, -1, new Disk()));
            }
        }
        Random clocks = new Random(o.seed * 7 + 3);
        for (Node node : nodes) {
            long spread = o.clockSpreadMs == 0 ? 0 : (long) ((clocks.nextDouble() * 2 - 1) * o.clockSpreadMs);
            node.clockOffset = spread + o.clockOffsetMs.getOrDefault(node.index, 0L);
            if (node.byzantine && o.byzantine == Byzantine.CLOCK && node.index != o.framer) {
                node.clockOffset = 3 * o.maxClockSkewMs;
            }
        }
        this.graceMs = config(0).censorshipGraceMs();
    }

    /** A member's clock: what its replica is told the time is. */
    private long clock(Node node) {
        return now + node.clockOffset;
    }

    static boolean isByzantine(Options o, int member) {
        if (member == o.byzantineMember) {
            return true;
        }
        for (int m : o.moreByzantine) {
            if (m == member) {
                return true;
            }
        }
        return false;
    }

    public static Result run(Options o) {
        return new Simulation(o).run();
    }

    private ConsensusConfig config(int index) {
        ConsensusConfig.Builder b = ConsensusConfig.builder(CHAIN, hash, crypto.verifier, index, crypto.signers[index], genesis)
                .primaryPolicy(o.policy).viewTimeout(400, 3200).resendIntervalMs(100).forwardAfterMs(250).complainAfterMs(1500)
                .censorshipGraceMs(Math.max(50, 3L * o.maxDelayMs)).checkpointInterval(o.checkpointInterval).maxMessageCount(50)
                .maxClockSkewMs(o.maxClockSkewMs);
        o.tune.accept(b);
        return b.build();
    }

    private void start(Node node) {
        PersistentState log = node.disk.log == null ? null : PersistentState.decode(node.disk.log);
        node.replica = new Replica(config(node.index), node.disk, txCheck, log);
        node.up = true;
        long h = node.disk.height();
        apply(node, node.replica.step(clock(node), new Event.Executed(h, node.disk.roots.get((int) h), List.of())));
    }

    private void schedule(long time, int kind, int slot, byte[] bytes, Transaction tx) {
        queue.add(new Ev(time, seq++, kind, slot, bytes, tx));
    }

    public Result run() {
        for (Node node : nodes) {
            start(node);
            schedule(1 + rnd.nextInt((int) TICK_MS), TICK, node.slot, null, null);
        }
        for (int k = 0; k < o.txCount; k++) {
            long t = (long) (rnd.nextDouble() * o.submitUntilMs);
            int client = rnd.nextInt(o.clients);
            int slot = rnd.nextInt(nodes.size());
            schedule(t, SUBMIT, slot, null, crypto.transaction(CHAIN, client, k, t));
        }
        if (o.partition) {
            schedule(500 + rnd.nextInt(2000), PARTITION, 0, null, null);
        }
        if (o.crash) {
            List<Node> honest = honestNodes();
            Node victim = honest.get(rnd.nextInt(honest.size()));
            long at = 300 + rnd.nextInt(3000);
            schedule(at, CRASH, victim.slot, null, null);
            schedule(at + 200 + rnd.nextInt(2500), RESTART, victim.slot, null, null);
        }
        if (o.byzantine == Byzantine.CHAOS) {
            for (Node node : nodes) {
                if (node.byzantine && node.index != o.framer) {
                    schedule(50, CHAOS, node.slot, null, null);
                }
            }
        }
        if (o.framer >= 0) {
            schedule(100, FRAME, nodeOf(o.framer).slot, null, null);
        }
        if (o.partitionPhases != null) {
            for (int k = 0; k < o.partitionPhases.length; k++) {
                if (o.partitionPhases[k].length != nodes.size()) {
                    throw new IllegalArgumentException("phase " + k + " names " + o.partitionPhases[k].length + " slots, not " + nodes.size());
                }
                schedule(o.phaseStartMs[k], PHASE, k, null, null);
            }
        }
        schedule(o.healAtMs, HEAL, 0, null, null);
        long deadline = o.healAtMs + o.livenessBudgetMs;
        long nextCheck = o.healAtMs;
        while (!queue.isEmpty()) {
            Ev e = queue.poll();
            now = e.time;
            if (now > deadline) {
                break;
            }
            handle(e);
            if (now >= nextCheck && now >= o.submitUntilMs) {
                nextCheck = now + 200;
                if (result.doneAtMs < 0 && allRequiredCommitted()) {
                    result.doneAtMs = now;
                }
                if (result.doneAtMs >= 0 && now >= o.runAtLeastMs) {
                    break;
                }
            }
        }
        if (result.doneAtMs < 0 && o.requireLiveness) {
            fail("liveness: after the heal at " + o.healAtMs + " ms not every transaction submitted to honest replicas committed within "
                    + o.livenessBudgetMs + " ms; missing " + missing());
        }
        if (result.maxViewsAfterHeal > o.viewBound) {
            fail("liveness: a height needed " + result.maxViewsAfterHeal + " views after the heal (bound " + o.viewBound + ")");
        }
        long h = Long.MAX_VALUE;
        for (Node node : honestNodes()) {
            h = Math.min(h, node.disk.height());
        }
        result.committedHeight = h;
        result.finalScores = honestNodes().get(0).replica.creditScores();
        for (long i = 1; agreedHeaders.containsKey(i); i++) {
            result.chain.add(agreedHeaders.get(i));
        }
        byte[] d = new byte[32];
        trace.doFinal(d, 0);
        long th = 0;
        for (int i = 0; i < 8; i++) {
            th = (th << 8) | (d[i] & 0xff);
        }
        result.traceHash = th;
        return result;
    }

    private List<Node> honestNodes() {
        List<Node> out = new ArrayList<>();
        for (Node node : nodes) {
            if (!node.byzantine) {
                out.add(node);
            }
        }
        return out;
    }

    private Node nodeOf(int index) {
        for (Node node : nodes) {
            if (node.index == index) {
                return node;
            }
        }
        throw new IllegalArgumentException();
    }

    private String missing() {
        List<String> out = new ArrayList<>();
        for (Node node : honestNodes()) {
            int m = 0;
            for (String k : required.keySet()) {
                if (!node.disk.keys.contains(k)) {
                    m++;
                }
            }
            out.add("node" + node.index + ": height " + node.disk.height() + ", missing " + m + ", view " + node.replica.view()
                    + (node.replica.inViewChange() ? " (changing)" : "") + ", primary " + node.replica.primary()
                    + ", pending " + node.replica.pendingCount());
        }
        return String.join("; ", out);
    }

    private boolean allRequiredCommitted() {
        List<Node> honest = honestNodes();
        for (Node node : honest) {
            if (!node.up) {
                return false;
            }
        }
        for (String k : required.keySet()) {
            if (honestCommits.getOrDefault(k, 0) < honest.size()) {
                return false;
            }
        }
        return true;
    }

    private void fail(String message) {
        String text = "simulation failed [" + o + "] at " + now + " ms: " + message;
        System.err.println(text);
        throw new AssertionError(text);
    }

    private void traceAdd(long a, long b, byte[] bytes) {
        byte[] head = new CanonicalWriter(24).i64(a).i64(b).i64(bytes.length).toByteArray();
        trace.update(head, 0, head.length);
        trace.update(bytes, 0, bytes.length);
    }

    // ------------------------------------------------------------------ events

    private void handle(Ev e) {
        Node node = e.kind == HEAL || e.kind == PARTITION || e.kind == PHASE ? null : nodes.get(e.slot);
        switch (e.kind) {
            case DELIVER:
                if (node.up) {
                    if (o.byzantine == Byzantine.CENSOR && node.byzantine && node.index != o.framer && censored(e.bytes)) {
                        return;
                    }
                    if (seen.size() < 400 && rnd.nextInt(8) == 0) {
                        seen.add(e.bytes);
                    }
                    traceAdd(now, node.slot, e.bytes);
                    delivering = e.bytes;
                    apply(node, node.replica.step(clock(node), new Event.Receive(e.bytes)));
                    delivering = null;
                }
                break;
            case TICK:
                if (node.up) {
                    apply(node, node.replica.step(clock(node), new Event.Tick()));
                }
                schedule(now + TICK_MS, TICK, e.slot, null, null);
                break;
            case SUBMIT: {
                Transaction tx = e.tx;
                boolean censoredHere = o.byzantine == Byzantine.CENSOR && node.byzantine && node.index != o.framer && clientOf(tx) == o.censoredClient;
                if (node.up && !node.byzantine) {
                    required.put(tx.replayKey(), now);
                    submittedTo.computeIfAbsent(node.slot, k -> new ArrayList<>()).add(tx);
                }
                if (clientOf(tx) == o.censoredClient) {
                    censoredSubmittedAtHeight.put(tx.replayKey(), (long) agreed.size());
                }
                if (node.up && !censoredHere) {
                    apply(node, node.replica.step(clock(node), new Event.Submit(tx)));
                }
                break;
            }
            case CRASH:
                node.up = false;
                node.replica = null;
                break;
            case RESTART:
                if (!node.up) {
                    start(node);
                    // A crash loses the mempool; the node's clients resubmit what has not committed yet.
                    for (Transaction tx : submittedTo.getOrDefault(node.slot, List.of())) {
                        if (!node.disk.keys.contains(tx.replayKey())) {
                            schedule(now + 1, SUBMIT, node.slot, null, tx);
                        }
                    }
                }
                break;
            case HEAL:
                for (Node n : honestNodes()) {
                    if (n.up) {
                        viewAtHeal.merge(n.replica.height() + 1, n.replica.view(), Math::min);
                    }
                }
                partitionGroup = null;
                slotGroup = null;
                drop = Math.min(drop, o.dropAfterHeal);
                for (Node n : nodes) {
                    if (!n.up) {
                        schedule(now, RESTART, n.slot, null, null);
                    }
                }
                break;
            case PARTITION: {
                if (now >= o.healAtMs) {
                    break;
                }
                if (partitionGroup != null) { // heal early; maybe split differently later
                    partitionGroup = null;
                } else {
                    partitionGroup = new int[o.n];
                    for (int i = 0; i < o.n; i++) {
                        partitionGroup[i] = rnd.nextInt(2);
                    }
                }
                if (rnd.nextBoolean()) {
                    schedule(now + 300 + rnd.nextInt(2000), PARTITION, 0, null, null);
                }
                break;
            }
            case PHASE:
                if (now < o.healAtMs) {
                    slotGroup = o.partitionPhases[e.slot];
                }
                break;
            case FRAME:
                frameGossip(node);
                schedule(now + 100, FRAME, e.slot, null, null);
                break;
            case CHAOS:
                chaos(node);
                schedule(now + 20 + rnd.nextInt(60), CHAOS, e.slot, null, null);
                break;
            default:
                throw new IllegalStateException();
        }
    }

    private int clientOf(Transaction tx) {
        for (int c = 0; c < SimCrypto.CLIENTS; c++) {
            if (Arrays.equals(SimCrypto.client(crypto.clientAlgorithm(), c).publicKey().raw(), tx.signer())) {
                return c;
            }
        }
        return -1;
    }

    private boolean censored(byte[] bytes) {
        if (bytes.length == 0 || bytes[0] != 7) {
            return false;
        }
        try {
            Signed s = Wire.decode(bytes, hash);
            return s.body() instanceof Message.TxMessage
                    && ((Message.TxMessage) s.body()).txs().stream().anyMatch(t -> clientOf(t) == o.censoredClient);
        } catch (CodecException e) {
            return false;
        }
    }

    // ------------------------------------------------------------------ the node runtime

    private void apply(Node node, Ready r) {
        for (CertifiedBlock cb : r.committed()) {
            checkAndStore(node, cb);
        }
        if (r.persist() != null) {
            node.disk.log = r.persist().encode();
        }
        CrashPoint crashNow = o.crashAt == CrashPoint.NONE ? CrashPoint.NONE : crashPoint(node, r);
        if (crashNow.name().endsWith("_UNSENT")) {
            crashVictim(node); // persisted, nothing sent
            return;
        }
        for (Ready.Outbound m : r.messages()) {
            route(node, m);
        }
        if (crashNow != CrashPoint.NONE) {
            crashVictim(node);
            return;
        }
        if (!node.byzantine) {
            for (Ready.StableCheckpoint cp : r.checkpoints()) {
                if (cp.ourStateRoot() != null && !Arrays.equals(cp.ourStateRoot(), cp.stateRoot())) {
                    fail("node" + node.index + " state root differs from the stable checkpoint at " + cp.height());
                }
                if (!Arrays.equals(cp.stateRoot(), node.disk.roots.get((int) cp.height()))) {
                    fail("stable checkpoint " + cp.height() + " does not match node" + node.index + "'s executed state");
                }
                result.stableCheckpoint = Math.max(result.stableCheckpoint, cp.height());
            }
            for (org.fundchain.ledger.Reply reply : r.replies()) {
                if (!reply.verify(crypto.verifier) || reply.replica() != node.index) {
                    fail("node" + node.index + " produced a reply that does not verify");
                }
                result.replies++;
            }
        }
        for (CertifiedBlock cb : r.committed()) {
            if (node.replica == null) {
                return;
            }
            long h = cb.height();
            apply(node, node.replica.step(clock(node), new Event.Executed(h, node.disk.roots.get((int) h), List.of())));
        }
    }

    /** Safety invariants, checked for every block an honest replica commits; then "execute" and store it. */
    private void checkAndStore(Node node, CertifiedBlock cb) {
        Disk disk = node.disk;
        Block b = cb.block();
        long h = b.height();
        byte[] bh = b.hash(hash);
        if (h != disk.height() + 1) {
            fail("node" + node.index + " committed height " + h + " after " + disk.height());
        }
        byte[] prev = h == 1 ? genesis : disk.blocks.get((int) h - 2).block().hash(hash);
        if (!Arrays.equals(prev, b.header().prevHash())) {
            fail("node" + node.index + " committed block " + h + " that does not link to its chain");
        }
        if (!node.byzantine) {
            String why = cb.check(CHAIN, hash, crypto.verifier, org.fundchain.ledger.ChainVerifier.quorum(o.n));
            if (why != null) {
                fail("node" + node.index + " committed block " + h + " with a bad certificate: " + why);
            }
            byte[] content = b.encode(); // header and body: one hash may not stand for two bodies
            byte[] first = agreed.putIfAbsent(h, content);
            if (first != null && !Arrays.equals(first, content)) {
                fail("AGREEMENT: honest replicas committed different blocks (header or body) at height " + h);
            }
            if (!b.txRootMatches(hash)) {
                fail("node" + node.index + " committed block " + h + " whose transactions do not match its header");
            }
            if (first == null) {
                checkTime(b);
                agreedHeaders.put(h, b.header());
                long views = h == 1 ? b.header().view() : b.header().view() - agreedHeaders.get(h - 1).view();
                firstCommitAt.put(h, now);
                Long started = h == 1 ? Long.valueOf(0) : firstCommitAt.get(h - 1);
                if (viewAtHeal.containsKey(h)) { // the height in progress at the heal: count views entered since
                    result.maxViewsAfterHeal = (int) Math.max(result.maxViewsAfterHeal, b.header().view() - viewAtHeal.get(h) + 1);
                } else if (started != null && started >= o.healAtMs) { // the whole height ran after the heal
                    result.maxViewsAfterHeal = (int) Math.max(result.maxViewsAfterHeal, views + 1);
                }
                result.viewChanges += (int) views;
                for (Transaction t : b.transactions()) {
                    Long at = censoredSubmittedAtHeight.get(t.replayKey());
                    if (at != null) {
                        result.censoredWaits.add(h - at);
                    }
                }
            }
        }
        for (Transaction t : b.transactions()) {
            if (!node.byzantine && !SimCrypto.cachedCheck().isValid(t)) {
                fail("node" + node.index + " committed a transaction with a bad signature at height " + h);
            }
            if (!node.byzantine) {
                honestCommits.merge(t.replayKey(), 1, Integer::sum);
            }
            if (!disk.txHashes.add(t.hashHex()) && !node.byzantine) {
                fail("DUPLICATE: node" + node.index + " executed transaction " + t.hashHex() + " twice (height " + h + ")");
            }
            if (!disk.keys.add(t.replayKey()) && !node.byzantine) {
                fail("DOUBLE EXECUTION: node" + node.index + " executed " + t.replayKey() + " twice (height " + h + ")");
            }
        }
        byte[] root = disk.roots.get((int) h - 1);
        for (Transaction t : b.transactions()) {
            root = hash.digest(root, t.hash());
        }
        disk.roots.add(root);
        disk.blocks.add(cb);
        traceAdd(now, -1 - node.slot, bh);
    }

    /**
     * Integrity of time, for every block when an honest replica first commits it: chain time never precedes a
     * contained transaction's timestamp by more than the grace, and is not ahead of every honest clock by more
     * than the skew bound (time only moves on after the proposal, so this holds at commit if it held then).
     */
    private void checkTime(Block b) {
        long ts = b.header().timestamp();
        for (Transaction t : b.transactions()) {
            if (ts < t.timestamp() - graceMs) {
                fail("TIME: block " + b.height() + " dated " + ts + " precedes its transaction dated " + t.timestamp() + " by more than the grace "
                        + graceMs);
            }
        }
        long latest = Long.MIN_VALUE;
        for (Node node : honestNodes()) {
            latest = Math.max(latest, clock(node));
        }
        if (ts > latest + o.maxClockSkewMs) {
            fail("TIME: block " + b.height() + " dated " + ts + ", beyond every honest clock (latest " + latest + ") by more than the skew");
        }
    }

    /** Whether this step of the crash victim is {@link Options#crashAt} (NONE if not, or no crashes left). */
    private CrashPoint crashPoint(Node node, Ready r) {
        if (node.byzantine || node.index != o.crashMember || !node.up || result.crashes >= o.maxCrashes) {
            return CrashPoint.NONE;
        }
        Message got = null;
        if (delivering != null) {
            try {
                got = Wire.decode(delivering, hash).body();
            } catch (CodecException e) {
                got = null;
            }
        }
        boolean enteredByNv = false;
        if (got instanceof Message.NewView nv && node.replica != null && !node.replica.inViewChange() && node.replica.view() == nv.view()
                && node.replica.height() + 1 == nv.height()) {
            enteredByNv = true;
            if (nv.prePrepare() != null) {
                reproposalViews.add(nv.height() + "/" + nv.view());
            }
        }
        boolean sentVc = false;
        boolean sentNv = false;
        boolean sentPrepareRe = false;
        boolean sentCommitRe = false;
        boolean sentCommit = false;
        for (Ready.Outbound m : r.messages()) {
            Message body;
            try {
                body = Wire.decode(m.bytes(), hash).body();
            } catch (CodecException e) {
                continue;
            }
            if (body instanceof Message.ViewChange vc && vc.newView() == node.replica.view()) {
                sentVc = true;
            } else if (body instanceof Message.NewView nv) {
                sentNv = true;
                if (nv.prePrepare() != null) {
                    reproposalViews.add(nv.height() + "/" + nv.view());
                }
            } else if (body instanceof Message.Prepare p) {
                sentPrepareRe |= reproposalViews.contains(p.height() + "/" + p.view());
            } else if (body instanceof Message.Commit c) {
                sentCommit = true;
                sentCommitRe |= reproposalViews.contains(c.height() + "/" + c.view());
            }
        }
        boolean joined = sentVc && got instanceof Message.ViewChange;
        CrashPoint c = o.crashAt;
        boolean hit = switch (c) {
            case VIEW_CHANGE_SENT, VIEW_CHANGE_UNSENT -> sentVc && !joined;
            case JOINED_SENT, JOINED_UNSENT -> joined;
            case NEW_VIEW_SENT, NEW_VIEW_UNSENT -> sentNv;
            case NEW_VIEW_RECEIVED -> enteredByNv;
            case REPROPOSAL_PREPARED_SENT, REPROPOSAL_PREPARED_UNSENT -> sentPrepareRe;
            case REPROPOSAL_COMMIT_SENT, REPROPOSAL_COMMIT_UNSENT -> sentCommitRe;
            case COMMIT_SENT, COMMIT_UNSENT -> sentCommit;
            default -> false;
        };
        return hit ? c : CrashPoint.NONE;
    }

    private void crashVictim(Node node) {
        result.crashes++;
        node.up = false;
        node.replica = null;
        schedule(now + o.restartMinMs + (long) (rnd.nextDouble() * (o.restartMaxMs - o.restartMinMs)), RESTART, node.slot, null, null);
    }

    /** checkSigned: an honest member never signs two different things for one (kind, height, view). */
    private void checkSigned(Node from, byte[] bytes) {
        Message body;
        try {
            body = Wire.decode(bytes, hash).body();
        } catch (CodecException e) {
            fail("node" + from.index + " sent a message that does not decode");
            return;
        }
        String key;
        String what;
        if (body instanceof Message.PrePrepare pp) {
            key = "PRE-PREPARE " + pp.height() + "/" + pp.view();
            what = Hex.encode(pp.block().hash(hash)) + ":" + Hex.encode(hash.digest(pp.block().encode()));
        } else if (body instanceof Message.Prepare p) {
            key = "PREPARE " + p.height() + "/" + p.view();
            what = Hex.encode(p.digest());
        } else if (body instanceof Message.Commit c) {
            key = "COMMIT " + c.height() + "/" + c.view();
            what = Hex.encode(c.digest());
        } else if (body instanceof Message.NewView nv) {
            key = "NEW-VIEW " + nv.height() + "/" + nv.view();
            Message.PrePrepare re = nv.prePrepare() == null ? null : (Message.PrePrepare) nv.prePrepare().body();
            what = re == null ? "no re-proposal" : Hex.encode(hash.digest(re.block().encode()));
        } else {
            return;
        }
        result.signedChecked++;
        String first = signed.putIfAbsent(from.index + " " + key, what);
        if (first != null && !first.equals(what)) {
            fail("SIGNED TWICE: honest node" + from.index + " signed two different " + key + ": " + first.substring(0, 8) + "… and "
                    + what.substring(0, Math.min(8, what.length())) + "… (crashes so far " + result.crashes + ")");
        }
    }

    private boolean linked(Node from, Node to) {
        if (from.index == to.index) {
            return false;
        }
        if (partitionGroup != null && partitionGroup[from.index] != partitionGroup[to.index]) {
            return false;
        }
        if (o.partitionPhases != null) { // Twins by schedule: only the phase's groups cut links
            return slotGroup == null || slotGroup[from.slot] == slotGroup[to.slot];
        }
        // Twins: each half of the pair talks to its own half of the other members.
        if (from.twin >= 0 && to.index % 2 != from.twin) {
            return false;
        }
        return to.twin < 0 || from.index % 2 == to.twin;
    }

    private void route(Node from, Ready.Outbound m) {
        byte[] bytes = m.bytes();
        result.messages++;
        if (o.checkSigned && !from.byzantine) {
            checkSigned(from, bytes);
        }
        int tag = bytes[0];
        if (from.byzantine && from.index != o.framer && o.byzantine == Byzantine.SILENT && (tag == 1 || tag == 5)) {
            return; // a silent primary never proposes and never completes a view change
        }
        if (from.byzantine && from.index != o.framer && o.byzantine == Byzantine.MUTE) {
            return;
        }
        byte[] variant = null;
        if (from.byzantine && from.index != o.framer && o.byzantine == Byzantine.EQUIVOCATE && tag == 1) {
            variant = equivocate(from, bytes);
        }
        if (tag == 5 && !from.byzantine) {
            Message.NewView nv = (Message.NewView) Wire.decode(bytes, hash).body();
            if (newViewsSeen.add(nv.height() + "/" + nv.view())) {
                result.newViews++;
                if (nv.prePrepare() != null) {
                    result.reproposals++;
                }
            }
        }
        if (from.twin >= 0 && tag == 1) { // count the twins' conflicting proposals
            Message.PrePrepare pp = (Message.PrePrepare) Wire.decode(bytes, hash).body();
            String key = pp.view() + "/" + pp.height();
            byte[] d = pp.block().hash(hash);
            byte[] other = twinProposals.putIfAbsent(key, d);
            if (other != null && !Arrays.equals(other, d) && proposalsSeen.add(key)) {
                result.equivocations++;
            }
        }
        if (from.byzantine && from.index != o.framer && o.byzantine == Byzantine.BAD_BLOCK && tag == 1) {
            bytes = badBlock(from, bytes);
        }
        if (from.byzantine && o.byzantine == Byzantine.VIEW_CHANGE && from.replica != null) {
            byte[] attacked = attackViewChange(from, m, bytes, tag);
            if (attacked == null) {
                return;
            }
            bytes = attacked;
        }
        if (from.byzantine && o.byzantine == Byzantine.TIME_WARP && tag == 1 && from.index != o.framer) {
            bytes = timeWarp(from, bytes);
        }
        if (from.index == o.framer && tag == 1) {
            bytes = frameBlock(from, bytes);
        }
        Message body = o.loss == null || from.byzantine ? null : Wire.decode(bytes, hash).body();
        for (Node to : nodes) {
            if ((m.to() == Ready.ALL || m.to() == to.index) && linked(from, to)
                    && (body == null || !o.loss.drop(from.index, to.index, from.replica.primary(), body, now))) {
                transmit(to, variant != null && to.index % 2 == 1 ? variant : bytes);
            }
        }
    }

    private void transmit(Node to, byte[] bytes) {
        if (rnd.nextDouble() < drop) {
            return;
        }
        schedule(now + 1 + rnd.nextInt(o.maxDelayMs), DELIVER, to.slot, bytes, null);
        if (rnd.nextDouble() < o.duplicate) {
            schedule(now + 1 + rnd.nextInt(o.maxDelayMs * 3), DELIVER, to.slot, bytes, null);
        }
    }

    /** The same proposal with one transaction fewer (or another timestamp), properly signed: a conflicting block. */
    private byte[] equivocate(Node from, byte[] bytes) {
        Signed s = Wire.decode(bytes, hash);
        Message.PrePrepare pp = (Message.PrePrepare) s.body();
        Block b = pp.block();
        BlockHeader h = b.header();
        List<Transaction> txs = new ArrayList<>(b.transactions());
        long ts = h.timestamp();
        if (txs.size() > 1) {
            txs.remove(txs.size() - 1);
        } else {
            ts++;
        }
        BlockHeader h2 = new BlockHeader(h.chainId(), h.height(), h.prevHash(), org.fundchain.ledger.Merkle.rootOf(hash, txs),
                h.stateRoot(), ts, h.proposer(), h.view(), h.failedPrimaries(), txs.size());
        String key = pp.view() + "/" + pp.height();
        if (proposalsSeen.add(key)) {
            result.equivocations++;
        }
        return Wire.sign(CHAIN, from.index, new Message.PrePrepare(pp.view(), pp.height(), new Block(h2, txs)),
                crypto.signers[from.index]).encode();
    }

    /**
     * The primary's proposal with one bad transaction added: a forged client signature, or a (signer, nonce)
     * that already committed. Properly signed by the primary, so only the transaction checks can refuse it.
     */
    private byte[] badBlock(Node from, byte[] bytes) {
        Signed s = Wire.decode(bytes, hash);
        Message.PrePrepare pp = (Message.PrePrepare) s.body();
        Block b = pp.block();
        BlockHeader h = b.header();
        List<Transaction> txs = new ArrayList<>(b.transactions());
        Transaction bad;
        if (rnd.nextBoolean() && !from.disk.blocks.isEmpty() && !from.disk.blocks.get(0).block().transactions().isEmpty()) {
            bad = from.disk.blocks.get(0).block().transactions().get(0); // replay
        } else {
            Transaction t = crypto.transaction(CHAIN, 0, 1_000_000 + rnd.nextInt(1000), h.timestamp());
            byte[] sig = t.signature();
            sig[0] ^= 1;
            bad = Transaction.of(hash, t.payload(), t.algorithm(), t.signer(), sig);
        }
        txs.add(bad);
        txs.sort(java.util.Comparator.comparingLong(Transaction::timestamp).thenComparing(Transaction::hashHex)
                .thenComparing(Transaction::replayKey));
        BlockHeader h2 = new BlockHeader(h.chainId(), h.height(), h.prevHash(), org.fundchain.ledger.Merkle.rootOf(hash, txs),
                h.stateRoot(), h.timestamp(), h.proposer(), h.view(), h.failedPrimaries(), txs.size());
        result.equivocations++;
        return Wire.sign(CHAIN, from.index, new Message.PrePrepare(pp.view(), pp.height(), new Block(h2, txs)),
                crypto.signers[from.index]).encode();
    }

    private final List<byte[]> ownVotes = new ArrayList<>();

    private void attack(String kind) {
        result.attacks.merge(kind, 1, Integer::sum);
    }

    /** The same header with one transaction replaced by one with a forged client signature (null if it has none). */
    private Block poisoned(Block b) {
        List<Transaction> txs = new ArrayList<>(b.transactions());
        if (txs.isEmpty()) {
            return null;
        }
        Transaction t = crypto.transaction(CHAIN, 0, 2_000_000 + rnd.nextInt(1000), b.header().timestamp());
        byte[] sig = t.signature();
        sig[0] ^= 1;
        txs.set(rnd.nextInt(txs.size()), Transaction.of(hash, t.payload(), t.algorithm(), t.signer(), sig));
        return new Block(b.header(), txs);
    }

    private Signed sign(Node from, Message m) {
        return Wire.sign(CHAIN, from.index, m, crypto.signers[from.index]);
    }

    private void sendAll(Node from, byte[] bytes) {
        for (Node to : nodes) {
            if (linked(from, to)) {
                transmit(to, bytes);
            }
        }
    }

    private byte[] resign(Node from, Message.PrePrepare pp, BlockHeader h, List<Transaction> txs, long ts) {
        BlockHeader h2 = new BlockHeader(h.chainId(), h.height(), h.prevHash(), org.fundchain.ledger.Merkle.rootOf(hash, txs),
                h.stateRoot(), ts, h.proposer(), h.view(), h.failedPrimaries(), txs.size());
        return Wire.sign(CHAIN, from.index, new Message.PrePrepare(pp.view(), pp.height(), new Block(h2, txs)),
                crypto.signers[from.index]).encode();
    }

    /** The proposal dated as early as "after the previous block" allows, or five skew bounds behind its clock. */
    private byte[] timeWarp(Node from, byte[] bytes) {
        Message.PrePrepare pp = (Message.PrePrepare) Wire.decode(bytes, hash).body();
        BlockHeader h = pp.block().header();
        CertifiedBlock last = from.disk.block(h.height() - 1);
        long ts = Math.max(last == null ? 0 : last.block().header().timestamp() + 1, clock(from) - 5 * o.maxClockSkewMs);
        if (ts >= h.timestamp()) {
            return bytes;
        }
        result.equivocations++;
        return resign(from, pp, h, pp.block().transactions(), ts);
    }

    /** The framer's proposal with one more transaction, dated 5 s back, that nobody else ever had. */
    private byte[] frameBlock(Node from, byte[] bytes) {
        Message.PrePrepare pp = (Message.PrePrepare) Wire.decode(bytes, hash).body();
        BlockHeader h = pp.block().header();
        List<Transaction> txs = new ArrayList<>(pp.block().transactions());
        txs.add(crypto.transaction(CHAIN, (o.censoredClient + 1 + rnd.nextInt(SimCrypto.CLIENTS - 1)) % SimCrypto.CLIENTS, 2_000_000 + framed++, Math.max(0, h.timestamp() - 5000)));
        txs.sort(java.util.Comparator.comparingLong(Transaction::timestamp).thenComparing(Transaction::hashHex)
                .thenComparing(Transaction::replayKey));
        return resign(from, pp, h, txs, h.timestamp());
    }

    /** Old-dated transactions gossiped to every member but the current primary (as the framer sees it). */
    private void frameGossip(Node node) {
        if (!node.up) {
            return;
        }
        Transaction t = crypto.transaction(CHAIN, (o.censoredClient + 1 + rnd.nextInt(SimCrypto.CLIENTS - 1)) % SimCrypto.CLIENTS, 2_000_000 + framed++, Math.max(0, clock(node) - 2000));
        byte[] msg = Wire.sign(CHAIN, node.index, new Message.TxMessage(List.of(t)), crypto.signers[node.index]).encode();
        int primary = node.replica.primary();
        for (Node to : nodes) {
            if (to.index != node.index && to.index != primary) {
                transmit(to, msg);
            }
        }
    }

    /**
     * The VIEW_CHANGE adversary rewrites (or adds to) one outgoing message of its own honest replica; returns what to
     * send instead (the message itself if unchanged), or null to send nothing. Every rewrite is signed with the
     * member's own key, so only the protocol's checks can refuse it.
     */
    private byte[] attackViewChange(Node from, Ready.Outbound out, byte[] bytes, int tag) {
        Signed s;
        try {
            s = Wire.decode(bytes, hash);
        } catch (CodecException e) {
            return bytes;
        }
        Message body = s.body();
        Replica rep = from.replica;
        if (body instanceof Message.PrePrepare pp && rnd.nextInt(3) == 0) {
            Block p = poisoned(pp.block());
            if (p != null) { // half the members get the proposal with another body under the same header
                attack("poisoned pre-prepare");
                byte[] other = sign(from, new Message.PrePrepare(pp.view(), pp.height(), p)).encode();
                for (Node to : nodes) {
                    if ((out.to() == Ready.ALL || out.to() == to.index) && linked(from, to)) {
                        transmit(to, to.index % 2 == 0 ? other : bytes);
                    }
                }
                return null;
            }
        }
        if (body instanceof Message.Commit && out.to() == Ready.ALL && rnd.nextBoolean()) {
            // withhold its COMMIT from half the members: some commit, the others change view holding the certificate
            attack("commit withheld");
            for (Node to : nodes) {
                if (to.index % 2 == 0 && linked(from, to)) {
                    transmit(to, bytes);
                }
            }
            return null;
        }
        if ((body instanceof Message.Prepare || body instanceof Message.Commit) && out.to() == Ready.ALL) {
            if (ownVotes.size() < 200) {
                ownVotes.add(bytes);
            }
            if (!ownVotes.isEmpty() && rnd.nextInt(4) == 0) {
                attack("old vote replayed");
                sendAll(from, ownVotes.get(rnd.nextInt(ownVotes.size())));
            }
            return bytes;
        }
        if (body instanceof Message.ViewChange vc) {
            int k = rnd.nextInt(3);
            if (vc.prepared() != null && vc.prepared().prePrepare().sender() == from.index && rnd.nextInt(4) > 0) {
                Block p = poisoned(vc.prepared().body().block());
                if (p != null) { // its own proposal, re-signed with another body, wrapped with the honest PREPAREs
                    attack("poisoned certificate");
                    Message.PrePrepare old = vc.prepared().body();
                    Signed pp2 = sign(from, new Message.PrePrepare(old.view(), old.height(), p));
                    return sign(from, new Message.ViewChange(vc.height(), vc.newView(),
                            new Message.PreparedCert(pp2, vc.prepared().prepares()))).encode();
                }
            }
            if (k == 1) { // a far-future view, just inside the schedule's span
                attack("far-future view");
                long base = from.disk.height() == 0 ? 0 : from.disk.block(from.disk.height()).block().header().view();
                sendAll(from, sign(from, new Message.ViewChange(vc.height(), base + org.fundchain.consensus.PrimarySchedule.MAX_VIEW_SPAN - 1
                        - rnd.nextInt(3), null)).encode());
            }
            return bytes;
        }
        if (body instanceof Message.NewView nv) {
            int k = rnd.nextInt(5);
            if (k == 0 && nv.prePrepare() != null) {
                Block p = poisoned(((Message.PrePrepare) nv.prePrepare().body()).block());
                if (p != null) {
                    attack("poisoned re-proposal");
                    return sign(from, new Message.NewView(nv.height(), nv.view(), nv.viewChanges(),
                            sign(from, new Message.PrePrepare(nv.view(), nv.height(), p)))).encode();
                }
            }
            if (k == 1 && nv.viewChanges().size() > 1) {
                attack("partial new-view");
                return sign(from, new Message.NewView(nv.height(), nv.view(), nv.viewChanges().subList(1, nv.viewChanges().size()),
                        nv.prePrepare())).encode();
            }
            if (k == 2 && nv.prePrepare() != null) {
                attack("re-proposal dropped");
                return sign(from, new Message.NewView(nv.height(), nv.view(), nv.viewChanges(), null)).encode();
            }
            if (k == 3 && nv.prePrepare() != null) {
                // the honest NEW-VIEW, then a fresh proposal of its own in the same view (a view bound to the re-proposal)
                Block re = ((Message.PrePrepare) nv.prePrepare().body()).block();
                BlockHeader h = re.header();
                long base = from.disk.height() == 0 ? 0 : from.disk.block(from.disk.height()).block().header().view();
                List<Integer> failed = new ArrayList<>();
                for (long u = Math.max(base, nv.view() - o.n); u < nv.view(); u++) {
                    failed.add(rep.primary(u));
                }
                BlockHeader fresh = new BlockHeader(CHAIN, h.height(), h.prevHash(), org.fundchain.ledger.Merkle.rootOf(hash, List.of()),
                        h.stateRoot(), h.timestamp() + 1, from.index, nv.view(), failed, 0);
                attack("fresh proposal after re-proposal");
                sendAll(from, bytes);
                sendAll(from, sign(from, new Message.PrePrepare(nv.view(), nv.height(), new Block(fresh, List.of()))).encode());
                return null;
            }
            return bytes;
        }
        return bytes;
    }

    /** A Byzantine member that plays honest and also floods the network with hostile messages. */
    private void chaos(Node node) {
        if (!node.up) {
            return;
        }
        int kind = rnd.nextInt(7);
        byte[] msg;
        switch (kind) {
            case 0: { // garbage
                msg = new byte[rnd.nextInt(200)];
                rnd.nextBytes(msg);
                break;
            }
            case 1: // replay something old, as is
                if (seen.isEmpty()) {
                    return;
                }
                msg = seen.get(rnd.nextInt(seen.size()));
                break;
            case 2: { // forge: claim another member sent it, keep our own signature
                if (seen.isEmpty()) {
                    return;
                }
                byte[] old = seen.get(rnd.nextInt(seen.size())).clone();
                int senderOffset = 1 + 4 + (old.length > 5 ? ((old[1] & 0xff) << 24 | (old[2] & 0xff) << 16 | (old[3] & 0xff) << 8 | (old[4] & 0xff)) : 0);
                if (senderOffset + 4 > old.length || senderOffset < 5) {
                    return;
                }
                old[senderOffset + 3] = (byte) rnd.nextInt(o.n);
                msg = old;
                break;
            }
            case 3: { // own-signed votes for wrong views, heights and digests
                byte[] d = new byte[32];
                rnd.nextBytes(d);
                long h = node.replica.height() + rnd.nextInt(3);
                long v = node.replica.view() + rnd.nextInt(5) - 2;
                Message m = rnd.nextBoolean() ? new Message.Prepare(v, h, d) : new Message.Commit(v, h, d);
                msg = Wire.sign(CHAIN, node.index, m, crypto.signers[node.index]).encode();
                break;
            }
            case 4: { // a view change for an absurd view, and one for the next view
                long v = rnd.nextBoolean() ? Long.MAX_VALUE / 2 : node.replica.view() + 1;
                msg = Wire.sign(CHAIN, node.index, new Message.ViewChange(node.replica.height() + 1, v, null),
                        crypto.signers[node.index]).encode();
                break;
            }
            case 5: { // a "committed" block with a certificate signed only by us
                CertifiedBlock last = node.disk.block(node.disk.height());
                if (last == null) {
                    return;
                }
                Block b = last.block();
                BlockHeader h = b.header();
                BlockHeader h2 = new BlockHeader(CHAIN, h.height() + 1, b.hash(hash), org.fundchain.ledger.Merkle.rootOf(hash, List.of()),
                        h.stateRoot(), h.timestamp() + 1, node.index, h.view(), List.of(), 0);
                Block fake = new Block(h2, List.of());
                List<CommitCertificate.Vote> votes = new ArrayList<>();
                for (int i = 0; i < o.n; i++) {
                    votes.add(new CommitCertificate.Vote(i, crypto.signers[node.index].sign(
                            CommitCertificate.signingBytes(CHAIN, i, h.view(), h2.height(), fake.hash(hash)))));
                }
                msg = Wire.sign(CHAIN, node.index, new Message.Blocks(List.of(new CertifiedBlock(fake,
                        new CommitCertificate(h.view(), h2.height(), fake.hash(hash), votes)))), crypto.signers[node.index]).encode();
                break;
            }
            default: { // a truncated or bit-flipped real message
                if (seen.isEmpty()) {
                    return;
                }
                byte[] old = seen.get(rnd.nextInt(seen.size()));
                msg = rnd.nextBoolean() ? Arrays.copyOf(old, rnd.nextInt(old.length + 1)) : old.clone();
                if (msg.length > 0) {
                    msg[rnd.nextInt(msg.length)] ^= (byte) (1 << rnd.nextInt(8));
                }
            }
        }
        Node to = nodes.get(rnd.nextInt(nodes.size()));
        if (to != node && to.index != node.index) {
            transmit(to, msg);
        }
    }

    static String hex(byte[] b) {
        return Hex.encode(b).substring(0, 8);
    }
}
