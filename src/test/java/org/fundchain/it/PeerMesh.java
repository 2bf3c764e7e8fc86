package org.fundchain.it;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.fundchain.client.FundChainClient;

/** Waits for the full mesh of authenticated peer links; on time-out the failure says which links are down and why. */
public final class PeerMesh {
    private PeerMesh() {
    }

    /** Returns once every node reports every peer connected both ways; fails with each node's link states after {@code timeout}. */
    public static void awaitConnected(List<URI> nodes, Duration timeout) {
        FundChainClient client = new FundChainClient();
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            StringBuilder down = new StringBuilder();
            for (URI n : nodes) {
                try {
                    for (Object o : (List<?>) client.node(n).body().get("peers")) {
                        Map<?, ?> p = (Map<?, ?>) o;
                        if (!Boolean.TRUE.equals(p.get("connected"))) {
                            down.append("\n  ").append(n).append(" -> ").append(p.get("nodeId"))
                                    .append(": outbound=").append(p.get("outbound"))
                                    .append(" inbound=").append(p.get("inbound"))
                                    .append(" lastError=").append(p.get("lastError"));
                        }
                    }
                } catch (IOException | RuntimeException e) {
                    down.append("\n  ").append(n).append(": node status unavailable: ").append(e);
                }
            }
            if (down.isEmpty()) {
                return;
            }
            if (System.nanoTime() >= deadline) {
                fail("peers did not all connect within " + timeout.toSeconds() + " s:" + down);
            }
            try {
                Thread.sleep(500);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
    }
}
