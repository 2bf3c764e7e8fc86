package org.fundchain.contracts;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeSet;

import org.fundchain.contract.api.Args;
import org.fundchain.contract.api.ContractContext;
import org.fundchain.contract.api.ContractException;
import org.fundchain.contract.api.Signer;
import org.fundchain.contract.api.State;

/**
 * Organisations and identities: the single source of truth for "who is admitted, with which role, enabled or
 * not". The node asks this contract's state ({@code signer/<id>}) before accepting a transaction, and every
 * other contract checks roles against it. A user's roles are its organisation's type, plus ADMIN if granted.
 *
 * <p>State: {@code org/<id>} organisation, {@code account/<bank account>} → org id (accounts are unique),
 * {@code signer/<id>} admitted identity, {@code request/<id>} pending or rejected registration request.
 *
 * <p>Registration requests are the one call an unadmitted key can make commit, so they are bounded whatever
 * path brings them (one transaction or a batch of a thousand): they may ask only for the organisation's own
 * type (never ADMIN, NODE or LOAD), their fields are small, one key has at most one open request, at most
 * {@link #MAX_OPEN_REQUESTS} are open at once (then {@link #REGISTRATIONS_FULL}), and each expires
 * {@link #REQUEST_TTL_MS} after it was made (a rejection as long after it was decided) by block time: an
 * expired request cannot be approved and is deleted by the next request, approval or rejection.
 */
public final class RegistryContract extends BusinessContract {
    public static final String NAME = "registry";
    /** Most registration requests PENDING at once, over all keys and organisations. */
    public static final int MAX_OPEN_REQUESTS = 100;
    /** How long a request stays open (and a rejection readable), in block-time milliseconds: seven days. */
    public static final long REQUEST_TTL_MS = 7L * 24 * 60 * 60 * 1000;
    /** Longest display name of a registration request. */
    public static final int MAX_NAME = 100;
    /** Longest role list any call may name (an organisation admits at most two distinct roles per signer). */
    public static final int MAX_ROLES = 4;
    /** Refusal code of a registration request while {@link #MAX_OPEN_REQUESTS} are open. */
    public static final String REGISTRATIONS_FULL = "REGISTRATIONS_FULL";
    private static final String REQUEST = "request/";
    private static final String ORG_ID = "[A-Za-z0-9_.-]{1,64}";

    public RegistryContract() {
        super(NAME, 1, List.of("signer", "organisation"), "registerOrganisation", "disableOrganisation", "enableOrganisation", "requestRegistration",
                "approveRegistration", "rejectRegistration", "admit", "setRoles", "disable", "enable", "signer",
                "organisation");
    }

    public static String signerKey(String signerId) {
        return "signer/" + signerId;
    }

    public static String orgKey(String orgId) {
        return "org/" + orgId;
    }

    /**
     * Genesis: {@code {"organisations":[{id,name,type,account,county?}], "signers":[{id,org,name,roles}]}};
     * at least one enabled ADMIN signer is required, or nobody could ever admit anyone.
     */
    @Override
    public void init(ContractContext ctx, SortedMap<String, Object> genesis) {
        State s = ctx.state();
        for (Object o : genesis.get("organisations") == null ? List.of() : Args.list(genesis, "organisations")) {
            createOrganisation(ctx, Args.object(o, "organisation"));
        }
        boolean admin = false;
        for (Object o : genesis.get("signers") == null ? List.of() : Args.list(genesis, "signers")) {
            SortedMap<String, Object> a = Args.object(o, "signer");
            List<String> roles = putSigner(ctx, Args.string(a, "id"), Args.string(a, "org"), Args.string(a, "name"),
                    Args.stringList(a, "roles"), "genesis");
            admin |= roles.contains(Role.ADMIN.name());
        }
        if (!admin) {
            throw ContractException.badArgument("genesis must admit at least one ADMIN signer");
        }
        s.put("genesis", Boolean.TRUE);
    }

