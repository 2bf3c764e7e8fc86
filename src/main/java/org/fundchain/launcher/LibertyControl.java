package org.fundchain.launcher;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Runs Liberty's own {@code bin/server start|stop|status} for one server, with the launcher's JDK. */
final class LibertyControl {
    private final LauncherSettings s;

    LibertyControl(LauncherSettings s) {
        this.s = s;
    }

    Path script() {
        return s.wlpDir().resolve("bin/server");
    }

    /**
     * Starts the server in the background; returns the script's exit code (0 started, 1 already running),
     * or {@link #TIMED_OUT} if the script is still waiting for the server after the ready timeout: readiness
     * polling, not this script, decides whether the node came up.
     */
    int start(int i) {
        return run("start", i, (int) s.readyTimeout().toSeconds());
    }

    static final int TIMED_OUT = -2;

    int stop(int i) {
        return run("stop", i, 120);
    }

    /** True if Liberty reports the server running. */
    boolean running(int i) {
        return run("status", i, 30) == 0;
    }

    private int run(String action, int i, int timeoutSeconds) {
        if (!Files.isExecutable(script())) {
            throw new LauncherException("no Liberty installation at " + s.wlpDir() + ": build first (mvn -DskipTests package)");
        }
        Path log = s.wlpDir().resolve("usr/servers").resolve(".launcher-" + s.serverName(i) + "-" + action + ".log");
        ProcessBuilder pb = new ProcessBuilder(List.of(script().toString(), action, s.serverName(i)));
        // The servers run on the launcher's JDK unless FUNDCHAIN_SERVER_JAVA_HOME names another (e.g. a newer one).
        String serverJava = System.getenv("FUNDCHAIN_SERVER_JAVA_HOME");
        pb.environment().put("JAVA_HOME", serverJava != null && !serverJava.isBlank() ? serverJava : System.getProperty("java.home"));
        pb.redirectErrorStream(true).redirectOutput(log.toFile());
        try {
            Files.createDirectories(log.getParent());
            Process p = pb.start();
            if (!p.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                if (action.equals("start")) {
                    return TIMED_OUT;
                }
                throw new LauncherException("'server " + action + " " + s.serverName(i) + "' did not return within "
                        + timeoutSeconds + " s (output in " + log + ")");
            }
            return p.exitValue();
        } catch (IOException e) {
            throw new LauncherException("cannot run " + script() + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new LauncherException("interrupted while running server " + action, e);
        }
    }
}
