package org.fundchain.launcher;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.Map;

import org.junit.jupiter.api.Test;

class PortsTest {
    @Test
    void aPortInUseIsReportedByNumberAndPurpose() throws IOException {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getByName("localhost"))) {
            int port = taken.getLocalPort();
            LauncherException e = assertThrows(LauncherException.class,
                    () -> Ports.requireFree(Map.of(port, "node2 HTTP")));
            assertTrue(e.getMessage().contains(port + " (node2 HTTP)"), e.getMessage());
            assertTrue(e.getMessage().contains("already in use"), e.getMessage());
        }
    }

    @Test
    void aFreePortPasses() throws IOException {
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        int free = port;
        assertDoesNotThrow(() -> Ports.requireFree(Map.of(free, "node0 HTTP")));
    }
}