    @Override
    public Object execute(ContractContext ctx, String method, SortedMap<String, Object> args) {
        switch (method) {
            case "registerOrganisation":
                Access.require(ctx, "register organisations", Role.ADMIN);
                return createOrganisation(ctx, args);
            case "disableOrganisation":
            case "enableOrganisation":
                return setOrganisationEnabled(ctx, args, method.startsWith("enable"));
            case "requestRegistration":
                return requestRegistration(ctx, args);
            case "approveRegistration":
                return approveRegistration(ctx, args);
            case "rejectRegistration":
                return rejectRegistration(ctx, args);
            case "admit":
                return admit(ctx, args);
            case "setRoles":
                return setRoles(ctx, args);
            case "disable":
            case "enable":
                return setSignerEnabled(ctx, args, method.equals("enable"));
            case "signer":
                Access.admitted(ctx);
                return required(ctx.state().getObject(signerKey(signerArg(args))), "signer " + args.get("signer"));
            case "organisation":
                Access.admitted(ctx);
                return required(ctx.state().getObject(orgKey(Args.string(args, "id"))), "organisation " + args.get("id"));
            default:
                throw new ContractException(ContractException.NO_SUCH_METHOD, method);
        }
    }

    private static SortedMap<String, Object> createOrganisation(ContractContext ctx, SortedMap<String, Object> a) {
        State s = ctx.state();
        String id = Args.string(a, "id");
        if (!id.matches(ORG_ID)) {
            throw ContractException.badArgument("organisation id must be 1-64 letters, digits, '_', '.', '-': " + id);
        }
        Role type = Role.parse(a.get("type"));
        if (!type.isBusiness()) {
            throw ContractException.badArgument("role " + type + " is no organisation type");
        }
        String account = Args.string(a, "account");
        if (s.has(orgKey(id))) {
            throw new ContractException(ContractException.CONFLICT, "organisation " + id + " already exists");
        }
        if (s.has("account/" + account)) {
            throw new ContractException(ContractException.CONFLICT,
                    "bank account " + account + " already belongs to " + s.get("account/" + account));
        }
        SortedMap<String, Object> org = Args.of("id", id, "name", Args.string(a, "name"), "type", type.name(),
                "account", account, "county", Args.optString(a, "county", null), "enabled", Boolean.TRUE);
        s.put(orgKey(id), org);
        s.put("account/" + account, id);
        return org;
    }

    private static SortedMap<String, Object> setOrganisationEnabled(ContractContext ctx, SortedMap<String, Object> a,
                                                                    boolean enabled) {
        SortedMap<String, Object> me = Access.require(ctx, "enable or disable organisations", Role.ADMIN);
        String id = Args.string(a, "id");
        SortedMap<String, Object> org = required(ctx.state().getObject(orgKey(id)), "organisation " + id);
        if (!enabled && id.equals(Access.org(me))) {
            throw ContractException.wrongState("an administrator may not disable its own organisation");
        }
        org.put("enabled", enabled);
        ctx.state().put(orgKey(id), org);
        return org;
    }

    /**
     * Signed by the new key itself (proof of possession); the node lets only this call through unadmitted, so
     * everything about it is bounded here, where it holds on every path: see the class comment.
     */
    private static SortedMap<String, Object> requestRegistration(ContractContext ctx, SortedMap<String, Object> a) {
        State s = ctx.state();
        String id = ctx.signer().id();
        for (String field : a.keySet()) {
            if (!field.equals("org") && !field.equals("name") && !field.equals("roles")) {
                throw ContractException.badArgument("a registration request has only org, name and roles, not '"
                        + (field.length() > 64 ? field.substring(0, 64) + "..." : field) + "'");
            }
        }
        String orgId = Args.string(a, "org");
        if (!orgId.matches(ORG_ID)) {
            throw ContractException.badArgument("'org' must be an organisation id (1-64 letters, digits, '_', '.', '-')");
        }
        String name = Args.string(a, "name");
        if (name.length() > MAX_NAME) {
            throw ContractException.badArgument("'name' is longer than " + MAX_NAME + " characters");
        }
        List<String> roles = checkRoles(ctx, orgId, Args.stringList(a, "roles"));
        Object type = ctx.state().getObject(orgKey(orgId)).get("type");
        if (roles.contains(Role.ADMIN.name()) || !roles.equals(List.of(type))) {
            throw ContractException.badArgument("a registration request may ask only for its organisation's type "
                    + type + ", not " + roles + " (ADMIN and the technical roles are granted by an administrator)");
        }
        if (s.has(signerKey(id))) {
            throw new ContractException(ContractException.CONFLICT, "signer " + id + " is already admitted");
        }
        long open = purgeExpiredRequests(ctx);
        SortedMap<String, Object> previous = s.getObject(REQUEST + id);
        if (previous != null && "PENDING".equals(previous.get("status"))) {
            throw new ContractException(ContractException.CONFLICT, "a registration request for " + id + " is pending");
        }
        if (open >= MAX_OPEN_REQUESTS) {
            throw new ContractException(REGISTRATIONS_FULL, MAX_OPEN_REQUESTS
                    + " registration requests are open; ask an administrator, or try again when they are decided or expire");
        }
        SortedMap<String, Object> req = Args.of("id", id, "org", orgId, "name", name,
                "roles", roles, "status", "PENDING", "requestedAt", ctx.blockTime(),
                "expiresAt", ctx.blockTime() + REQUEST_TTL_MS, "txHash", ctx.txHash());
        s.put(REQUEST + id, req);
        ctx.emit("registrationRequested", req);
        return req;
    }

