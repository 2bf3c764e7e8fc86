package org.fundchain.api;

import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.container.AsyncResponse;
import jakarta.ws.rs.container.Suspended;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

import org.fundchain.envelope.ReadSignature;
import org.fundchain.codec.Json;
import org.fundchain.ledger.CertifiedBlock;
import org.fundchain.fund.ChainAccess;
import org.fundchain.fund.FundQueries;
import org.fundchain.fund.Viewer;
import org.fundchain.ledger.ChainVerifier;
import org.fundchain.ledger.MemberVerifier;
import org.fundchain.ledger.Transaction;
import org.fundchain.ledger.jpa.BlockRecord;
import org.fundchain.ledger.jpa.ChainRecord;
import org.fundchain.ledger.jpa.LedgerService;
import org.fundchain.ledger.jpa.TransactionRecord;
import org.fundchain.node.ChainRuntime;
import org.fundchain.node.NodeRuntime;
import org.fundchain.node.NodeState;
import org.fundchain.node.Receipts;
import org.fundchain.node.SubmitResult;

/**
 * The signed-transaction API of one chain (ARCHITECTURE §5): submit, status with signed receipt and
 * long-poll, blocks, verification. Every refusal is a JSON {@code {"error": reason}} with the status code
 * the architecture lists; nothing is written for a refused request. Stateless and application-scoped:
 * its injections resolve once, not on every request (per-request resource lookups showed up in profiles).
 */
@Path("v1/chains/{chain}")
@ApplicationScoped
@Produces(MediaType.APPLICATION_JSON)
public class ChainResource {
    static final int VERIFY_CHUNK = 64;

    @Inject
    NodeRuntime runtime;

    @Inject
    NodeState state;

    @Inject
    LedgerService ledger;

    @Inject
    FundQueries queries;

    @Resource
    ManagedScheduledExecutorService scheduler;

    @POST
    @Path("transactions")
    public Response submit(@PathParam("chain") String chainId, @HeaderParam(HttpHeaders.CONTENT_LENGTH) String contentLength,
            InputStream body) {
        Optional<ChainRuntime> chain = runtime.chain(chainId);
        if (chain.isEmpty()) {
            return error(Response.Status.NOT_FOUND, "unknown chain '" + chainId + "'");
        }
        BoundedBody.Parsed envelope = BoundedBody.parseObject(body, contentLength, RestLimits.MAX_ENVELOPE_BYTES,
                "{\"payload\",\"signer\",\"alg\",\"signature\"}");
        if (!envelope.ok()) {
            return envelope.error();
        }
        return answer(chain.get().submit(envelope.doc()).join());
    }

    /**
     * Several signed transactions in one request, {@code {"transactions": [envelope, ...]}}: each gets exactly
     * the checks of a single submit and its own answer, in order — {@code {"results": [{"status", "txHash"?,
     * "error"?}, ...]}} with the status code a single submit would have returned. Integrators that push many
     * transactions (bank systems, the load generator) save one HTTP exchange per transaction.
     */
    @POST
    @Path("transactions/batch")
    public Response submitBatch(@PathParam("chain") String chainId,
            @HeaderParam(HttpHeaders.CONTENT_LENGTH) String contentLength, InputStream body) {
        Optional<ChainRuntime> chain = runtime.chain(chainId);
        if (chain.isEmpty()) {
            return error(Response.Status.NOT_FOUND, "unknown chain '" + chainId + "'");
        }
        BoundedBody.Parsed parsed = BoundedBody.parseObject(body, contentLength, RestLimits.MAX_BATCH_BYTES,
                "{\"transactions\": [envelope, ...]}");
        if (!parsed.ok()) {
            return parsed.error();
        }
        SortedMap<String, Object> doc = parsed.doc();
        if (doc.size() != 1 || !(doc.get("transactions") instanceof List<?> txs)) {
            return error(Response.Status.BAD_REQUEST, "expected exactly {\"transactions\": [envelope, ...]}");
        }
        if (txs.isEmpty() || txs.size() > RestLimits.MAX_BATCH) {
            return error(Response.Status.BAD_REQUEST, "a batch holds 1 to " + RestLimits.MAX_BATCH + " transactions, not "
                    + txs.size());
        }
        // Every envelope passes the gate and is queued first; then the answers are collected (one loop turn, not one per entry).
        List<CompletableFuture<SubmitResult>> answers = new ArrayList<>(txs.size());
        for (Object o : txs) {
            @SuppressWarnings("unchecked")
            CompletableFuture<SubmitResult> a = o instanceof SortedMap<?, ?> m ? chain.get().submit((SortedMap<String, Object>) m) : null;
            answers.add(a);
        }
        List<Object> results = new ArrayList<>(txs.size());
        for (CompletableFuture<SubmitResult> a : answers) {
            SortedMap<String, Object> one = new TreeMap<>();
            if (a == null) {
                one.put("status", (long) ApiOutcome.INVALID.status);
                one.put("error", "each entry must be a signed envelope object");
            } else {
                SubmitResult r = a.join();
                one.put("status", (long) ApiOutcome.of(r.outcome()).status);
                if (r.txHash() != null) {
                    one.put("txHash", r.txHash());
                }
                if (!r.isAccepted()) {
                    one.put("error", r.reason());
                }
            }
            results.add(one);
        }
        SortedMap<String, Object> m = new TreeMap<>();
        m.put("results", results);
        return Response.ok(Json.write(m)).build();
    }

