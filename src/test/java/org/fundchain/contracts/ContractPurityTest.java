package org.fundchain.contracts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

/**
 * ARCHITECTURE §3 rule 2: contracts import only the contract API, each other and java.lang/java.util/java.math,
 * and use nothing that breaks determinism (clock, random, unordered collections, floating point, threads, I/O).
 */
class ContractPurityTest {
    static final Path ROOT = Path.of("chaincontracts");
    static final Pattern IMPORT = Pattern.compile("^\\s*import\\s+(static\\s+)?([\\w.]+)(\\.\\*)?\\s*;", Pattern.MULTILINE);
    static final List<String> ALLOWED = List.of("java.lang.", "java.util.", "java.math.",
            "org.fundchain.contract.api.", "org.fundchain.contracts.");
    static final List<String> FORBIDDEN_IMPORTS = List.of("java.util.concurrent", "java.util.Random",
            "java.util.HashMap", "java.util.HashSet", "java.util.Date", "java.util.Calendar", "java.util.Timer",
            "java.util.UUID", "java.lang.reflect", "java.lang.Thread");
    static final Pattern FORBIDDEN_CODE = Pattern.compile(
            "\\b(double|float|Double|Float|HashMap|HashSet|Random|SecureRandom|Thread|System|Runtime|UUID|"
                    + "LocalDate|LocalDateTime|Instant|Clock|Date|Math\\.random|hashCode|identityHashCode)\\b"
                    + "|toUpperCase\\(\\)|toLowerCase\\(\\)|String\\.format\\((?!Locale\\.ROOT)"
                    + "|\\bstatic\\s+(?!final\\b)(?!class\\b)(?!\\w+\\s*\\()[\\w<>,\\[\\] ]+\\s+\\w+\\s*(=|;)");

    @Test
    void contractsImportOnlyTheContractApiAndJavaBasics() throws IOException {
        List<String> violations = new ArrayList<>();
        for (Path p : sources()) {
            Matcher m = IMPORT.matcher(Files.readString(p, StandardCharsets.UTF_8));
            while (m.find()) {
                String name = m.group(2) + (m.group(3) == null ? "" : ".");
                boolean allowed = ALLOWED.stream().anyMatch(name::startsWith)
                        && FORBIDDEN_IMPORTS.stream().noneMatch(name::startsWith);
                if (!allowed) {
                    violations.add(ROOT.relativize(p) + ": import " + name);
                }
            }
        }
        assertEquals(List.of(), violations);
    }

    /** The API itself must be as pure as the contracts it serves: java.lang/util/math only. */
    @Test
    void contractApiDependsOnNothingButJavaBasics() throws IOException {
        Path api = Path.of("src/main/java/org/fundchain/contract/api");
        List<String> violations = new ArrayList<>();
        try (Stream<Path> s = Files.walk(api)) {
            for (Path p : s.filter(f -> f.toString().endsWith(".java")).sorted().toList()) {
                Matcher m = IMPORT.matcher(Files.readString(p, StandardCharsets.UTF_8));
                while (m.find()) {
                    String name = m.group(2);
                    if (!(name.startsWith("java.lang.") || name.startsWith("java.util.") || name.startsWith("java.math."))) {
                        violations.add(p.getFileName() + ": import " + name);
                    }
                }
            }
        }
        assertEquals(List.of(), violations);
    }

    @Test
    void contractsUseNothingNonDeterministic() throws IOException {
        List<String> violations = new ArrayList<>();
        for (Path p : sources()) {
            List<String> lines = Files.readAllLines(p, StandardCharsets.UTF_8);
            for (int i = 0; i < lines.size(); i++) {
                String code = lines.get(i).replaceAll("\"([^\"\\\\]|\\\\.)*\"", "\"\"").replaceAll("//.*", "");
                if (code.trim().startsWith("*") || code.trim().startsWith("/*")) {
                    continue;
                }
                Matcher m = FORBIDDEN_CODE.matcher(code);
                if (m.find()) {
                    violations.add(ROOT.relativize(p) + ":" + (i + 1) + ": " + m.group().trim());
                }
            }
        }
        assertEquals(List.of(), violations);
    }

    @Test
    void theCheckerCatchesWhatItMustCatch() {
        assertTrue(FORBIDDEN_CODE.matcher("double x = 1;").find());
        assertTrue(FORBIDDEN_CODE.matcher("long t = System.currentTimeMillis();").find());
        assertTrue(FORBIDDEN_CODE.matcher("private static int counter = 0;").find());
        assertTrue(FORBIDDEN_CODE.matcher("Map<String,Object> m = new HashMap<>();").find());
        assertTrue(FORBIDDEN_CODE.matcher("String.format(\"%d\", 1)").find());
        assertFalse(FORBIDDEN_CODE.matcher("public static final String NAME = \"x\";").find());
        assertFalse(FORBIDDEN_CODE.matcher("static String key(String id) {").find());
        assertFalse(FORBIDDEN_CODE.matcher("String.format(Locale.ROOT, \"P%06d\", seq)").find());
        Matcher m = IMPORT.matcher("import java.io.File;\nimport static java.util.List.of;");
        assertTrue(m.find());
        assertEquals("java.io.File", m.group(2));
    }

    private static List<Path> sources() throws IOException {
        assertTrue(Files.isDirectory(ROOT), "run from the project root");
        try (Stream<Path> s = Files.walk(ROOT)) {
            List<Path> files = s.filter(p -> p.toString().endsWith(".java")).sorted().toList();
            assertFalse(files.isEmpty());
            return files;
        }
    }
}
