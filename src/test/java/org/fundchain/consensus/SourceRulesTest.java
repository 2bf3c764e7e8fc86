package org.fundchain.consensus;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

/** ARCHITECTURE §3.1: the consensus core is pure. Scans its sources for what would make it impure. */
class SourceRulesTest {
    private static final Pattern FORBIDDEN = Pattern.compile(String.join("|",
            "\\bjakarta\\.", "\\bjavax\\.",
            "\\bThread\\b", "\\bRunnable\\b", "\\bExecutor\\w*", "\\bCompletableFuture\\b", "\\bFuture\\b", "\\bTimer\\b",
            "\\bsynchronized\\b", "java\\.util\\.concurrent",
            "System\\.currentTimeMillis", "System\\.nanoTime", "\\bInstant\\.now", "\\bClock\\b", "\\bLocal\\w*Time\\w*\\.now",
            "\\bRandom\\b", "SecureRandom", "Math\\.random", "ThreadLocalRandom", "UUID\\.randomUUID",
            "System\\.(out|err|in)\\b", "java\\.io\\.File", "java\\.nio\\.file", "java\\.net\\."));

    private static List<String> violations(Path dir) throws IOException {
        List<String> out = new ArrayList<>();
        try (Stream<Path> files = Files.list(dir)) {
            for (Path f : (Iterable<Path>) files.filter(p -> p.toString().endsWith(".java")).sorted()::iterator) {
                List<String> lines = Files.readAllLines(f, StandardCharsets.UTF_8);
                for (int i = 0; i < lines.size(); i++) {
                    String code = lines.get(i).replaceAll("//.*", "").replaceAll("^\\s*\\*.*", "").replaceAll("/\\*.*?\\*/", "");
                    Matcher m = FORBIDDEN.matcher(code);
                    if (m.find()) {
                        out.add(f.getFileName() + ":" + (i + 1) + ": " + m.group() + "  |  " + lines.get(i).trim());
                    }
                }
            }
        }
        return out;
    }

    @Test
    void consensusPackageHasNoThreadsClockRandomIoOrJakarta() throws IOException {
        Path dir = Paths.get("src/main/java/org/fundchain/consensus");
        assertTrue(Files.isDirectory(dir), "run from the project root");
        List<String> v = violations(dir);
        assertTrue(v.isEmpty(), "impure code in the consensus core:\n" + String.join("\n", v));
    }

    @Test
    void ledgerModelHasNoJakarta() throws IOException {
        List<String> out = new ArrayList<>();
        try (Stream<Path> files = Files.list(Paths.get("src/main/java/org/fundchain/ledger"))) {
            for (Path f : (Iterable<Path>) files.filter(p -> p.toString().endsWith(".java"))::iterator) {
                if (Files.readString(f).matches("(?s).*\\bimport\\s+(jakarta|javax\\.persistence)\\..*")) {
                    out.add(f.toString());
                }
            }
        }
        assertTrue(out.isEmpty(), "Jakarta in the pure ledger model: " + out);
    }

    @Test
    void theScannerCatchesWhatItLooksFor() {
        for (String bad : new String[] {"import jakarta.ejb.Stateless;", "new Thread(r)", "long t = System.currentTimeMillis();",
                "Random r = new Random(1);", "ExecutorService x;", "System.err.println(x);"}) {
            assertTrue(FORBIDDEN.matcher(bad).find(), bad);
        }
    }
}