    private static Response answer(SubmitResult r) {
        if (!r.isAccepted()) {
            return ApiOutcome.of(r.outcome()).error(r.reason());
        }
        SortedMap<String, Object> m = new TreeMap<>();
        m.put("txHash", r.txHash());
        return ApiOutcome.ACCEPTED.response(m);
    }

    @GET
    @Path("transactions/{txHash}")
    public void status(@PathParam("chain") String chainId, @PathParam("txHash") String txHash,
            @QueryParam("waitMs") long waitMs, @Context UriInfo uri, @Context HttpHeaders headers,
            @Suspended AsyncResponse async) {
        Optional<ChainRuntime> chain = runtime.chain(chainId);
        if (chain.isEmpty()) {
            async.resume(error(Response.Status.NOT_FOUND, "unknown chain '" + chainId + "'"));
            return;
        }
        if (!txHash.matches("[0-9a-f]{64}")) {
            async.resume(error(Response.Status.BAD_REQUEST, "transaction hash must be 64 lowercase hex digits"));
            return;
        }
        long wait = Math.max(0, Math.min(RestLimits.MAX_WAIT_MS, waitMs));
        ChainRuntime c = chain.get();
        Object who = reader(c, uri, headers);
        if (who instanceof Response refused) {
            async.resume(refused);
            return;
        }
        ChainAccess.Reader reader = (ChainAccess.Reader) who;
        if (wait == 0 || settled(c, txHash)) {
            async.resume(statusNow(c, txHash, reader));
            return;
        }
        CompletableFuture<Void> done = c.tracker().waitFor(txHash, wait);
        // Re-check after registering the waiter: the commit may have happened in between.
        if (settled(c, txHash)) {
            done.complete(null);
            async.resume(statusNow(c, txHash, reader));
            return;
        }
        async.setTimeout(wait + 5_000, TimeUnit.MILLISECONDS);
        done.whenComplete((v, t) -> scheduler.execute(() -> async.resume(statusNow(c, txHash, reader))));
    }

    /**
     * Whether a long-poll has its answer: the transaction is stored, or finally refused. Decided by what the node
     * knows, never by the text of the answer (a committed registration request's own result says "PENDING").
     */
    private boolean settled(ChainRuntime c, String txHash) {
        return settled(ledger.transaction(c.chainId(), txHash).isPresent(), c.tracker().refusal(txHash));
    }

    static boolean settled(boolean stored, String finalRefusal) {
        return stored || finalRefusal != null;
    }

    private Response statusNow(ChainRuntime c, String txHash, ChainAccess.Reader reader) {
        Optional<TransactionRecord> t = ledger.transaction(c.chainId(), txHash);
        if (t.isPresent()) {
            ChainAccess.Access access = reader.seesAll() ? ChainAccess.Access.FULL
                    : reader.viewer() == null ? ChainAccess.Access.PUBLIC : ChainAccess.forTransaction(reader, stored(c, t.get()));
            String nodeId = state.identity().map(id -> id.nodeId()).orElse(null);
            var reply = access != ChainAccess.Access.FULL ? null
                    : state.identity().flatMap(id -> Receipts.of(c, ledger, id.signingKey(), t.get())).orElse(null);
            return Response.ok(Json.write(ChainViews.committed(t.get(), reply, nodeId, access))).build();
        }
        SortedMap<String, Object> m = new TreeMap<>();
        m.put("txHash", txHash);
        m.put("chain", c.chainId());
        String refusal = c.tracker().refusal(txHash);
        if (refusal != null) {
            m.put("status", "REJECTED");
            m.put("reason", refusal);
            return Response.ok(Json.write(m)).build();
        }
        if (c.tracker().isPending(txHash)) {
            m.put("status", "PENDING");
            return Response.ok(Json.write(m)).build();
        }
        return error(Response.Status.NOT_FOUND, "this node knows no transaction " + txHash + " on chain " + c.chainId());
    }

