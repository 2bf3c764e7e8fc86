package org.fundchain.consensus;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

/**
 * The arrows between packages point inward (ARCHITECTURE §3): the main sources' references to
 * {@code org.fundchain.*} (imports and fully qualified names in code; comments and string literals do not count)
 * must be exactly the table below, every arrow goes to the same or an inner tier, no two packages reach each other,
 * and the pure packages use no Jakarta. A subpackage ({@code web.push}, {@code ledger.jpa}) is a package of its own.
 * A new arrow is a design decision: add it to the table, pointing inward, or move the code.
 */
class PackageDependencyTest {
    private static final String ROOT = "org.fundchain.";
    private static final List<Path> SOURCE_ROOTS = List.of(Paths.get("src/main/java"), Paths.get("chaincontracts"));

    /** Tiers, innermost first. A package may use packages of its own tier (as the table says) or of inner ones. */
    private static final List<List<String>> TIERS = List.of(
            List.of("codec", "crypto", "contract.api"),
            List.of("ledger", "consensus", "contract", "contracts", "genesis", "envelope", "peer"),
            List.of("ledger.jpa", "node", "node.health", "node.metrics"),
            List.of("fund"),
            List.of("api", "security", "web", "web.i18n", "web.push", "web.biz", "web.customer", "web.admin"),
            List.of("client", "launcher"));

    /** The allowed arrows: each package's references, exactly (an arrow no longer used must be removed here too). */
    private static final Map<String, Set<String>> ALLOWED = new TreeMap<>();
    static {
        allow("codec");
        allow("crypto");
        allow("contract.api");
        allow("ledger", "codec", "crypto");
        allow("consensus", "codec", "crypto", "ledger");
        allow("contract", "codec", "contract.api", "crypto");
        allow("contracts", "contract.api");
        allow("genesis", "codec", "crypto");
        allow("envelope", "codec", "crypto");
        allow("peer", "codec", "crypto");
        allow("ledger.jpa", "contract");
        allow("node", "codec", "consensus", "contract", "contract.api", "contracts", "crypto", "genesis", "ledger",
                "ledger.jpa", "peer");
        allow("node.health", "node");
        allow("node.metrics", "genesis", "node", "peer");
        allow("fund", "codec", "contract", "contract.api", "contracts", "crypto", "envelope", "ledger", "ledger.jpa", "node");
        allow("api", "codec", "contract.api", "contracts", "crypto", "envelope", "fund", "genesis", "ledger", "ledger.jpa", "node", "peer");
        allow("web.i18n");
        allow("security", "contract", "crypto", "fund", "genesis", "node", "peer", "web.i18n");
        allow("web.push", "codec", "fund", "security", "web.i18n");
        allow("web", "codec", "crypto", "fund", "ledger", "ledger.jpa", "node", "peer", "security", "web.i18n");
        allow("web.biz", "contracts", "crypto", "fund", "ledger", "ledger.jpa", "node", "security");
        allow("web.customer", "fund", "security", "web.i18n", "web.push");
        allow("web.admin", "fund", "node", "security", "web.customer", "web.i18n");
        allow("client", "codec", "crypto", "envelope", "genesis", "ledger");
        allow("launcher", "client", "crypto", "envelope", "genesis", "node", "security");
    }

    /** Packages that stay plain Java: deterministic code hashed, signed or executed by every node, and shared models. */
    private static final List<String> NO_JAKARTA = List.of("codec", "crypto", "ledger", "consensus", "contract",
            "contract.api", "contracts", "genesis", "envelope");
    private static final Pattern JAKARTA = Pattern.compile("\\b(jakarta|javax\\.persistence|javax\\.ws)\\.");

    /** {@code org.fundchain.a.b.Type} (the package is up to the first capitalised segment) or {@code org.fundchain.a.b.*}. */
    private static final Pattern REFERENCE = Pattern.compile("\\borg\\.fundchain\\.((?:[a-z_][a-z0-9_]*\\.)*?[a-z_][a-z0-9_]*)\\s*\\.\\s*(?:[A-Z_$]|\\*)");
    private static final Pattern PACKAGE = Pattern.compile("^\\s*package\\s+([\\w.]+)\\s*;", Pattern.MULTILINE);

    private static void allow(String pkg, String... deps) {
        ALLOWED.put(pkg, new TreeSet<>(List.of(deps)));
    }

    /** One source file: its package (without {@code org.fundchain.}) and its code with comments and literals blanked. */
    record Source(Path file, String pkg, String code) {
    }

