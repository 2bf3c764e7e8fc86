package org.fundchain.launcher;

import java.nio.file.Path;
import java.time.Duration;

import org.fundchain.crypto.CryptoSuite;

/** Launcher settings rooted in a temporary directory, for tests that only generate material. */
public final class TestSettings {
    private TestSettings() {
    }

    public static LauncherSettings in(Path dir, CryptoSuite suite) {
        return new LauncherSettings(dir, dir.resolve("wlp"), dir.resolve("fundchain.war"), dir.resolve("consortium"),
                "tnode", 4, 19080, 19443, suite, "Unit Test Consortium", Duration.ofSeconds(5));
    }
}
