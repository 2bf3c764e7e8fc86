package org.fundchain.genesis;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.function.Function;

import org.fundchain.codec.Base64Url;
import org.fundchain.codec.CodecException;
import org.fundchain.codec.Json;
import org.fundchain.crypto.CryptoException;
import org.fundchain.crypto.CryptoSuite;
import org.fundchain.crypto.PublicKey;
import org.fundchain.crypto.SignatureAlgorithm;

/**
 * Genesis to and from canonical JSON. Decoding is strict: every field is required, unknown fields are
 * refused (a signed document must not carry content nobody checks), and every public key must be a
 * valid point on the consortium suite's curve.
 */
public final class GenesisCodec {
    /** Far above any real consortium; refuses absurd files before parsing. */
    public static final int MAX_BYTES = 4 * 1024 * 1024;

    private GenesisCodec() {
    }

    public static byte[] encode(Genesis g) {
        return Json.writeBytes(toJson(g));
    }

    public static SortedMap<String, Object> toJson(Genesis g) {
        SortedMap<String, Object> m = new TreeMap<>();
        m.put("format", g.format());
        m.put("consortium", g.consortium());
        m.put("cryptoSuite", g.suite().name());
        m.put("createdAt", g.createdAt());
        m.put("caCertificate", g.caCertificatePem());
        m.put("tlsCaCertificate", g.tlsCaCertificatePem());
        m.put("organisations", list(g.organisations(), o -> {
            SortedMap<String, Object> org = obj("id", o.id(), "name", o.name(), "role", o.role().name(), "node", o.node());
            if (o.county() != null) { // absent, not null: a genesis without counties keeps its bytes and hash
                org.put("county", o.county());
            }
            return org;
        }));
        m.put("members", list(g.members(), mb -> obj(
                "nodeId", mb.nodeId(), "organisation", mb.organisation(), "publicKey", key(mb.publicKey()),
                "certificate", mb.certificatePem(), "peerUrl", mb.peerUrl(), "apiUrl", mb.apiUrl())));
        m.put("chains", list(g.chains(), c -> obj(
                "id", c.id(), "members", new ArrayList<Object>(c.members()), "parameters", params(c.parameters()))));
        m.put("users", list(g.users(), u -> obj(
                "username", u.username(), "displayName", u.displayName(), "role", u.role().name(),
                "organisation", u.organisation(), "publicKey", key(u.publicKey()))));
        m.put("clients", list(g.clients(), c -> obj(
                "id", c.id(), "organisation", c.organisation(), "role", c.role().name(), "publicKey", key(c.publicKey()))));
        return m;
    }

    /** Parses and validates; any problem becomes a {@link GenesisException} naming the field. */
    public static Genesis decode(byte[] canonicalJson) {
        SortedMap<String, Object> m;
        try {
            m = Json.parseObject(canonicalJson, MAX_BYTES);
        } catch (CodecException e) {
            throw new GenesisException("genesis is not valid JSON: " + e.getMessage(), e);
        }
        return GenesisRules.check(fromJson(m));
    }

    static Genesis fromJson(Map<String, Object> m) {
        Fields f = new Fields(m, "genesis");
        f.only("format", "consortium", "cryptoSuite", "createdAt", "caCertificate", "tlsCaCertificate", "organisations", "members",
                "chains", "users", "clients");
        String format = f.str("format");
        if (!Genesis.FORMAT.equals(format)) {
            throw new GenesisException("genesis format '" + format + "' is not " + Genesis.FORMAT);
        }
        CryptoSuite suite;
        try {
            suite = CryptoSuite.parse(f.str("cryptoSuite"));
        } catch (CryptoException e) {
            throw new GenesisException("genesis.cryptoSuite: " + e.getMessage(), e);
        }
        SignatureAlgorithm alg = suite.signature();
        List<Organisation> orgs = f.objects("organisations", o -> {
            o.only("id", "name", "role", "node", "county");
            return new Organisation(o.str("id"), o.str("name"), Role.parse(o.str("role")), o.str("node"),
                    o.has("county") ? o.str("county") : null);
        });
        List<Member> members = f.objects("members", o -> {
            o.only("nodeId", "organisation", "publicKey", "certificate", "peerUrl", "apiUrl");
            return new Member(o.str("nodeId"), o.str("organisation"), o.key("publicKey", alg), o.str("certificate"),
                    o.str("peerUrl"), o.str("apiUrl"));
        });
        List<ChainSpec> chains = f.objects("chains", o -> {
            o.only("id", "members", "parameters");
            return new ChainSpec(o.str("id"), o.strings("members"), params(o.object("parameters")));
        });
        List<DemoUser> users = f.objects("users", o -> {
            o.only("username", "displayName", "role", "organisation", "publicKey");
            return new DemoUser(o.str("username"), o.str("displayName"), Role.parse(o.str("role")),
                    o.str("organisation"), o.key("publicKey", alg));
        });
        List<AdmittedClient> clients = f.objects("clients", o -> {
            o.only("id", "organisation", "role", "publicKey");
            return new AdmittedClient(o.str("id"), o.str("organisation"), Role.parse(o.str("role")),
                    o.key("publicKey", alg));
        });
        return new Genesis(format, f.str("consortium"), suite, f.lng("createdAt"), f.str("caCertificate"),
                f.str("tlsCaCertificate"), orgs, members, chains, users, clients);
    }