    private static List<Source> sources() throws IOException {
        List<Source> out = new ArrayList<>();
        for (Path root : SOURCE_ROOTS) {
            assertTrue(Files.isDirectory(root), "run from the project root: " + root);
            try (Stream<Path> files = Files.walk(root)) {
                for (Path f : (Iterable<Path>) files.filter(p -> p.toString().endsWith(".java")).sorted()::iterator) {
                    String code = codeOnly(Files.readString(f, StandardCharsets.UTF_8));
                    Matcher m = PACKAGE.matcher(code);
                    assertTrue(m.find(), "no package line in " + f);
                    String pkg = m.group(1);
                    assertTrue(pkg.startsWith(ROOT), f + " is outside " + ROOT);
                    out.add(new Source(f, pkg.substring(ROOT.length()), code));
                }
            }
        }
        return out;
    }

    /** Blanks comments, string, text-block and char literals (newlines kept), so only real references remain. */
    static String codeOnly(String src) {
        StringBuilder out = new StringBuilder(src.length());
        int i = 0;
        int n = src.length();
        while (i < n) {
            char c = src.charAt(i);
            if (c == '/' && i + 1 < n && src.charAt(i + 1) == '/') {
                while (i < n && src.charAt(i) != '\n') {
                    i++;
                    out.append(' ');
                }
            } else if (c == '/' && i + 1 < n && src.charAt(i + 1) == '*') {
                int end = src.indexOf("*/", i + 2);
                end = end < 0 ? n : end + 2;
                blank(src, i, end, out);
                i = end;
            } else if (src.startsWith("\"\"\"", i)) {
                int end = i + 3;
                while (end < n && !src.startsWith("\"\"\"", end)) {
                    end += src.charAt(end) == '\\' ? 2 : 1;
                }
                end = Math.min(n, end + 3);
                blank(src, i, end, out);
                i = end;
            } else if (c == '"' || c == '\'') {
                int end = i + 1;
                while (end < n && src.charAt(end) != c && src.charAt(end) != '\n') {
                    end += src.charAt(end) == '\\' ? 2 : 1;
                }
                end = Math.min(n, end + 1);
                blank(src, i, end, out);
                i = end;
            } else {
                out.append(c);
                i++;
            }
        }
        return out.toString();
    }

    private static void blank(String src, int from, int to, StringBuilder out) {
        for (int k = from; k < to; k++) {
            out.append(src.charAt(k) == '\n' ? '\n' : ' ');
        }
    }

    /** package → (used package → first file that uses it), over the main sources. */
    private static SortedMap<String, SortedMap<String, String>> graph() throws IOException {
        SortedMap<String, SortedMap<String, String>> g = new TreeMap<>();
        for (Source s : sources()) {
            SortedMap<String, String> deps = g.computeIfAbsent(s.pkg(), k -> new TreeMap<>());
            for (String dep : references(s.code())) {
                if (!dep.equals(s.pkg())) {
                    deps.putIfAbsent(dep, s.file().toString());
                }
            }
        }
        return g;
    }

    static SortedSet<String> references(String code) {
        SortedSet<String> out = new TreeSet<>();
        Matcher m = REFERENCE.matcher(code);
        while (m.find()) {
            out.add(m.group(1));
        }
        return out;
    }

    private static int tier(String pkg) {
        for (int t = 0; t < TIERS.size(); t++) {
            if (TIERS.get(t).contains(pkg)) {
                return t;
            }
        }
        return -1;
    }

    @Test
    void everyPackageUsesExactlyTheArrowsTheTableAllows() throws IOException {
        SortedMap<String, SortedMap<String, String>> g = graph();
        List<String> wrong = new ArrayList<>();
        for (Map.Entry<String, SortedMap<String, String>> e : g.entrySet()) {
            Set<String> allowed = ALLOWED.get(e.getKey());
            if (allowed == null) {
                wrong.add(e.getKey() + ": a package not in the table (uses " + e.getValue().keySet() + ")");
                continue;
            }
            for (Map.Entry<String, String> dep : e.getValue().entrySet()) {
                if (!allowed.contains(dep.getKey())) {
                    wrong.add(e.getKey() + " -> " + dep.getKey() + ": not allowed (" + dep.getValue() + ")");
                }
            }
            for (String a : allowed) {
                if (!e.getValue().containsKey(a)) {
                    wrong.add(e.getKey() + " -> " + a + ": allowed but no longer used; remove it from the table");
                }
            }
        }
        for (String pkg : ALLOWED.keySet()) {
            if (!g.containsKey(pkg)) {
                wrong.add(pkg + ": in the table but has no sources");
            }
        }
        assertTrue(wrong.isEmpty(), "package dependencies differ from the table:\n" + String.join("\n", wrong));
    }

