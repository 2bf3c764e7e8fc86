package org.fundchain.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The shell launcher's own error handling, run with a PATH that has the basic tools but no Java. */
class ConsortiumScriptTest {
    @TempDir
    Path bin;

    @Test
    void missingJavaIsReportedClearly() throws Exception {
        for (String tool : List.of("bash", "dirname", "sed", "find")) {
            Path real = Path.of("/usr/bin", tool);
            if (!Files.exists(real)) {
                real = Path.of("/bin", tool);
            }
            Files.createSymbolicLink(bin.resolve(tool), real);
        }
        Path script = Path.of(System.getProperty("user.dir"), "liberty/consortium");
        ProcessBuilder pb = new ProcessBuilder(bin.resolve("bash").toString(), script.toString(), "status");
        pb.environment().clear();
        pb.environment().put("PATH", bin.toString());
        pb.redirectErrorStream(true);
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(20, TimeUnit.SECONDS));
        assertEquals(1, p.exitValue(), out);
        assertTrue(out.contains("Java not found"), out);
        assertTrue(out.contains("JAVA_HOME"), out);
    }

    @Test
    void unknownCommandsPrintUsage() throws IOException, InterruptedException {
        Path script = Path.of(System.getProperty("user.dir"), "liberty/consortium");
        Process p = new ProcessBuilder("bash", script.toString(), "explode").redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(20, TimeUnit.SECONDS));
        assertEquals(2, p.exitValue(), out);
        assertTrue(out.contains("usage: liberty/consortium up|down|status|reset"), out);
    }
}