    /** Deletes every expired request (pending or rejected); returns how many PENDING ones remain. */
    private static long purgeExpiredRequests(ContractContext ctx) {
        long open = 0;
        for (Map.Entry<String, Object> e : ctx.state().scan(REQUEST).entrySet()) {
            SortedMap<String, Object> req = Args.object(e.getValue(), "request");
            if (expired(req, ctx.blockTime())) {
                ctx.state().delete(e.getKey());
            } else if ("PENDING".equals(req.get("status"))) {
                open++;
            }
        }
        return open;
    }

    /** A request expires TTL after it was made; a rejection TTL after it was decided. */
    private static boolean expired(SortedMap<String, Object> req, long now) {
        Object since = "REJECTED".equals(req.get("status")) && req.get("decidedAt") != null ? req.get("decidedAt")
                : req.get("requestedAt");
        return now - Args.asLong(since) >= REQUEST_TTL_MS;
    }

    private static SortedMap<String, Object> approveRegistration(ContractContext ctx, SortedMap<String, Object> a) {
        Access.require(ctx, "approve registrations", Role.ADMIN);
        String id = signerArg(a);
        SortedMap<String, Object> req = pendingRequest(ctx, id);
        @SuppressWarnings("unchecked")
        List<String> roles = a.get("roles") == null ? (List<String>) req.get("roles") : Args.stringList(a, "roles");
        putSigner(ctx, id, (String) req.get("org"), (String) req.get("name"), roles, ctx.signer().id());
        ctx.state().delete(REQUEST + id);
        purgeExpiredRequests(ctx);
        return record(ctx, id);
    }

    private static SortedMap<String, Object> rejectRegistration(ContractContext ctx, SortedMap<String, Object> a) {
        Access.require(ctx, "reject registrations", Role.ADMIN);
        String id = signerArg(a);
        SortedMap<String, Object> req = pendingRequest(ctx, id);
        req.put("status", "REJECTED");
        req.put("reason", Args.string(a, "reason"));
        req.put("decidedBy", ctx.signer().id());
        req.put("decidedAt", ctx.blockTime());
        req.put("expiresAt", ctx.blockTime() + REQUEST_TTL_MS);
        ctx.state().put(REQUEST + id, req);
        purgeExpiredRequests(ctx);
        return req;
    }

    /** The administrator's direct path: the signer is admitted at once (no request needed). */
    private static SortedMap<String, Object> admit(ContractContext ctx, SortedMap<String, Object> a) {
        Access.require(ctx, "admit signers", Role.ADMIN);
        String id = signerArg(a);
        putSigner(ctx, id, Args.string(a, "org"), Args.string(a, "name"), Args.stringList(a, "roles"), ctx.signer().id());
        ctx.state().delete(REQUEST + id);
        return record(ctx, id);
    }

