package org.fundchain.launcher;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

import org.fundchain.client.ConsortiumTrust;

/**
 * HTTPS GETs against a node's portal port: readiness, liveness and the node endpoint. The node's certificate is
 * trusted through its consortium's TLS CA ({@link ConsortiumTrust}: the launcher registers it when it loads the material).
 */
public final class HealthProbe {
    private final HttpClient http = ConsortiumTrust.httpClient().connectTimeout(Duration.ofSeconds(2)).build();

    public record Answer(int status, String body) {
        public boolean ok() {
            return status == 200;
        }
    }

    /** Status -1 when nothing answers (not listening yet, connection refused, TLS refused). */
    public Answer get(int httpsPort, String path) {
        HttpRequest req = HttpRequest.newBuilder(URI.create("https://localhost:" + httpsPort + path))
                .timeout(Duration.ofSeconds(5)).GET().build();
        try {
            HttpResponse<String> r = http.send(req, HttpResponse.BodyHandlers.ofString());
            return new Answer(r.statusCode(), r.body());
        } catch (IOException e) {
            return new Answer(-1, e.toString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Answer(-1, "interrupted");
        }
    }
}
