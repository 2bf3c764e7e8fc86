package org.fundchain.api;

import java.io.InputStream;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.fundchain.crypto.Hex;
import org.fundchain.fund.CommandResult;
import org.fundchain.fund.FundCommands;
import org.fundchain.fund.FundQueries;
import org.fundchain.fund.Viewer;
import org.fundchain.ledger.Transaction;
import org.fundchain.node.ChainRuntime;
import org.fundchain.node.NodeRuntime;
import org.fundchain.node.ParsedEnvelope;

/**
 * The push endpoint for bank systems: a bank-signed transaction envelope (same format as
 * {@code POST .../transactions}) that must call {@code reconciliation.pushFlow}. Its fields are validated here with
 * clear errors before it is submitted; the answer waits for the block (up to {@code waitMs}) and carries the
 * reconciliation record, so a bank learns at once whether the flow matched a registration.
 */
@Path("v1/chains/{chain}/bank-flows")
@ApplicationScoped
@Produces(MediaType.APPLICATION_JSON)
public class BankFlowResource {
    static final long DEFAULT_WAIT_MS = 10_000;

    @Inject
    NodeRuntime runtime;

    @Inject
    FundQueries queries;

    @Inject
    FundCommands commands;

    @POST
    public Response push(@PathParam("chain") String chainId, @QueryParam("waitMs") String waitParam,
            @HeaderParam(HttpHeaders.CONTENT_LENGTH) String contentLength, InputStream body) {
        Optional<ChainRuntime> chain = runtime.chain(chainId);
        if (chain.isEmpty()) {
            return ChainResource.error(Response.Status.NOT_FOUND, "unknown chain '" + chainId + "'");
        }
        Integer wait = FundResource.intParam(waitParam, (int) DEFAULT_WAIT_MS, 0, (int) RestLimits.MAX_WAIT_MS);
        if (wait == null) {
            return bad("waitMs must be 0.." + RestLimits.MAX_WAIT_MS);
        }
        BoundedBody.Parsed parsed = BoundedBody.parseObject(body, contentLength, RestLimits.MAX_ENVELOPE_BYTES,
                "a signed envelope {\"payload\",\"signer\",\"alg\",\"signature\"}");
        if (!parsed.ok()) {
            return parsed.error();
        }
        // Parsed once and verified once: the submission below reuses both (ChainRuntime's signature cache).
        ParsedEnvelope p = chain.get().parse(parsed.doc());
        if (!p.ok()) {
            return bad("malformed envelope: " + p.refusal().reason());
        }
        Transaction tx = p.tx();
        if (!"reconciliation".equals(tx.contract()) || !"pushFlow".equals(tx.method())) {
            return bad("this endpoint takes reconciliation.pushFlow only, not " + tx.contract() + "." + tx.method()
                    + " (other transactions go to /transactions)");
        }
        String problem = validate(tx.args());
        if (problem != null) {
            return bad(problem);
        }
        String signer = tx.algorithm().jsonName().toLowerCase(Locale.ROOT) + ":" + Hex.encode(tx.signer());
        Optional<Viewer> v = queries.viewer(chainId, signer);
        if (v.isEmpty()) {
            return ApiOutcome.NOT_ADMITTED.error("signer " + signer + " is not admitted (or is disabled)");
        }
        if (!v.get().hasRole("COMMERCIAL_BANK")) {
            return ApiOutcome.FORBIDDEN.error("only a commercial bank may push bank flows; signer has " + v.get().roles());
        }
        // after the look-ups, as in the submit gate: a key that may not push costs no verification
        if (!chain.get().verifySignature(tx)) {
            return ApiOutcome.BAD_SIGNATURE.error("signature does not verify over the payload");
        }
        CommandResult r = commands.submitSigned(chainId, tx, Duration.ofMillis(wait));
        SortedMap<String, Object> m = new TreeMap<>();
        m.put("txHash", r.txHash());
        m.put("status", r.status().name());
        if (r.code() != null) {
            m.put("code", r.code());
        }
        if (r.message() != null) {
            m.put(r.status() == CommandResult.Status.PENDING ? "message" : "error", r.message());
        }
        if (r.result() != null) {
            m.put("record", r.result());
        }
        return ApiOutcome.of(r).response(m);
    }

    /** The pushFlow arguments, checked before anything is submitted, by the contract's own rule; null when fine. */
    static String validate(Object argsValue) {
        return org.fundchain.contracts.BankFlowRules.problem(argsValue);
    }

    private static Response bad(String message) {
        return ApiOutcome.INVALID.error(message);
    }
}
