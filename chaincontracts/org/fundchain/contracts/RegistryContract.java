package org.fundchain.contracts;

import java.util.ArrayList;
import java.util.List;
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
 */
public final class RegistryContract extends BusinessContract {
    public static final String NAME = "registry";

    public RegistryContract() {
        super(NAME, 1, "registerOrganisation", "disableOrganisation", "enableOrganisation", "requestRegistration",
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
        if (!id.matches("[A-Za-z0-9_.-]{1,64}")) {
            throw ContractException.badArgument("organisation id must be 1-64 letters, digits, '_', '.', '-': " + id);
        }
        Role type = Role.parse(a.get("type"));
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

    /** Signed by the new key itself (proof of possession); the node lets only this call through unadmitted. */
    private static SortedMap<String, Object> requestRegistration(ContractContext ctx, SortedMap<String, Object> a) {
        State s = ctx.state();
        String id = ctx.signer().id();
        if (s.has(signerKey(id))) {
            throw new ContractException(ContractException.CONFLICT, "signer " + id + " is already admitted");
        }
        SortedMap<String, Object> previous = s.getObject("request/" + id);
        if (previous != null && "PENDING".equals(previous.get("status"))) {
            throw new ContractException(ContractException.CONFLICT, "a registration request for " + id + " is pending");
        }
        String orgId = Args.string(a, "org");
        List<String> roles = checkRoles(ctx, orgId, Args.stringList(a, "roles"));
        SortedMap<String, Object> req = Args.of("id", id, "org", orgId, "name", Args.string(a, "name"),
                "roles", roles, "status", "PENDING", "requestedAt", ctx.blockTime(), "txHash", ctx.txHash());
        s.put("request/" + id, req);
        ctx.emit("registrationRequested", req);
        return req;
    }

    private static SortedMap<String, Object> approveRegistration(ContractContext ctx, SortedMap<String, Object> a) {
        Access.require(ctx, "approve registrations", Role.ADMIN);
        String id = signerArg(a);
        SortedMap<String, Object> req = pendingRequest(ctx, id);
        @SuppressWarnings("unchecked")
        List<String> roles = a.get("roles") == null ? (List<String>) req.get("roles") : Args.stringList(a, "roles");
        putSigner(ctx, id, (String) req.get("org"), (String) req.get("name"), roles, ctx.signer().id());
        ctx.state().delete("request/" + id);
        return record(ctx, id);
    }

    private static SortedMap<String, Object> rejectRegistration(ContractContext ctx, SortedMap<String, Object> a) {
        Access.require(ctx, "reject registrations", Role.ADMIN);
        String id = signerArg(a);
        SortedMap<String, Object> req = pendingRequest(ctx, id);
        req.put("status", "REJECTED");
        req.put("reason", Args.string(a, "reason"));
        req.put("decidedBy", ctx.signer().id());
        ctx.state().put("request/" + id, req);
        return req;
    }

    /** The administrator's direct path: the signer is admitted at once (no request needed). */
    private static SortedMap<String, Object> admit(ContractContext ctx, SortedMap<String, Object> a) {
        Access.require(ctx, "admit signers", Role.ADMIN);
        String id = signerArg(a);
        putSigner(ctx, id, Args.string(a, "org"), Args.string(a, "name"), Args.stringList(a, "roles"), ctx.signer().id());
        ctx.state().delete("request/" + id);
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

    /** Roles must be the organisation's type or ADMIN; returned sorted and without duplicates. */
    private static List<String> checkRoles(ContractContext ctx, String orgId, List<String> roles) {
        SortedMap<String, Object> org = required(ctx.state().getObject(orgKey(orgId)), "organisation " + orgId);
        if (roles.isEmpty()) {
            throw ContractException.badArgument("at least one role is required");
        }
        TreeSet<String> set = new TreeSet<>();
        for (String r : roles) {
            Role role = Role.parse(r);
            if (role != Role.ADMIN && !role.name().equals(org.get("type"))) {
                throw ContractException.badArgument("role " + role + " does not fit organisation " + orgId
                        + " of type " + org.get("type"));
            }
            set.add(role.name());
        }
        return new ArrayList<>(set);
    }

    private static SortedMap<String, Object> pendingRequest(ContractContext ctx, String id) {
        SortedMap<String, Object> req = required(ctx.state().getObject("request/" + id), "registration request of " + id);
        if (!"PENDING".equals(req.get("status"))) {
            throw ContractException.wrongState("registration request of " + id + " is " + req.get("status"));
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
