package org.fundchain.api;

import java.util.List;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.function.Function;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

import org.fundchain.codec.Json;
import org.fundchain.fund.AlertView;
import org.fundchain.fund.DraftView;
import org.fundchain.fund.FlowView;
import org.fundchain.fund.FundQueries;
import org.fundchain.fund.FundSnapshot;
import org.fundchain.fund.Page;
import org.fundchain.fund.ProjectFilter;
import org.fundchain.fund.ProjectView;
import org.fundchain.fund.Viewer;

/**
 * Role-checked reads of the fund business (README "Business API"): every request is signed with the caller's
 * registered key ({@link ReadAuth}); lists hold only what the caller's role may see, a single record the caller may
 * not see is 403. Answers come from the read model of one committed height, sent in {@code X-FundChain-Height}.
 */
@Path("v1/chains/{chain}/fund")
@ApplicationScoped
@Produces(MediaType.APPLICATION_JSON)
public class FundResource {
    static final String HEIGHT = "X-FundChain-Height";
    private static final String ID = "[A-Za-z0-9_.-]{1,64}";

    @Inject
    FundQueries queries;

    @Context
    UriInfo uri;

    @Context
    HttpHeaders headers;

    /** The snapshot and viewer of an authenticated request, or the error to send. */
    private record Call(FundSnapshot snapshot, Viewer viewer, Response error) {
    }

    private Call call(String chain) {
        Optional<FundSnapshot> s = queries.snapshot(chain);
        if (s.isEmpty()) {
            return new Call(null, null, ChainResource.error(Response.Status.NOT_FOUND, "unknown chain '" + chain + "'"));
        }
        ReadAuth.Result auth = ReadAuth.check(queries, chain, "GET", uri, headers, System.currentTimeMillis());
        return new Call(s.get(), auth.viewer(), auth.error());
    }

    @GET
    @Path("projects")
    public Response projects(@PathParam("chain") String chain, @QueryParam("q") String text,
            @QueryParam("status") String status, @QueryParam("county") String county,
            @QueryParam("township") String township, @QueryParam("page") String page, @QueryParam("size") String size) {
        Call c = call(chain);
        if (c.error() != null) {
            return c.error();
        }
        for (String f : new String[] {text, status, county, township}) {
            if (f != null && f.length() > RestLimits.MAX_FILTER_CHARS) {
                return bad("filters are at most " + RestLimits.MAX_FILTER_CHARS + " characters");
            }
        }
        Integer pg = intParam(page, 0, 0, 1_000_000);
        Integer sz = intParam(size, 20, 1, FundQueries.MAX_PAGE_SIZE);
        if (pg == null || sz == null) {
            return bad("page must be 0..1000000 and size 1.." + FundQueries.MAX_PAGE_SIZE);
        }
        Page<ProjectView> p = queries.projects(chain, c.viewer(), new ProjectFilter(text, status, county, township), pg, sz);
        SortedMap<String, Object> m = new TreeMap<>();
        m.put("items", FundJson.of(p.items()));
        m.put("page", (long) p.page());
        m.put("size", (long) p.size());
        m.put("total", p.total());
        m.put("pages", (long) p.pages());
        return ok(c, m);
    }

    @GET
    @Path("projects/{id}")
    public Response project(@PathParam("chain") String chain, @PathParam("id") String id) {
        return one(chain, id, "project", s -> s.projects().get(id), (v, p) -> v.maySee(p));
    }

    @GET
    @Path("drafts")
    public Response drafts(@PathParam("chain") String chain) {
        Call c = call(chain);
        if (c.error() != null) {
            return c.error();
        }
        return ok(c, items(c.snapshot().drafts().values().stream().filter(c.viewer()::maySee).toList()));
    }

    @GET
    @Path("drafts/{id}")
    public Response draft(@PathParam("chain") String chain, @PathParam("id") String id) {
        return one(chain, id, "draft", s -> s.drafts().get(id), (v, d) -> v.maySee(d));
    }

    @GET
    @Path("flows")
    public Response flows(@PathParam("chain") String chain, @QueryParam("status") String status,
            @QueryParam("draftId") String draftId) {
        Call c = call(chain);
        if (c.error() != null) {
            return c.error();
        }
        if (status != null && !List.of("PENDING", "PENDING_FLOW", "PENDING_REGISTRATION", "MATCHED", "MISMATCHED", "UNMATCHED")
                .contains(status)) {
            return bad("status must be PENDING, PENDING_FLOW, PENDING_REGISTRATION, MATCHED, MISMATCHED or UNMATCHED");
        }
        if (draftId != null && !draftId.matches(ID)) {
            return bad("draftId must be 1-64 letters, digits, '_', '.', '-'");
        }
        return ok(c, items(queries.flows(chain, c.viewer(), status, draftId)));
    }

