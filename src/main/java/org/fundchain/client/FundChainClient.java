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
import org.fundchain.envelope.ReadSignature;
import org.fundchain.envelope.SignedTransaction;

/**
 * A thin HTTP client for one or more nodes' public API (ARCHITECTURE §5). Answers are parsed with the
 * strict JSON parser; a non-JSON or oversized answer is an error, not a crash.
 */
public final class FundChainClient {
    private static final int MAX_ANSWER_BYTES = 64 << 20;

    private final HttpClient http;

    public FundChainClient() {
        this(ConsortiumTrust.httpClient().connectTimeout(Duration.ofSeconds(5)).version(HttpClient.Version.HTTP_1_1).build());
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

    /** Submits several signed transactions of one chain in one request ({@code POST .../transactions/batch}). */
    public CompletableFuture<Answer> submitBatchAsync(URI node, String chain, List<SignedTransaction> txs) {
        StringBuilder body = new StringBuilder(txs.size() * 700 + 32).append("{\"transactions\":[");
        for (int i = 0; i < txs.size(); i++) {
            if (i > 0) {
                body.append(',');
            }
            body.append(txs.get(i).json());
        }
        body.append("]}");
        HttpRequest req = HttpRequest.newBuilder(node.resolve("/api/v1/chains/" + chain + "/transactions/batch"))
                .timeout(Duration.ofSeconds(60))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body.toString(), StandardCharsets.UTF_8))
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

    /**
     * A transaction's public status: status (PENDING / COMMITTED / REJECTED), height and position only — its call,
     * outcome and signed receipt are business data (README "What is public"); ask with a key for those.
     */
    public CompletableFuture<Answer> statusAsync(URI node, String chain, String txHash, long waitMs) {
        return statusAsync(node, chain, txHash, waitMs, null);
    }

    /**
     * A transaction's status as a signed read by {@code reader} (null: unsigned, the public view). The node answers
     * in full — contract, method, outcome and its signed receipt — when the reader signed the transaction, sees
     * everything (ADMIN, supervising roles) or is a member node.
     */
    public CompletableFuture<Answer> statusAsync(URI node, String chain, String txHash, long waitMs,
            org.fundchain.crypto.SigningKey reader) {
        URI uri = node.resolve("/api/v1/chains/" + chain + "/transactions/" + txHash + (waitMs > 0 ? "?waitMs=" + waitMs : ""));
        return send(signed(HttpRequest.newBuilder(uri).timeout(Duration.ofMillis(waitMs + 30_000)).GET(), uri, reader).build());
    }

    public Answer status(URI node, String chain, String txHash, long waitMs) throws IOException {
        return join(statusAsync(node, chain, txHash, waitMs));
    }

    /** See {@link #statusAsync(URI, String, String, long, org.fundchain.crypto.SigningKey)}. */
    public Answer status(URI node, String chain, String txHash, long waitMs, org.fundchain.crypto.SigningKey reader)
            throws IOException {
        return join(statusAsync(node, chain, txHash, waitMs, reader));
    }

    /** {@code height} is a number or "latest". The public view: header, transaction hashes, certificate. */
    public Answer block(URI node, String chain, String height) throws IOException {
        return block(node, chain, height, null);
    }

    /** A block as a signed read: with {@code encoded} (the whole block) only for readers who see everything. */
    public Answer block(URI node, String chain, String height, org.fundchain.crypto.SigningKey reader) throws IOException {
        URI uri = node.resolve("/api/v1/chains/" + chain + "/blocks/" + height);
        return join(send(signed(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(60)).GET(), uri, reader).build()));
    }

    private static HttpRequest.Builder signed(HttpRequest.Builder b, URI uri, org.fundchain.crypto.SigningKey reader) {
        if (reader != null) {
            ReadSignature.headers(reader, "GET", uri.getRawPath(), uri.getRawQuery(), System.currentTimeMillis()).forEach(b::header);
        }
        return b;
    }

    /** Asks a node to re-verify its stored chain: a signed read by a member node or an admitted signer. */
    public Answer verify(URI node, String chain, org.fundchain.crypto.SigningKey reader) throws IOException {
        URI uri = node.resolve("/api/v1/chains/" + chain + "/verify");
        return join(send(signed(HttpRequest.newBuilder(uri).timeout(Duration.ofMinutes(10)).GET(), uri, reader).build()));
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
        return join(send(signed(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(60)).GET(), uri, key).build()));
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