    @Test
    void theTablePointsInward() {
        List<String> wrong = new ArrayList<>();
        Set<String> tiered = new TreeSet<>();
        TIERS.forEach(tiered::addAll);
        assertEquals(tiered, ALLOWED.keySet(), "every package has exactly one tier and one table entry");
        assertEquals(TIERS.stream().mapToInt(List::size).sum(), tiered.size(), "a package is in two tiers");
        for (Map.Entry<String, Set<String>> e : ALLOWED.entrySet()) {
            for (String dep : e.getValue()) {
                if (tier(dep) > tier(e.getKey())) {
                    wrong.add(e.getKey() + " (tier " + tier(e.getKey()) + ") -> " + dep + " (tier " + tier(dep) + ")");
                }
            }
        }
        assertTrue(wrong.isEmpty(), "arrows pointing outward:\n" + String.join("\n", wrong));
        assertTrue(cycles(ALLOWED).isEmpty(), "the table has cycles: " + cycles(ALLOWED));
    }

    @Test
    void noTwoPackagesReachEachOther() throws IOException {
        Map<String, Set<String>> g = new TreeMap<>();
        graph().forEach((pkg, deps) -> g.put(pkg, deps.keySet()));
        List<List<String>> cycles = cycles(g);
        assertTrue(cycles.isEmpty(), "package cycles (each group reaches itself through the others): " + cycles);
    }

    @Test
    void purePackagesUseNoJakarta() throws IOException {
        List<String> wrong = new ArrayList<>();
        for (Source s : sources()) {
            if (NO_JAKARTA.contains(s.pkg())) {
                Matcher m = JAKARTA.matcher(s.code());
                if (m.find()) {
                    wrong.add(s.file() + ": " + m.group());
                }
            }
        }
        assertTrue(wrong.isEmpty(), "Jakarta in a pure package:\n" + String.join("\n", wrong));
    }

    @Test
    void theScannerSeesReferencesAndIgnoresCommentsAndStrings() {
        String code = codeOnly(String.join("\n",
                "package org.fundchain.x;",
                "import org.fundchain.a.B;",
                "import static org.fundchain.c.d.E.f;",
                "import org.fundchain.g.*;",
                "// org.fundchain.comment.Line",
                "/** {@link org.fundchain.comment.Doc} */",
                "class X { org.fundchain.h.I i = new org.fundchain.h.I(\"org.fundchain.string.Lit\");",
                "  char q = '\"'; String t = \"\"\"",
                "      org.fundchain.text.Block\"\"\"; java.util.List<org.fundchain.j.K.L> l; }"));
        assertEquals(new TreeSet<>(List.of("a", "c.d", "g", "h", "j")), references(code));
        assertTrue(JAKARTA.matcher(codeOnly("import jakarta.persistence.Entity;")).find());
        assertTrue(JAKARTA.matcher(codeOnly("@javax.ws.rs.GET void f();")).find());
        assertTrue(!JAKARTA.matcher(codeOnly("import javax.crypto.Cipher; // jakarta.ejb.Stateless")).find());
        assertEquals(List.of(List.of("a", "b", "c")),
                cycles(Map.of("a", Set.of("b"), "b", Set.of("c"), "c", Set.of("a", "d"), "d", Set.of())));
    }

    /** The strongly connected groups of more than one package (Tarjan), each sorted. */
    static List<List<String>> cycles(Map<String, Set<String>> g) {
        Map<String, Integer> index = new HashMap<>();
        Map<String, Integer> low = new HashMap<>();
        Deque<String> stack = new ArrayDeque<>();
        Set<String> onStack = new TreeSet<>();
        List<List<String>> out = new ArrayList<>();
        int[] counter = {0};
        for (String v : new TreeSet<>(g.keySet())) {
            if (!index.containsKey(v)) {
                connect(v, g, index, low, stack, onStack, out, counter);
            }
        }
        return out;
    }

    private static void connect(String v, Map<String, Set<String>> g, Map<String, Integer> index, Map<String, Integer> low,
            Deque<String> stack, Set<String> onStack, List<List<String>> out, int[] counter) {
        index.put(v, counter[0]);
        low.put(v, counter[0]++);
        stack.push(v);
        onStack.add(v);
        for (String w : new TreeSet<>(g.getOrDefault(v, Set.of()))) {
            if (!index.containsKey(w)) {
                connect(w, g, index, low, stack, onStack, out, counter);
                low.put(v, Math.min(low.get(v), low.get(w)));
            } else if (onStack.contains(w)) {
                low.put(v, Math.min(low.get(v), index.get(w)));
            }
        }
        if (low.get(v).equals(index.get(v))) {
            List<String> group = new ArrayList<>();
            String w;
            do {
                w = stack.pop();
                onStack.remove(w);
                group.add(w);
            } while (!w.equals(v));
            if (group.size() > 1) {
                group.sort(null);
                out.add(group);
            }
        }
    }
}
