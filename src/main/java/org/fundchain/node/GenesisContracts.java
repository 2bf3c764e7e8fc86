package org.fundchain.node;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SortedMap;
import java.util.TreeMap;

import org.fundchain.crypto.Hex;
import org.fundchain.crypto.PublicKey;
import org.fundchain.genesis.AdmittedClient;
import org.fundchain.genesis.DemoUser;
import org.fundchain.genesis.Genesis;
import org.fundchain.genesis.Member;
import org.fundchain.genesis.Organisation;
import org.fundchain.genesis.Role;

/**
 * The contracts' genesis state derived from the genesis document, the same on every node: the registry
 * admits the genesis organisations (each with a deterministic settlement account), the demo users with
 * their roles, the admitted API clients with the role genesis gives them (the demo client: LOAD, the load
 * contract only) and the member nodes' keys with the NODE role (the reconciliation sweep, nothing else).
 */
public final class GenesisContracts {
    private GenesisContracts() {
    }

    public static String signerId(PublicKey key) {
        return key.algorithm().jsonName().toLowerCase(Locale.ROOT) + ":" + Hex.encode(key.raw());
    }

    /** The settlement account of a genesis organisation (bank flows name accounts, not organisations). */
    public static String accountOf(String organisationId) {
        return "ACC-" + organisationId.toUpperCase(Locale.ROOT);
    }

    public static SortedMap<String, Object> document(Genesis g) {
        List<Object> orgs = new ArrayList<>();
        for (Organisation o : g.organisations()) {
            SortedMap<String, Object> m = new TreeMap<>();
            m.put("id", o.id());
            m.put("name", o.name());
            m.put("type", o.role().name());
            m.put("account", accountOf(o.id()));
            if (o.county() != null) {
                m.put("county", o.county()); // the registry's county scoping (ProjectContract.requireSameCounty, Viewer)
            }
            orgs.add(m);
        }
        List<Object> signers = new ArrayList<>();
        for (DemoUser u : g.users()) {
            signers.add(signer(u.publicKey(), u.organisation(), u.displayName(), u.role().name()));
        }
        for (AdmittedClient c : g.clients()) {
            signers.add(signer(c.publicKey(), c.organisation(), c.id(), c.role().name()));
        }
        // Member nodes sign housekeeping transactions (the reconciliation sweep timer), so their keys are admitted
        // as signers of the member's organisation with the NODE role: the sweep and nothing else (least privilege —
        // a node key is online on a server and must not approve projects or push bank flows).
        for (Member m : g.members()) {
            signers.add(signer(m.publicKey(), m.organisation(), "node " + m.nodeId(), Role.NODE.name()));
        }
        SortedMap<String, Object> registry = new TreeMap<>();
        registry.put("organisations", orgs);
        registry.put("signers", signers);
        SortedMap<String, Object> contracts = new TreeMap<>();
        contracts.put("registry", registry);
        SortedMap<String, Object> doc = new TreeMap<>();
        doc.put("contracts", contracts);
        return doc;
    }

    private static SortedMap<String, Object> signer(PublicKey key, String org, String name, String role) {
        SortedMap<String, Object> s = new TreeMap<>();
        s.put("id", signerId(key));
        s.put("org", org);
        s.put("name", name);
        s.put("roles", List.of(role));
        return s;
    }
}