    @GET
    @Path("blocks/latest")
    public Response latest(@PathParam("chain") String chainId, @Context UriInfo uri, @Context HttpHeaders headers) {
        Optional<ChainRuntime> chain = runtime.chain(chainId);
        if (chain.isEmpty()) {
            return error(Response.Status.NOT_FOUND, "unknown chain '" + chainId + "'");
        }
        long h = ledger.head(chainId).map(ChainRecord::height).orElse(0L);
        if (h == 0) {
            return error(Response.Status.NOT_FOUND, "chain '" + chainId + "' has no blocks yet");
        }
        return block(chain.get(), h, uri, headers);
    }

    @GET
    @Path("blocks/{height}")
    public Response block(@PathParam("chain") String chainId, @PathParam("height") String height, @Context UriInfo uri,
            @Context HttpHeaders headers) {
        Optional<ChainRuntime> chain = runtime.chain(chainId);
        if (chain.isEmpty()) {
            return error(Response.Status.NOT_FOUND, "unknown chain '" + chainId + "'");
        }
        long h;
        try {
            h = Long.parseLong(height);
        } catch (NumberFormatException e) {
            return error(Response.Status.BAD_REQUEST, "height must be a number or 'latest'");
        }
        return block(chain.get(), h, uri, headers);
    }

    private Response block(ChainRuntime c, long height, UriInfo uri, HttpHeaders headers) {
        Object who = reader(c, uri, headers);
        if (who instanceof Response refused) {
            return refused;
        }
        Optional<BlockRecord> b = ledger.block(c.chainId(), height);
        if (b.isEmpty()) {
            return error(Response.Status.NOT_FOUND, "no block " + height + " on chain " + c.chainId());
        }
        CertifiedBlock cb = CertifiedBlock.decode(b.get().encoded(), c.setup().suite().hash());
        ChainAccess.Access access = ChainAccess.forBlock((ChainAccess.Reader) who);
        return Response.ok(Json.write(ChainViews.block(cb, c.setup().suite().hash(), c.setup().memberIds(), access))).build();
    }

    /**
     * Who sent this read: {@link ChainAccess.Reader#ANONYMOUS} when it carries no read signature (the public view),
     * else the signer the read signature proves ({@link ReadAuth}): one of the chain's member nodes, a signer the
     * registry admits, or — signature valid, signer not admitted (a registration requester) — a signer with no
     * role, who still sees its own transactions. A read whose signature fails is answered 401 rather than served
     * publicly, so a client learns why it did not get what it asked for. Returns the Reader or the error Response.
     */
    private Object reader(ChainRuntime c, UriInfo uri, HttpHeaders headers) {
        if (headers == null) {
            return ChainAccess.Reader.ANONYMOUS;
        }
        Identified who = identify(c.setup().members(), id -> queries.viewer(c.chainId(), id), c.chainId(),
                uri.getRequestUri().getRawPath(), uri.getRequestUri().getRawQuery(), headers.getHeaderString(ReadSignature.SIGNER),
                headers.getHeaderString(ReadSignature.TIMESTAMP), headers.getHeaderString(ReadSignature.SIGNATURE),
                System.currentTimeMillis());
        return who.reader() != null ? who.reader() : who.failure().error();
    }

    /** The reader of a raw-chain read, or why its signature was refused. */
    record Identified(ChainAccess.Reader reader, ReadAuth.Result failure) {
    }

