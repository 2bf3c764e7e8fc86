package org.fundchain.launcher;

import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Finds the JVMs of this consortium's servers by their command line (the Liberty launch jar under our
 * installation, with our server name as argument), so {@code down} can prove none is left and kill
 * stragglers without touching anybody else's Java processes.
 */
final class OurProcesses {
    private final LauncherSettings s;

    OurProcesses(LauncherSettings s) {
        this.s = s;
    }

    List<ProcessHandle> of(int i) {
        String wlp = s.wlpDir().toString();
        String name = s.serverName(i);
        return ProcessHandle.allProcesses()
                .filter(ph -> ph.pid() != ProcessHandle.current().pid())
                .filter(ph -> {
                    Optional<String[]> args = ph.info().arguments();
                    Optional<String> cmd = ph.info().command();
                    if (args.isEmpty() || cmd.isEmpty() || !cmd.get().endsWith("java")) {
                        return false;
                    }
                    String joined = String.join(" ", args.get());
                    return joined.contains(wlp + "/") && List.of(args.get()).contains(name);
                })
                .collect(Collectors.toList());
    }

    /** Terminates the given processes, politely first. Returns how many had to be killed. */
    int kill(List<ProcessHandle> handles) {
        int killed = 0;
        for (ProcessHandle ph : handles) {
            if (!ph.isAlive()) {
                continue;
            }
            killed++;
            ph.destroy();
            try {
                ph.onExit().get(15, java.util.concurrent.TimeUnit.SECONDS);
            } catch (Exception e) {
                ph.destroyForcibly();
            }
        }
        return killed;
    }
}
