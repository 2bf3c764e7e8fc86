package org.fundchain.ledger;

import java.math.BigDecimal;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.fundchain.codec.Json;
import org.fundchain.crypto.HashAlgorithm;
import org.fundchain.crypto.PublicKey;
import org.fundchain.crypto.SignatureAlgorithm;
import org.fundchain.crypto.SigningKey;

/** Builds signed transactions and certified chains for ledger tests. */
final class LedgerTestSupport {
    static final String CHAIN = "set-1";
    static final SecureRandom RND = new SecureRandom(new byte[] {1});

    final HashAlgorithm hash = HashAlgorithm.SHA256;
    final List<SigningKey> members = new ArrayList<>();
    final SigningKey client = SigningKey.generate(SignatureAlgorithm.ED25519, RND);
    final byte[] genesis = new byte[32];

    LedgerTestSupport(int n) {
        for (int i = 0; i < n; i++) {
            members.add(SigningKey.generate(SignatureAlgorithm.ED25519, RND));
        }
    }

    MemberKeys keys() {
        List<PublicKey> ks = new ArrayList<>();
        for (SigningKey k : members) {
            ks.add(k.publicKey());
        }
        return new MemberKeys(ks);
    }

    static byte[] payload(String chain, Object nonce, long ts) {
        Map<String, Object> p = new TreeMap<>();
        p.put("chain", chain);
        p.put("contract", "draft");
        p.put("method", "create");
        p.put("args", Map.of("amount", new BigDecimal("100.25")));
        p.put("nonce", nonce);
        p.put("timestamp", BigDecimal.valueOf(ts));
        return Json.writeBytes(p);
    }

    Transaction tx(long nonce) {
        byte[] p = payload(CHAIN, BigDecimal.valueOf(nonce), 1_700_000_000_000L + nonce);
        return Transaction.of(hash, p, SignatureAlgorithm.ED25519, client.publicKey().raw(), client.sign(p));
    }

    List<CertifiedBlock> chain(int length, int txsPerBlock) {
        List<CertifiedBlock> out = new ArrayList<>();
        byte[] prev = genesis;
        long nonce = 0;
        for (int h = 1; h <= length; h++) {
            List<Transaction> txs = new ArrayList<>();
            for (int i = 0; i < txsPerBlock; i++) {
                txs.add(tx(nonce++));
            }
            BlockHeader header = new BlockHeader(CHAIN, h, prev, Merkle.rootOf(hash, txs), new byte[32], 1000L * h, h % members.size(),
                    h, List.of(), txs.size());
            Block b = new Block(header, txs);
            out.add(new CertifiedBlock(b, certify(b, h, 3)));
            prev = b.hash(hash);
        }
        return out;
    }

    CommitCertificate certify(Block b, long view, int votes) {
        List<CommitCertificate.Vote> vs = new ArrayList<>();
        for (int i = 0; i < votes; i++) {
            vs.add(new CommitCertificate.Vote(i, members.get(i).sign(
                    CommitCertificate.signingBytes(CHAIN, i, view, b.height(), b.hash(hash)))));
        }
        return new CommitCertificate(view, b.height(), b.hash(hash), vs);
    }
}
