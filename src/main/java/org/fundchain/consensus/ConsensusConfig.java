package org.fundchain.consensus;

import java.util.Objects;

import org.fundchain.crypto.HashAlgorithm;
import org.fundchain.ledger.MemberVerifier;

/**
 * Everything a {@link Replica} needs to know that is not consensus state. Build with {@link #builder}.
 * N is the member count and f = ⌊(N−1)/3⌋; quorums are ⌈(N + f + 1) / 2⌉ (2f+1 when N = 3f + 1). Times are milliseconds of the node's clock,
 * which reaches the core only as {@code nowMs} arguments.
 */
public final class ConsensusConfig {
    final String chainId;
    final HashAlgorithm hash;
    final MemberVerifier members;
    final int self;
    final Signer signer;
    final byte[] genesisHash;

    final int maxMessageCount;
    final long preferredMaxBytes;
    final long absoluteMaxBytes;
    final long batchTimeoutMs;
    final boolean batchByLoad;

    final int checkpointInterval;
    final long viewTimeoutBaseMs;
    final long viewTimeoutMaxMs;
    final long resendIntervalMs;
    final long maxClockSkewMs;

    final PrimaryPolicy primaryPolicy;
    final int creditWindow;
    final long censorshipGraceMs;
    final long forwardAfterMs;
    final long complainAfterMs;
    final int maxPending;
    final boolean signReplies;
    final long maxTxAgeMs;

    private ConsensusConfig(Builder b) {
        this.chainId = Objects.requireNonNull(b.chainId, "chainId");
        this.hash = Objects.requireNonNull(b.hash, "hash");
        this.members = Objects.requireNonNull(b.members, "members");
        this.self = b.self;
        this.signer = Objects.requireNonNull(b.signer, "signer");
        this.genesisHash = Objects.requireNonNull(b.genesisHash, "genesisHash").clone();
        this.maxMessageCount = b.maxMessageCount;
        this.absoluteMaxBytes = b.absoluteMaxBytes;
        this.batchTimeoutMs = b.batchTimeoutMs;
        this.batchByLoad = b.batchByLoad;
        this.checkpointInterval = b.checkpointInterval;
        this.viewTimeoutBaseMs = b.viewTimeoutBaseMs;
        this.viewTimeoutMaxMs = b.viewTimeoutMaxMs;
        this.resendIntervalMs = b.resendIntervalMs;
        this.maxClockSkewMs = b.maxClockSkewMs;
        this.primaryPolicy = b.primaryPolicy;
        this.creditWindow = b.creditWindow;
        this.censorshipGraceMs = b.censorshipGraceMs;
        this.forwardAfterMs = b.forwardAfterMs;
        this.complainAfterMs = b.complainAfterMs;
        this.maxPending = b.maxPending;
        this.signReplies = b.signReplies;
        this.maxTxAgeMs = b.maxTxAgeMs;
        int n = members.size();
        String refused = refusal(n, absoluteMaxBytes);
        if (refused != null) {
            throw new IllegalArgumentException(refused);
        }
        this.preferredMaxBytes = Math.min(b.preferredMaxBytes, largestCarriedBlockBytes(n, absoluteMaxBytes));
        if (self < 0 || self >= n || genesisHash.length != 32 || chainId.isEmpty() || chainId.length() > 64) {
            throw new IllegalArgumentException("bad self index, genesis hash or chain id");
        }
        if (maxMessageCount < 1 || preferredMaxBytes < 1 || absoluteMaxBytes < preferredMaxBytes || checkpointInterval < 1
                || viewTimeoutBaseMs < 1 || viewTimeoutMaxMs < viewTimeoutBaseMs || resendIntervalMs < 1 || creditWindow < 1
                || forwardAfterMs < 1 || complainAfterMs < forwardAfterMs || maxPending < 1 || batchTimeoutMs < 0) {
            throw new IllegalArgumentException("inconsistent consensus parameters");
        }
    }

