package org.fundchain.api;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.EnumMap;
import java.util.Map;

import jakarta.ws.rs.core.Response;

import org.fundchain.fund.CommandResult;
import org.fundchain.node.SubmitResult;
import org.junit.jupiter.api.Test;

/** The one mapping of outcomes to HTTP statuses: every node outcome has exactly the status the README lists. */
class ApiOutcomeTest {
    @Test
    void everySubmitOutcomeMapsToItsStatus() {
        Map<SubmitResult.Outcome, Integer> expected = new EnumMap<>(SubmitResult.Outcome.class);
        expected.put(SubmitResult.Outcome.ACCEPTED, 202);
        expected.put(SubmitResult.Outcome.INVALID, 400);
        expected.put(SubmitResult.Outcome.BAD_SIGNATURE, 400);
        expected.put(SubmitResult.Outcome.NOT_ADMITTED, 403);
        expected.put(SubmitResult.Outcome.UNKNOWN, 404);
        expected.put(SubmitResult.Outcome.TOO_LARGE, 413);
        expected.put(SubmitResult.Outcome.REPLAY, 409);
        expected.put(SubmitResult.Outcome.MEMPOOL_FULL, 503);
        expected.put(SubmitResult.Outcome.BUSY, 503);
        assertEquals(SubmitResult.Outcome.values().length, expected.size(), "a new outcome needs its status here");
        expected.forEach((o, status) -> assertEquals(status, ApiOutcome.of(o).status, o.name()));
    }

    @Test
    void commandResultsMapLikeSubmissions() {
        assertEquals(200, ApiOutcome.of(new CommandResult(CommandResult.Status.COMMITTED, "h", null, null, null)).status);
        assertEquals(202, ApiOutcome.of(new CommandResult(CommandResult.Status.PENDING, "h", null, null, "waiting")).status);
        assertEquals(422, ApiOutcome.of(new CommandResult(CommandResult.Status.REJECTED, "h", null, "BAD_ARGUMENT", "no")).status);
        for (SubmitResult.Outcome o : SubmitResult.Outcome.values()) {
            CommandResult refused = new CommandResult(CommandResult.Status.REFUSED, "h", null, o.name(), "why");
            assertEquals(ApiOutcome.of(o).status, ApiOutcome.of(refused).status, o.name());
        }
        assertEquals(422, ApiOutcome.of(new CommandResult(CommandResult.Status.REFUSED, "h", null, "REFUSED", "lost its nonce")).status,
                "a final refusal (lost its (signer, nonce), expired)");
    }

    @Test
    void resourceRefusalsMapToTheirStatus() {
        assertEquals(ApiOutcome.UNAUTHORIZED, ApiOutcome.of(Response.Status.UNAUTHORIZED));
        assertEquals(ApiOutcome.FORBIDDEN, ApiOutcome.of(Response.Status.FORBIDDEN));
        assertEquals(ApiOutcome.NOT_FOUND, ApiOutcome.of(Response.Status.NOT_FOUND));
        assertEquals(ApiOutcome.INVALID, ApiOutcome.of(Response.Status.BAD_REQUEST));
        assertEquals(ApiOutcome.TOO_LARGE, ApiOutcome.of(Response.Status.REQUEST_ENTITY_TOO_LARGE));
        assertEquals(ApiOutcome.BUSY, ApiOutcome.of(Response.Status.SERVICE_UNAVAILABLE));
    }
}
