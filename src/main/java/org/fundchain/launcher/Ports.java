package org.fundchain.launcher;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Checks that a TCP port can be bound before a server is started on it, so the user gets a clear error. */
final class Ports {
    private Ports() {
    }

    /** @param ports port → what it is for (e.g. "node0 HTTP"); throws naming every port that is taken */
    static void requireFree(Map<Integer, String> ports) {
        List<String> busy = new ArrayList<>();
        ports.forEach((port, use) -> {
            if (!free(port)) {
                busy.add(port + " (" + use + ")");
            }
        });
        if (!busy.isEmpty()) {
            throw new LauncherException("port(s) already in use by another process: " + String.join(", ", busy)
                    + ". Stop whatever listens there (see 'ss -ltnp') or run 'liberty/consortium status' "
                    + "in case a consortium is already running from another checkout.");
        }
    }

    static boolean free(int port) {
        try (ServerSocket ss = new ServerSocket()) {
            ss.setReuseAddress(true);
            ss.bind(new InetSocketAddress(InetAddress.getByName("localhost"), port));
        } catch (IOException e) {
            return false;
        }
        try (ServerSocket ss = new ServerSocket()) {
            ss.setReuseAddress(true);
            ss.bind(new InetSocketAddress(port));
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}