    /**
     * Why a chain of {@code n} members with this AbsoluteMaxBytes cannot run, or null if it can: the one rule the core,
     * a node loading a genesis and the launcher writing one all apply, so a genesis no node could start is refused
     * when it is written and when it is loaded, not when a member starts its chain.
     */
    public static String refusal(int n, long absoluteMaxBytes) {
        if (n < 4 && n != 1) {
            return "CBFT needs N ≥ 3f+1 with f ≥ 1, i.e. at least 4 members (or 1 for a dev chain), not " + n;
        }
        if (absoluteMaxBytes < 1 || largestCarriedBlockBytes(n, absoluteMaxBytes) < 1) {
            return "AbsoluteMaxBytes " + absoluteMaxBytes + " is too small for " + n + " members: a NEW-VIEW must carry "
                    + (org.fundchain.ledger.ChainVerifier.quorum(n) + 1) + " copies of a block within one peer frame";
        }
        return null;
    }

    /**
     * The primary cuts blocks here, and backups judge "room" by it: never more than a view change can carry (with one
     * largest transaction over it, since a block always takes its first transaction).
     */
    private static long largestCarriedBlockBytes(int n, long absoluteMaxBytes) {
        return Wire.maxViewChangeBlockBytes(absoluteMaxBytes, n, org.fundchain.ledger.ChainVerifier.quorum(n))
                - Wire.MAX_HEADER_BYTES - org.fundchain.ledger.Transaction.MAX_ENCODED_BYTES;
    }

    public static Builder builder(String chainId, HashAlgorithm hash, MemberVerifier members, int self, Signer signer,
            byte[] genesisHash) {
        Builder b = new Builder();
        b.chainId = chainId;
        b.hash = hash;
        b.members = members;
        b.self = self;
        b.signer = signer;
        b.genesisHash = genesisHash;
        return b;
    }

    public int n() { return members.size(); }
    public int f() { return (members.size() - 1) / 3; }
    /** ⌈(N + f + 1) / 2⌉: {@link org.fundchain.ledger.ChainVerifier#quorum}, the same function certificates are checked with. */
    public int quorum() { return org.fundchain.ledger.ChainVerifier.quorum(members.size()); }
    public String chainId() { return chainId; }
    public HashAlgorithm hash() { return hash; }
    public MemberVerifier members() { return members; }
    public int self() { return self; }
    public byte[] genesisHash() { return genesisHash.clone(); }
    public PrimaryPolicy primaryPolicy() { return primaryPolicy; }
    public int creditWindow() { return creditWindow; }
    public long censorshipGraceMs() { return censorshipGraceMs; }
    public int checkpointInterval() { return checkpointInterval; }
    /** A transaction (from a client or gossip) may be dated at most this far ahead of the receiving node's clock. */
    public long maxClockSkewMs() { return maxClockSkewMs; }
    /** ... and at most this far behind it. */
    public long maxTxAgeMs() { return maxTxAgeMs; }

    /** Defaults serve latency and throughput: batch by load, large batches, short timeouts. */
    public static final class Builder {
        private String chainId;
        private HashAlgorithm hash;
        private MemberVerifier members;
        private int self;
        private Signer signer;
        private byte[] genesisHash;
        private int maxMessageCount = 500;
        private long preferredMaxBytes = 512 * 1024;
        private long absoluteMaxBytes = 98L * 1024 * 1024;
        private long batchTimeoutMs = 2000;
        private boolean batchByLoad = true;
        private int checkpointInterval = 100;
        private long viewTimeoutBaseMs = 1000;
        private long viewTimeoutMaxMs = 16000;
        private long resendIntervalMs = 300;
        private long maxClockSkewMs = 30000;
        private PrimaryPolicy primaryPolicy = PrimaryPolicy.CREDIT;
        private int creditWindow = 5;
        private long censorshipGraceMs = 1000;
        private long forwardAfterMs = 1000;
        private long complainAfterMs = 5000;
        private int maxPending = 100_000;
        private boolean signReplies = true;
        private long maxTxAgeMs = 10 * 60_000;

