package org.fundchain.consensus.sim;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

import org.fundchain.codec.Json;
import org.fundchain.consensus.KeySigner;
import org.fundchain.consensus.Signer;
import org.fundchain.consensus.TransactionCheck;
import org.fundchain.crypto.CryptoSuite;
import org.fundchain.crypto.HashAlgorithm;
import org.fundchain.crypto.Hex;
import org.fundchain.crypto.PublicKey;
import org.fundchain.crypto.SignatureAlgorithm;
import org.fundchain.crypto.SigningKey;
import org.fundchain.ledger.MemberKeys;
import org.fundchain.ledger.MemberVerifier;
import org.fundchain.ledger.Transaction;

/** Member and client keys for simulations: a cheap keyed scheme, or the real Ed25519 / SM2 path. */
final class SimCrypto {
    enum Mode { CHEAP, ED25519, SM2 }

    final Mode mode;
    final HashAlgorithm hash;
    final MemberVerifier verifier;
    final Signer[] signers;

    private SimCrypto(Mode mode, HashAlgorithm hash, MemberVerifier verifier, Signer[] signers) {
        this.mode = mode;
        this.hash = hash;
        this.verifier = verifier;
        this.signers = signers;
    }

    static SimCrypto create(Mode mode, int n, long seed) {
        if (mode == Mode.CHEAP) {
            byte[][] secrets = new byte[n][];
            Signer[] signers = new Signer[n];
            for (int i = 0; i < n; i++) {
                secrets[i] = HashAlgorithm.SHA256.digest(("member-" + seed + "-" + i).getBytes(StandardCharsets.UTF_8));
                signers[i] = new MacSigner(secrets[i]);
            }
            return new SimCrypto(mode, HashAlgorithm.SHA256, new MacVerifier(secrets), signers);
        }
        CryptoSuite suite = mode == Mode.SM2 ? CryptoSuite.SM : CryptoSuite.STANDARD;
        SecureRandom rnd = deterministicRandom("members-" + seed);
        List<PublicKey> keys = new ArrayList<>();
        Signer[] signers = new Signer[n];
        for (int i = 0; i < n; i++) {
            SigningKey k = SigningKey.generate(suite.signature(), rnd);
            keys.add(k.publicKey());
            signers[i] = new KeySigner(k);
        }
        return new SimCrypto(mode, suite.hash(), new MemberKeys(keys), signers);
    }

    static SecureRandom deterministicRandom(String seed) {
        try {
            SecureRandom r = SecureRandom.getInstance("SHA1PRNG");
            r.setSeed(seed.getBytes(StandardCharsets.UTF_8));
            return r;
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** An HMAC-like keyed hash: only the holder of member i's secret can produce member i's signatures. */
    static final class MacSigner implements Signer {
        private final byte[] secret;

        MacSigner(byte[] secret) {
            this.secret = secret;
        }

        @Override
        public byte[] sign(byte[] message) {
            return HashAlgorithm.SHA256.digest(secret, message);
        }
    }

    static final class MacVerifier implements MemberVerifier {
        private final byte[][] secrets;

        MacVerifier(byte[][] secrets) {
            this.secrets = secrets;
        }

        @Override
        public int size() {
            return secrets.length;
        }

        @Override
        public boolean verify(int member, byte[] message, byte[] signature) {
            return member >= 0 && member < secrets.length && signature != null
                    && MessageDigest.isEqual(HashAlgorithm.SHA256.digest(secrets[member], message), signature);
        }
    }

    // ------------------------------------------------------------------ clients

    static final int CLIENTS = 4;
    private static final Map<SignatureAlgorithm, SigningKey[]> CLIENT_KEYS = new ConcurrentHashMap<>();
    private static final Map<String, Boolean> VERIFIED = new ConcurrentHashMap<>();

    static SigningKey client(SignatureAlgorithm alg, int i) {
        return CLIENT_KEYS.computeIfAbsent(alg, a -> {
            SecureRandom rnd = deterministicRandom("clients-" + a);
            SigningKey[] ks = new SigningKey[CLIENTS];
            for (int k = 0; k < CLIENTS; k++) {
                ks[k] = SigningKey.generate(a, rnd);
            }
            return ks;
        })[i];
    }

    SignatureAlgorithm clientAlgorithm() {
        return mode == Mode.SM2 ? SignatureAlgorithm.SM2 : SignatureAlgorithm.ED25519;
    }

    Transaction transaction(String chainId, int client, long nonce, long timestamp) {
        SigningKey key = client(clientAlgorithm(), client);
        Map<String, Object> args = new TreeMap<>();
        args.put("amount", BigDecimal.ONE);
        Map<String, Object> payload = new TreeMap<>();
        payload.put("chain", chainId);
        payload.put("contract", "load");
        payload.put("method", "add");
        payload.put("args", args);
        payload.put("nonce", BigDecimal.valueOf(nonce));
        payload.put("timestamp", BigDecimal.valueOf(timestamp));
        byte[] bytes = Json.writeBytes(payload);
        return Transaction.of(hash, bytes, key.algorithm(), key.publicKey().raw(), key.sign(bytes));
    }

    /**
     * Real signature check with a cache, as the node would do: each distinct transaction is verified once
     * per JVM (CHEAP mode) or really on every call (real-crypto runs exercise the full path).
     */
    TransactionCheck transactionCheck() {
        return mode == Mode.CHEAP ? cachedCheck() : Transaction::verifySignature;
    }

    /** The same verdicts, each distinct transaction verified once per JVM. */
    static TransactionCheck cachedCheck() {
        return tx -> VERIFIED.computeIfAbsent(tx.hashHex() + Hex.encode(tx.signer()) + Hex.encode(tx.signature()),
                k -> tx.verifySignature());
    }
}