    private static SortedMap<String, Object> setRoles(ContractContext ctx, SortedMap<String, Object> a) {
        Access.require(ctx, "assign roles", Role.ADMIN);
        String id = signerArg(a);
        SortedMap<String, Object> rec = record(ctx, id);
        if (id.equals(ctx.signer().id()) && !Args.stringList(a, "roles").contains(Role.ADMIN.name())) {
            throw ContractException.wrongState("an administrator may not remove its own ADMIN role");
        }
        rec.put("roles", checkRoles(ctx, (String) rec.get("org"), Args.stringList(a, "roles")));
        ctx.state().put(signerKey(id), rec);
        return rec;
    }

    private static SortedMap<String, Object> setSignerEnabled(ContractContext ctx, SortedMap<String, Object> a,
                                                              boolean enabled) {
        Access.require(ctx, "enable or disable signers", Role.ADMIN);
        String id = signerArg(a);
        SortedMap<String, Object> rec = record(ctx, id);
        if (!enabled && id.equals(ctx.signer().id())) {
            throw ContractException.wrongState("an administrator may not disable itself");
        }
        rec.put("enabled", enabled);
        ctx.state().put(signerKey(id), rec);
        return rec;
    }

    private static List<String> putSigner(ContractContext ctx, String id, String orgId, String name,
                                          List<String> roles, String by) {
        if (!Signer.isWellFormed(id)) {
            throw ContractException.badArgument("signer must be ed25519:<64 hex> or sm2:<130 hex>, got " + id);
        }
        if (ctx.state().has(signerKey(id))) {
            throw new ContractException(ContractException.CONFLICT, "signer " + id + " is already admitted");
        }
        List<String> checked = checkRoles(ctx, orgId, roles);
        ctx.state().put(signerKey(id), Args.of("id", id, "org", orgId, "name", name, "roles", checked,
                "enabled", Boolean.TRUE, "admittedAt", ctx.blockTime(), "admittedBy", by));
        return checked;
    }

    /**
     * Business roles must be the organisation's type or ADMIN; a technical role (NODE, LOAD) fits any
     * organisation but is held alone, so a node key or the load client never carries business. Returned sorted
     * and without duplicates.
     */
    private static List<String> checkRoles(ContractContext ctx, String orgId, List<String> roles) {
        SortedMap<String, Object> org = required(ctx.state().getObject(orgKey(orgId)), "organisation " + orgId);
        if (roles.isEmpty()) {
            throw ContractException.badArgument("at least one role is required");
        }
        if (roles.size() > MAX_ROLES) {
            throw ContractException.badArgument("at most " + MAX_ROLES + " roles may be named");
        }
        TreeSet<String> set = new TreeSet<>();
        boolean technical = false;
        for (String r : roles) {
            Role role = Role.parse(r);
            if (role.isBusiness() && role != Role.ADMIN && !role.name().equals(org.get("type"))) {
                throw ContractException.badArgument("role " + role + " does not fit organisation " + orgId
                        + " of type " + org.get("type"));
            }
            technical |= !role.isBusiness();
            set.add(role.name());
        }
        if (technical && set.size() > 1) {
            throw ContractException.badArgument("a technical role (NODE, LOAD) is held alone, not with " + set);
        }
        return new ArrayList<>(set);
    }

    private static SortedMap<String, Object> pendingRequest(ContractContext ctx, String id) {
        SortedMap<String, Object> req = required(ctx.state().getObject(REQUEST + id), "registration request of " + id);
        if (!"PENDING".equals(req.get("status"))) {
            throw ContractException.wrongState("registration request of " + id + " is " + req.get("status"));
        }
        if (expired(req, ctx.blockTime())) {
            throw new ContractException(ContractException.EXPIRED, "registration request of " + id
                    + " expired (open " + REQUEST_TTL_MS / 86_400_000L + " days); the key may ask again");
        }
        return req;
    }

    private static SortedMap<String, Object> record(ContractContext ctx, String id) {
        return required(ctx.state().getObject(signerKey(id)), "signer " + id);
    }

    private static String signerArg(SortedMap<String, Object> a) {
        return Args.string(a, "signer");
    }

    private static SortedMap<String, Object> required(SortedMap<String, Object> v, String what) {
        if (v == null) {
            throw ContractException.notFound("no " + what);
        }
        return v;
    }
}