    private static SortedMap<String, Object> params(BlockParameters p) {
        return obj("batchTimeoutMs", p.batchTimeoutMs(), "maxMessageCount", p.maxMessageCount(),
                "preferredMaxBytes", p.preferredMaxBytes(), "absoluteMaxBytes", p.absoluteMaxBytes(),
                "batchByLoad", p.batchByLoad(), "checkpointInterval", p.checkpointInterval(),
                "primaryPolicy", p.primaryPolicy().name(), "creditWindow", p.creditWindow(),
                "censorshipGraceMs", p.censorshipGraceMs());
    }

    private static BlockParameters params(Fields o) {
        o.only("batchTimeoutMs", "maxMessageCount", "preferredMaxBytes", "absoluteMaxBytes", "batchByLoad",
                "checkpointInterval", "primaryPolicy", "creditWindow", "censorshipGraceMs");
        BlockParameters.PrimaryPolicy policy;
        try {
            policy = BlockParameters.PrimaryPolicy.valueOf(o.str("primaryPolicy"));
        } catch (IllegalArgumentException e) {
            throw new GenesisException(o.where + ".primaryPolicy must be ROTATION or CREDIT");
        }
        return new BlockParameters(o.lng("batchTimeoutMs"), o.lng("maxMessageCount"), o.lng("preferredMaxBytes"),
                o.lng("absoluteMaxBytes"), o.bool("batchByLoad"), o.lng("checkpointInterval"), policy,
                o.lng("creditWindow"), o.lng("censorshipGraceMs"));
    }

    private static String key(PublicKey k) {
        return Base64Url.encode(k.raw());
    }

    private static SortedMap<String, Object> obj(Object... kv) {
        SortedMap<String, Object> m = new TreeMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            m.put((String) kv[i], kv[i + 1]);
        }
        return m;
    }

    private static <T> List<Object> list(List<T> items, Function<T, Object> f) {
        List<Object> out = new ArrayList<>(items.size());
        for (T t : items) {
            out.add(f.apply(t));
        }
        return out;
    }

    /** Typed, path-aware access to one JSON object, so errors name the exact field. */
    private static final class Fields {
        private final Map<String, Object> m;
        private final String where;

        Fields(Map<String, Object> m, String where) {
            this.m = m;
            this.where = where;
        }

        void only(String... allowed) {
            Set<String> ok = Set.of(allowed);
            for (String k : m.keySet()) {
                if (!ok.contains(k)) {
                    throw new GenesisException(where + " has an unknown field '" + k + "'");
                }
            }
        }

        boolean has(String k) {
            return m.containsKey(k);
        }

        private Object get(String k) {
            if (!m.containsKey(k) || m.get(k) == null) {
                throw new GenesisException(where + "." + k + " is missing");
            }
            return m.get(k);
        }

        String str(String k) {
            Object v = get(k);
            if (!(v instanceof String) || ((String) v).isEmpty()) {
                throw new GenesisException(where + "." + k + " must be a non-empty string");
            }
            return (String) v;
        }

        boolean bool(String k) {
            Object v = m.get(k);
            if (!(v instanceof Boolean)) {
                throw new GenesisException(where + "." + k + " must be true or false");
            }
            return (Boolean) v;
        }

        long lng(String k) {
            Object v = get(k);
            try {
                return ((BigDecimal) v).longValueExact();
            } catch (ClassCastException | ArithmeticException e) {
                throw new GenesisException(where + "." + k + " must be an integer");
            }
        }

        PublicKey key(String k, SignatureAlgorithm alg) {
            try {
                return PublicKey.of(alg, Base64Url.decode(str(k), where + "." + k));
            } catch (CryptoException | CodecException | IllegalArgumentException e) {
                throw new GenesisException(where + "." + k + " is not a valid " + alg.jsonName()
                        + " public key: " + e.getMessage(), e);
            }
        }

        @SuppressWarnings("unchecked")
        Fields object(String k) {
            Object v = get(k);
            if (!(v instanceof Map)) {
                throw new GenesisException(where + "." + k + " must be an object");
            }
            return new Fields((Map<String, Object>) v, where + "." + k);
        }

        List<String> strings(String k) {
            Object v = get(k);
            if (!(v instanceof List)) {
                throw new GenesisException(where + "." + k + " must be an array");
            }
            List<String> out = new ArrayList<>();
            for (Object o : (List<?>) v) {
                if (!(o instanceof String)) {
                    throw new GenesisException(where + "." + k + " must contain only strings");
                }
                out.add((String) o);
            }
            return out;
        }

        @SuppressWarnings("unchecked")
        <T> List<T> objects(String k, Function<Fields, T> f) {
            Object v = get(k);
            if (!(v instanceof List)) {
                throw new GenesisException(where + "." + k + " must be an array");
            }
            List<T> out = new ArrayList<>();
            int i = 0;
            for (Object o : (List<?>) v) {
                String at = where + "." + k + "[" + i++ + "]";
                if (!(o instanceof Map)) {
                    throw new GenesisException(at + " must be an object");
                }
                out.add(f.apply(new Fields((Map<String, Object>) o, at)));
            }
            return out;
        }
    }
}