    @GET
    @Path("flows/{serial}")
    public Response flow(@PathParam("chain") String chain, @PathParam("serial") String serial) {
        return one(chain, serial, "reconciliation record", s -> s.flows().get(serial), (v, f) -> v.maySee(f));
    }

    @GET
    @Path("alerts")
    public Response alerts(@PathParam("chain") String chain, @QueryParam("fromSeq") String fromSeq,
            @QueryParam("limit") String limit) {
        Call c = call(chain);
        if (c.error() != null) {
            return c.error();
        }
        Integer from = intParam(fromSeq, 1, 0, Integer.MAX_VALUE);
        Integer lim = intParam(limit, 100, 1, 1000);
        if (from == null || lim == null) {
            return bad("fromSeq must be a non-negative number and limit 1..1000");
        }
        List<AlertView> out = queries.alerts(chain, c.viewer(), from, lim);
        return ok(c, items(out));
    }

    @GET
    @Path("townships")
    public Response townships(@PathParam("chain") String chain) {
        Call c = call(chain);
        return c.error() != null ? c.error() : ok(c, items(c.snapshot().townships()));
    }

    @GET
    @Path("dashboard")
    public Response dashboard(@PathParam("chain") String chain) {
        Call c = call(chain);
        return c.error() != null ? c.error() : ok(c, FundJson.of(queries.dashboard(chain).orElseThrow()));
    }

    @GET
    @Path("organisations")
    public Response organisations(@PathParam("chain") String chain) {
        return registry(chain, s -> s.organisations().values());
    }

    @GET
    @Path("signers")
    public Response signers(@PathParam("chain") String chain) {
        return registry(chain, s -> s.signers().values());
    }

    @GET
    @Path("registrations")
    public Response registrations(@PathParam("chain") String chain) {
        return registry(chain, s -> queries.pendingRequests(chain));
    }

    /** Registry views are for the administrator and the leading-group office. */
    private Response registry(String chain, Function<FundSnapshot, java.util.Collection<?>> view) {
        Call c = call(chain);
        if (c.error() != null) {
            return c.error();
        }
        if (!c.viewer().hasRole("ADMIN") && !c.viewer().hasRole("LEADING_GROUP_OFFICE")) {
            return ChainResource.error(Response.Status.FORBIDDEN, "only an administrator or the leading-group office may read the registry");
        }
        return ok(c, items(List.copyOf(view.apply(c.snapshot()))));
    }

    private <T> Response one(String chain, String id, String what, Function<FundSnapshot, T> get,
            java.util.function.BiPredicate<Viewer, T> visible) {
        if (!id.matches(ID)) {
            return bad(what + " id must be 1-64 letters, digits, '_', '.', '-'");
        }
        Call c = call(chain);
        if (c.error() != null) {
            return c.error();
        }
        T item = get.apply(c.snapshot());
        if (item == null) {
            return ChainResource.error(Response.Status.NOT_FOUND, "no " + what + " '" + id + "' on chain " + chain
                    + " at height " + c.snapshot().height());
        }
        if (!visible.test(c.viewer(), item)) {
            return ChainResource.error(Response.Status.FORBIDDEN, "your role may not see " + what + " " + id);
        }
        return ok(c, FundJson.of(item));
    }

    private static SortedMap<String, Object> items(List<?> list) {
        SortedMap<String, Object> m = new TreeMap<>();
        m.put("items", FundJson.of(list));
        m.put("count", (long) list.size());
        return m;
    }

    private static Response ok(Call c, Object body) {
        if (body instanceof SortedMap<?, ?> m) {
            @SuppressWarnings("unchecked")
            SortedMap<String, Object> mm = (SortedMap<String, Object>) m;
            mm.putIfAbsent("height", c.snapshot().height());
        }
        return Response.ok(Json.write(body)).header(HEIGHT, c.snapshot().height()).build();
    }

    private static Response bad(String message) {
        return ChainResource.error(Response.Status.BAD_REQUEST, message);
    }

    /** Parses an optional bounded integer parameter; null when malformed or out of range. */
    static Integer intParam(String v, int dflt, int min, int max) {
        if (v == null || v.isBlank()) {
            return dflt;
        }
        if (v.length() > 10 || !v.matches("[0-9]+")) {
            return null;
        }
        long x = Long.parseLong(v);
        return x < min || x > max ? null : (int) x;
    }
}