    static Identified identify(MemberVerifier members, Function<String, Optional<Viewer>> registry, String chain,
            String rawPath, String rawQuery, String signer, String ts, String sig, long nowMs) {
        if (signer == null && sig == null) {
            return new Identified(ChainAccess.Reader.ANONYMOUS, null);
        }
        boolean[] node = {false};
        ReadAuth.Result r = ReadAuth.check(id -> {
            if (ChainAccess.isMemberNode(members, id)) {
                node[0] = true;
                return Optional.of(new Viewer(id, null, "NODE", null, Set.of()));
            }
            return registry.apply(id);
        }, chain, "GET", rawPath, rawQuery, signer, ts, sig, nowMs);
        if (r.ok()) {
            return new Identified(node[0] ? ChainAccess.Reader.MEMBER_NODE : ChainAccess.Reader.signer(r.viewer()), null);
        }
        if (r.status() == Response.Status.FORBIDDEN.getStatusCode()) {
            // ReadAuth verified the signature before asking the registry: the key holder, without any role
            return new Identified(ChainAccess.Reader.signer(new Viewer(signer.trim(), null, null, null, Set.of())), null);
        }
        return new Identified(null, r);
    }

    /** The stored transaction behind a record (to know its signer), or null if its block is not readable. */
    private Transaction stored(ChainRuntime c, TransactionRecord t) {
        Optional<BlockRecord> b = ledger.block(c.chainId(), t.height());
        if (b.isEmpty()) {
            return null;
        }
        List<Transaction> txs = CertifiedBlock.decode(b.get().encoded(), c.setup().suite().hash()).block().transactions();
        return t.position() >= 0 && t.position() < txs.size() ? txs.get(t.position()) : null;
    }

    @GET
    @Path("verify")
    public Response verify(@PathParam("chain") String chainId, @Context UriInfo uri, @Context HttpHeaders headers) {
        Optional<ChainRuntime> chain = runtime.chain(chainId);
        if (chain.isEmpty()) {
            return error(Response.Status.NOT_FOUND, "unknown chain '" + chainId + "'");
        }
        ChainRuntime c = chain.get();
        Object who = reader(c, uri, headers);
        if (who instanceof Response refused) {
            return refused;
        }
        ChainAccess.Reader reader = (ChainAccess.Reader) who;
        if (reader == ChainAccess.Reader.ANONYMOUS) {
            return error(Response.Status.UNAUTHORIZED, "verify re-checks the whole chain: sign the read ("
                    + ReadSignature.SIGNER + ", " + ReadSignature.TIMESTAMP + ", " + ReadSignature.SIGNATURE + ")");
        }
        if (!ChainAccess.mayVerify(reader)) {
            return error(Response.Status.FORBIDDEN, "only member nodes and admitted signers may run verify");
        }
        if (!VERIFYING.tryAcquire()) {
            return ApiOutcome.BUSY.error("a verification is already running on this node");
        }
        try {
            return Response.ok(Json.write(verifyStored(c, chainId))).build();
        } finally {
            VERIFYING.release();
        }
    }

    /** One verification per node at a time: each re-checks every signature of the chain. */
    private static final java.util.concurrent.Semaphore VERIFYING = new java.util.concurrent.Semaphore(1);

    /** Streams the stored chain through the verifier, VERIFY_CHUNK blocks in memory at a time. */
    private SortedMap<String, Object> verifyStored(ChainRuntime c, String chainId) {
        long head = ledger.head(chainId).map(ChainRecord::height).orElse(0L);
        ChainVerifier.Run run = new ChainVerifier(chainId, c.setup().suite().hash(), c.setup().members(),
                c.setup().genesisHash()).start();
        boolean going = true;
        for (long from = 1; going && from <= head; from += VERIFY_CHUNK) {
            for (BlockRecord r : ledger.blocks(chainId, from, Math.min(head, from + VERIFY_CHUNK - 1), VERIFY_CHUNK)) {
                if (!run.add(CertifiedBlock.decode(r.encoded(), c.setup().suite().hash()))) {
                    going = false;
                    break;
                }
            }
        }
        ChainVerifier.Result res = run.result();
        SortedMap<String, Object> m = new TreeMap<>();
        m.put("chain", chainId);
        m.put("valid", res.ok() && res.verifiedHeight() == head);
        m.put("verifiedHeight", res.verifiedHeight());
        m.put("height", head);
        ledger.head(chainId).ifPresent(r -> m.put("headHash", r.headHash()));
        if (!res.ok()) {
            m.put("error", res.error());
        }
        return m;
    }

    static Response error(Response.Status s, String message) {
        return ApiOutcome.of(s).error(message);
    }
}
