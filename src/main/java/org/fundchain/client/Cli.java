package org.fundchain.client;

import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SortedMap;

import org.fundchain.codec.Base64Url;
import org.fundchain.codec.CodecException;
import org.fundchain.codec.Json;
import org.fundchain.crypto.CryptoException;
import org.fundchain.crypto.Pem;
import org.fundchain.crypto.SignatureAlgorithm;
import org.fundchain.crypto.SigningKey;
import org.fundchain.envelope.SignedTransaction;
import org.fundchain.ledger.Reply;

/**
 * {@code liberty/fundchain <command>}: the command-line client.
 * <pre>
 *   keygen  --out FILE [--alg Ed25519|SM2]
 *   submit  --key FILE --contract C --method M [--args JSON] [--nonce N] [--all]
 *   tx      HASH [--key FILE]                 (signed read: outcome and receipt if the key may see them)
 *   block   HEIGHT|latest [--node N] [--key FILE]
 *   verify  --key FILE                          (a signed read by an admitted signer)
 *   load    --key FILE [--senders 64] [--batch 1] [--seconds 60] [--contract pressure --method add]
 * common: --genesis FILE (default target/consortium/genesis/genesis.json) --chain main
 * </pre>
 */
public final class Cli {
    private final PrintStream out;
    private final Map<String, String> opts = new LinkedHashMap<>();
    private final List<String> args = new ArrayList<>();

    private Cli(PrintStream out) {
        this.out = out;
    }

    public static void main(String[] argv) {
        int code;
        try {
            code = new Cli(System.out).run(argv);
        } catch (UsageException e) {
            System.err.println("error: " + e.getMessage());
            System.err.println(USAGE);
            code = 2;
        } catch (IOException | CryptoException | CodecException | IllegalArgumentException | IllegalStateException e) {
            System.err.println("error: " + e.getMessage());
            code = 1;
        }
        System.exit(code);
    }

    static final String USAGE = String.join("\n",
            "usage: fundchain <command> [options]",
            "  keygen --out FILE [--alg Ed25519|SM2]          new private key (PKCS#8 PEM); prints the public key",
            "  submit --key FILE --contract C --method M [--args JSON] [--nonce N] [--all]",
            "                                                 sign, send to f+1 (or all) nodes, wait for f+1 matching signed receipts",
            "  tx HASH [--key FILE]                           status of a transaction on every node (with --key: a signed",
            "                                                 read, outcome and receipt for its signer or an all-seeing role)",
            "  block HEIGHT|latest [--node I] [--key FILE]    show a block (header, hashes, certificate)",
            "  verify --key FILE                              verify the chain on every node and compare head hashes",
            "  load --key FILE [--senders 64] [--batch 1] [--seconds 60] [--contract pressure] [--method add]",
            "                                                 load generator: TPS by SPEC §4 and latency percentiles",
            "common options: --genesis FILE (default target/consortium/genesis/genesis.json), --chain ID (default main)");

