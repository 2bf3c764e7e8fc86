package org.fundchain.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

/**
 * Keys are generated at run time under target/; none may live in what ships or is committed as product
 * (test sources may hold deliberate test vectors).
 */
class NoPrivateKeyInSourcesTest {
    @Test
    void noPrivateKeyOutsideTarget() throws IOException {
        Path root = Path.of(System.getProperty("user.dir"));
        List<Path> offenders = new ArrayList<>();
        for (String dir : List.of("src/main", "webapp", "liberty", "chaincontracts", ".ci")) {
            Path d = root.resolve(dir);
            if (!Files.isDirectory(d)) {
                continue;
            }
            try (Stream<Path> files = Files.walk(d)) {
                for (Path f : files.filter(Files::isRegularFile).toList()) {
                    String text = new String(Files.readAllBytes(f), StandardCharsets.ISO_8859_1);
                    if (text.contains("PRIVATE KEY-----")) {
                        offenders.add(f);
                    }
                }
            }
        }
        assertEquals(List.of(), offenders, "private keys must never be part of the sources");
    }
}
