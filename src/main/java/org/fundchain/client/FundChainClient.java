package org.fundchain.client;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.SortedMap;
import java.util.concurrent.CompletableFuture;

import org.fundchain.codec.CodecException;
import org.fundchain.codec.Json;

/**
 * A thin HTTP client for one or more nodes' public API (ARCHITECTURE §5). Answers are parsed with the
 * strict JSON parser; a non-JSON or oversized answer is an error, not a crash.
 */
public final class FundChainClient {
    private static final int MAX_ANSWER_BYTES = 64 << 20;

    private final HttpClient http;

    public FundChainClient() {
        this(HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).version(HttpClient.Version.HTTP_1_1).build());
    }

    public FundChainClient(HttpClient http) {
        this.http = http;
    }

    /** An HTTP answer: status code and parsed JSON object (empty map when the body was empty). */
    public record Answer(int status, SortedMap<String, Object> body) {
        public boolean ok() {
            return status >= 200 && status < 300;
        }

        public String string(String key) {
            Object v = body.get(key);
            return v == null ? null : v.toString();
        }

        public String error() {
            Object e = body.get("error");
            return e == null ? "HTTP " + status : e.toString();
        }
    }

    public CompletableFuture<Answer> submitAsync(URI node, SignedTransaction tx) {
        HttpRequest req = HttpRequest.newBuilder(node.resolve("/api/v1/chains/" + tx.chain() + "/transactions"))
                .timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(tx.json(), StandardCharsets.UTF_8))
                .build();
        return send(req);
    }

    /** Submits to each of the given nodes and returns their answers in the same order. */
    public List<Answer> submit(List<URI> nodes, SignedTransaction tx) throws IOException {
        List<CompletableFuture<Answer>> fs = new ArrayList<>();
        for (URI n : nodes) {
            fs.add(submitAsync(n, tx));
        }
        List<Answer> out = new ArrayList<>();
        for (CompletableFuture<Answer> f : fs) {
            out.add(join(f));
        }
        return out;
    }

    public CompletableFuture<Answer> statusAsync(URI node, String chain, String txHash, long waitMs) {
        HttpRequest req = HttpRequest.newBuilder(
                node.resolve("/api/v1/chains/" + chain + "/transactions/" + txHash + (waitMs > 0 ? "?waitMs=" + waitMs : "")))
                .timeout(Duration.ofMillis(waitMs + 30_000))
                .GET().build();
        return send(req);
    }

    public Answer status(URI node, String chain, String txHash, long waitMs) throws IOException {
        return join(statusAsync(node, chain, txHash, waitMs));
    }

    /** {@code height} is a number or "latest". */
    public Answer block(URI node, String chain, String height) throws IOException {
        return get(node.resolve("/api/v1/chains/" + chain + "/blocks/" + height));
    }

    public Answer verify(URI node, String chain) throws IOException {
        return get(node.resolve("/api/v1/chains/" + chain + "/verify"));
    }

    public Answer node(URI node) throws IOException {
        return get(node.resolve("/api/v1/node"));
    }

    /**
     * A signed read of the Business API ({@link ReadSignature}): {@code pathAndQuery} like
     * {@code /api/v1/chains/main/fund/projects?status=APPLIED} (query already URL-encoded).
     */
    public Answer getSigned(URI node, org.fundchain.crypto.SigningKey key, String pathAndQuery) throws IOException {
        URI uri = node.resolve(pathAndQuery);
        HttpRequest.Builder b = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(60)).GET();
        ReadSignature.headers(key, "GET", uri.getRawPath(), uri.getRawQuery(), System.currentTimeMillis()).forEach(b::header);
        return join(send(b.build()));
    }

    /** Pushes a bank-signed {@code reconciliation.pushFlow} envelope; waits up to {@code waitMs} for its block. */
    public Answer pushBankFlow(URI node, SignedTransaction tx, long waitMs) throws IOException {
        HttpRequest req = HttpRequest.newBuilder(node.resolve("/api/v1/chains/" + tx.chain() + "/bank-flows?waitMs=" + waitMs))
                .timeout(Duration.ofMillis(waitMs + 30_000))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(tx.json(), StandardCharsets.UTF_8))
                .build();
        return join(send(req));
    }

    public Answer get(URI uri) throws IOException {
        return join(send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(60)).GET().build()));
    }

    private CompletableFuture<Answer> send(HttpRequest req) {
        return http.sendAsync(req, HttpResponse.BodyHandlers.ofByteArray()).thenApply(r -> {
            byte[] b = r.body();
            SortedMap<String, Object> body;
            if (b == null || b.length == 0) {
                body = new java.util.TreeMap<>();
            } else {
                try {
                    body = Json.parseObject(b, MAX_ANSWER_BYTES);
                } catch (CodecException e) {
                    body = new java.util.TreeMap<>();
                    body.put("error", "HTTP " + r.statusCode() + " with a body that is not a JSON object: " + e.getMessage());
                }
            }
            return new Answer(r.statusCode(), body);
        });
    }

    private static Answer join(CompletableFuture<Answer> f) throws IOException {
        try {
            return f.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        } catch (java.util.concurrent.ExecutionException e) {
            Throwable c = e.getCause();
            throw c instanceof IOException ? (IOException) c : new IOException(String.valueOf(c.getMessage()), c);
        }
    }
}