        /** Cut a block at this many transactions (MaxMessageCount). */
        public Builder maxMessageCount(int v) { maxMessageCount = v; return this; }
        /** Cut a block before it passes this many bytes (PreferredMaxBytes), unless it holds one transaction. */
        public Builder preferredMaxBytes(long v) { preferredMaxBytes = v; return this; }
        /** No block and no transaction may exceed this (AbsoluteMaxBytes). */
        public Builder absoluteMaxBytes(long v) { absoluteMaxBytes = v; return this; }
        /** Without batch-by-load: propose once the oldest pending transaction waited this long (BatchTimeout). */
        public Builder batchTimeoutMs(long v) { batchTimeoutMs = v; return this; }
        /** Propose as soon as the previous block committed and transactions wait (default true). */
        public Builder batchByLoad(boolean v) { batchByLoad = v; return this; }
        /** The thesis' block settings: BatchTimeout 2 s, MaxMessageCount 10, AbsoluteMaxBytes 98 MB, PreferredMaxBytes 512 KB. */
        public Builder thesisBatching() {
            return batchByLoad(false).batchTimeoutMs(2000).maxMessageCount(10).absoluteMaxBytes(98L * 1024 * 1024)
                    .preferredMaxBytes(512 * 1024);
        }
        /** Checkpoint every K blocks. */
        public Builder checkpointInterval(int v) { checkpointInterval = v; return this; }
        /** View-change timeout: base, doubling on each consecutive failure at a height, capped at max. */
        public Builder viewTimeout(long baseMs, long maxMs) { viewTimeoutBaseMs = baseMs; viewTimeoutMaxMs = maxMs; return this; }
        /** How often unacknowledged protocol messages are sent again (lossy links). */
        public Builder resendIntervalMs(long v) { resendIntervalMs = v; return this; }
        /**
         * Bound on the difference between two honest clocks: a proposed block's timestamp may be at most this far
         * ahead of or behind our clock, and a transaction at most this far ahead.
         */
        public Builder maxClockSkewMs(long v) { maxClockSkewMs = v; return this; }
        public Builder primaryPolicy(PrimaryPolicy v) { primaryPolicy = v; return this; }
        /** Credit window c in Sᵢ = (Sᵢ·(c−1) + S′ᵢ)/c. */
        public Builder creditWindow(int v) { creditWindow = v; return this; }
        /**
         * Benign delay: a transaction must have been broadcast this long before a proposal for leaving it out to count
         * as censorship, and a block may be dated at most this long before a transaction it holds.
         */
        public Builder censorshipGraceMs(long v) { censorshipGraceMs = v; return this; }
        /** Forward a transaction pending this long to the primary (again every such period). */
        public Builder forwardAfterMs(long v) { forwardAfterMs = v; return this; }
        /** Complain (change view) when a forwarded transaction is still pending after this long. */
        public Builder complainAfterMs(long v) { complainAfterMs = v; return this; }
        public Builder maxPending(int v) { maxPending = v; return this; }
        /**
         * Whether {@link Ready#replies()} carries a signed REPLY for every executed transaction (default). A node
         * that signs the same statement on demand, when a client asks, turns this off to save a signature per
         * transaction on the hot path.
         */
        public Builder signReplies(boolean v) { signReplies = v; return this; }
        /**
         * Transactions (client or gossip) dated more than this in the past (or more than the clock skew ahead) are
         * refused; pending ones expire this long after their timestamp, and no block may hold one older than this
         * at its block time.
         */
        public Builder maxTxAgeMs(long v) { maxTxAgeMs = v; return this; }

        public ConsensusConfig build() {
            return new ConsensusConfig(this);
        }
    }
}
