package org.fundchain.contract;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.SortedMap;

import org.fundchain.codec.Json;

/**
 * The node's question "may this signer submit transactions?", answered from the {@code registry} contract's
 * committed state — the one source of truth for admission, roles and enablement. The only call an
 * unadmitted key may submit is {@code registry.requestRegistration} (it proves possession of the new key).
 */
public final class Admission {
    public static final String REGISTRY = "registry";

    /** An admitted, enabled signer of an enabled organisation. */
    public record AdmittedSigner(String id, String org, List<String> roles) {
    }

    private Admission() {
    }

    public static Optional<AdmittedSigner> lookup(WorldState world, String signerId) {
        SortedMap<String, Object> signer = object(world.get(REGISTRY, "signer/" + signerId));
        if (signer == null || !Boolean.TRUE.equals(signer.get("enabled"))) {
            return Optional.empty();
        }
        SortedMap<String, Object> org = object(world.get(REGISTRY, "org/" + signer.get("org")));
        if (org == null || !Boolean.TRUE.equals(org.get("enabled"))) {
            return Optional.empty();
        }
        List<String> roles = new ArrayList<>();
        for (Object r : (List<?>) signer.get("roles")) {
            roles.add((String) r);
        }
        return Optional.of(new AdmittedSigner(signerId, (String) signer.get("org"), List.copyOf(roles)));
    }

    /** Whether the node should accept this call from the signer (admitted, or asking to be). */
    public static boolean mayAccept(WorldState world, TransactionCall call) {
        return lookup(world, call.signer().id()).isPresent() || isRegistrationRequest(call);
    }

    /** The one call a signer that is not admitted may make. */
    public static boolean isRegistrationRequest(TransactionCall call) {
        return REGISTRY.equals(call.contract()) && "requestRegistration".equals(call.method());
    }

    @SuppressWarnings("unchecked")
    private static SortedMap<String, Object> object(VersionedValue v) {
        return v == null ? null : (SortedMap<String, Object>) Json.parse(v.json());
    }
}