    static final class UsageException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        UsageException(String m) {
            super(m);
        }
    }

    int run(String[] argv) throws IOException {
        if (argv.length == 0) {
            throw new UsageException("no command");
        }
        for (int i = 1; i < argv.length; i++) {
            if (argv[i].startsWith("--")) {
                String k = argv[i].substring(2);
                if (k.equals("all")) {
                    opts.put(k, "true");
                } else if (i + 1 < argv.length) {
                    opts.put(k, argv[++i]);
                } else {
                    throw new UsageException("option --" + k + " needs a value");
                }
            } else {
                args.add(argv[i]);
            }
        }
        switch (argv[0]) {
            case "keygen":
                return keygen();
            case "submit":
                return submit();
            case "tx":
                return tx();
            case "block":
                return block();
            case "verify":
                return verify();
            case "load":
                return LoadGenerator.run(consortium(), chain(), key(), intOpt("senders", 64), intOpt("batch", 1), intOpt("seconds", 60),
                        opts.getOrDefault("contract", "pressure"), opts.getOrDefault("method", "add"), out);
            default:
                throw new UsageException("unknown command '" + argv[0] + "'");
        }
    }

    private String chain() {
        return opts.getOrDefault("chain", "main");
    }

    private int intOpt(String k, int dflt) {
        String v = opts.get(k);
        if (v == null) {
            return dflt;
        }
        try {
            int n = Integer.parseInt(v);
            if (n < 1) {
                throw new NumberFormatException();
            }
            return n;
        } catch (NumberFormatException e) {
            throw new UsageException("--" + k + " must be a positive whole number");
        }
    }

    private Consortium consortium() throws IOException {
        Path g = Path.of(opts.getOrDefault("genesis", "target/consortium/genesis/genesis.json"));
        if (!Files.isReadable(g)) {
            throw new IOException("cannot read genesis " + g + " (start the consortium with liberty/consortium up, or pass --genesis)");
        }
        return Consortium.fromGenesis(g, chain());
    }

    private SigningKey key() throws IOException {
        String k = opts.get("key");
        if (k == null) {
            throw new UsageException("--key FILE is required");
        }
        return Pem.readPrivateKey(Files.readString(Path.of(k), StandardCharsets.US_ASCII), new SecureRandom());
    }

    private int keygen() throws IOException {
        String file = opts.get("out");
        if (file == null) {
            throw new UsageException("--out FILE is required");
        }
        Path p = Path.of(file);
        if (Files.exists(p)) {
            throw new IOException(p + " exists; refusing to overwrite a private key");
        }
        SigningKey k = SigningKey.generate(SignatureAlgorithm.fromJsonName(opts.getOrDefault("alg", "Ed25519")), new SecureRandom());
        Files.writeString(p, Pem.privateKey(k), StandardCharsets.US_ASCII);
        try {
            Files.setPosixFilePermissions(p, PosixFilePermissions.fromString("rw-------"));
        } catch (UnsupportedOperationException ignored) {
            // not a POSIX file system
        }
        out.println("private key: " + p);
        out.println("public key (base64url raw, the API's \"signer\"): " + Base64Url.encode(k.publicKey().raw()));
        out.println("signer id (for registry.admit): " + k.algorithm().jsonName().toLowerCase(Locale.ROOT) + ":" + k.publicKey().hex());
        return 0;
    }

    private int submit() throws IOException {
        Consortium c = consortium();
        SigningKey key = key();
        String contract = required("contract");
        String method = required("method");
        Object a = Json.parse(opts.getOrDefault("args", "{}"));
        if (!(a instanceof SortedMap)) {
            throw new UsageException("--args must be a JSON object");
        }
        @SuppressWarnings("unchecked")
        Map<String, Object> argsMap = (Map<String, Object>) a;
        String nonce = opts.getOrDefault("nonce", Long.toString(System.currentTimeMillis()) + "-" + new SecureRandom().nextInt(1_000_000));
        SignedTransaction tx = SignedTransaction.sign(key, c.suite(), chain(), contract, method, argsMap, nonce, System.currentTimeMillis());
        List<URI> targets = opts.containsKey("all") ? c.nodes() : c.nodes().subList(0, c.f() + 1);
        FundChainClient client = new FundChainClient();
        List<FundChainClient.Answer> answers = client.submit(targets, tx);
        int accepted = 0;
        for (int i = 0; i < targets.size(); i++) {
            FundChainClient.Answer an = answers.get(i);
            out.println("  " + targets.get(i) + " -> " + an.status() + (an.ok() ? "" : " " + an.error()));
            if (an.ok()) {
                accepted++;
            }
        }
        out.println("txHash " + tx.txHash());
        if (accepted == 0) {
            return 1;
        }
        ReceiptQuorum.Result r = ReceiptQuorum.await(client, c, chain(), tx.txHash(), 60_000, key);
        out.println(r.describe());
        return r.agreed() ? 0 : 1;
    }

    private String required(String k) {
        String v = opts.get(k);
        if (v == null) {
            throw new UsageException("--" + k + " is required");
        }
        return v;
    }

    private int tx() throws IOException {
        if (args.isEmpty()) {
            throw new UsageException("tx needs a transaction hash");
        }
        Consortium c = consortium();
        FundChainClient client = new FundChainClient();
        SigningKey reader = opts.containsKey("key") ? key() : null; // signed: outcome and receipt if the key may see them
        for (int i = 0; i < c.nodes().size(); i++) {
            FundChainClient.Answer a = client.status(c.nodes().get(i), chain(), args.get(0), 0, reader);
            out.println(c.nodeIds().get(i) + ": " + (a.ok() ? Json.write(a.body()) : a.status() + " " + a.error()));
        }
        return 0;
    }

    private int block() throws IOException {
        if (args.isEmpty()) {
            throw new UsageException("block needs a height or 'latest'");
        }
        Consortium c = consortium();
        int node = opts.containsKey("node") ? Integer.parseInt(opts.get("node")) : 0;
        FundChainClient.Answer a = new FundChainClient().block(c.nodes().get(node), chain(), args.get(0),
                opts.containsKey("key") ? key() : null);
        if (!a.ok()) {
            throw new IOException(a.status() + " " + a.error());
        }
        SortedMap<String, Object> b = a.body();
        b.remove("encoded");
        out.println(Json.write(b));
        return 0;
    }

    private int verify() throws IOException {
        Consortium c = consortium();
        FundChainClient client = new FundChainClient();
        SigningKey reader = key(); // verify re-checks a whole chain: nodes serve it to admitted signers only
        String head = null;
        boolean allValid = true;
        boolean same = true;
        for (int i = 0; i < c.nodes().size(); i++) {
            FundChainClient.Answer a;
            try {
                a = client.verify(c.nodes().get(i), chain(), reader);
            } catch (IOException e) {
                out.println(c.nodeIds().get(i) + ": unreachable (" + e.getMessage() + ")");
                allValid = false;
                continue;
            }
            boolean valid = Boolean.TRUE.equals(a.body().get("valid"));
            String h = a.string("headHash");
            out.printf(Locale.ROOT, "%s: valid=%s height=%s head=%s%s%n", c.nodeIds().get(i), valid, a.string("height"), h,
                    a.body().containsKey("error") ? " error=" + a.string("error") : "");
            allValid &= valid;
            if (head == null) {
                head = a.string("height") + "/" + h;
            } else if (!head.equals(a.string("height") + "/" + h)) {
                same = false;
            }
        }
        out.println(allValid && same ? "all nodes verify and agree on the head" : allValid
                ? "all nodes verify; heads differ (nodes may still be catching up)" : "VERIFICATION FAILED");
        return allValid ? 0 : 1;
    }

    /** Exposed for receipts in other commands and tests. */
    static Reply decodeReply(SortedMap<String, Object> receipt) {
        Object enc = receipt.get("encoded");
        if (!(enc instanceof String)) {
            throw new CodecException("receipt has no encoded reply");
        }
        return Reply.decode(Base64Url.decode((String) enc, "receipt.encoded"));
    }
}
