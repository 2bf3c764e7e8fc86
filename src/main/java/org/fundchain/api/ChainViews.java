package org.fundchain.api;

import java.util.ArrayList;
import java.util.List;
import java.util.SortedMap;
import java.util.TreeMap;

import org.fundchain.codec.Base64Url;
import org.fundchain.codec.CodecException;
import org.fundchain.codec.Json;
import org.fundchain.crypto.HashAlgorithm;
import org.fundchain.crypto.Hex;
import org.fundchain.fund.ChainAccess;
import org.fundchain.fund.ChainAccess.Access;
import org.fundchain.ledger.BlockHeader;
import org.fundchain.ledger.CertifiedBlock;
import org.fundchain.ledger.CommitCertificate;
import org.fundchain.ledger.Reply;
import org.fundchain.ledger.Transaction;
import org.fundchain.ledger.jpa.TransactionRecord;

/**
 * JSON views of blocks, transactions and receipts for the public API (ARCHITECTURE §5). Each view comes in two
 * forms, chosen by {@link ChainAccess} (written into the view as {@code "access"}): {@link Access#PUBLIC} — headers, hashes, certificates, status — and
 * {@link Access#FULL}, which adds the business data (the encoded block with its payloads; a transaction's call,
 * outcome and node-signed receipt, which carries the result).
 */
public final class ChainViews {
    private ChainViews() {
    }

    public static SortedMap<String, Object> block(CertifiedBlock cb, HashAlgorithm hash, List<String> memberIds, Access access) {
        BlockHeader h = cb.block().header();
        SortedMap<String, Object> m = new TreeMap<>();
        m.put("chain", h.chainId());
        m.put("height", h.height());
        m.put("hash", Hex.encode(cb.block().hash(hash)));
        m.put("prevHash", Hex.encode(h.prevHash()));
        m.put("txRoot", Hex.encode(h.txRoot()));
        m.put("stateRoot", Hex.encode(h.stateRoot()));
        m.put("timestamp", h.timestamp());
        m.put("proposer", h.proposer());
        m.put("proposerNode", memberIds.get(h.proposer()));
        m.put("view", h.view());
        List<Object> failed = new ArrayList<>();
        for (int f : h.failedPrimaries()) {
            failed.add(memberIds.get(f));
        }
        m.put("failedPrimaries", failed);
        List<Object> txs = new ArrayList<>();
        for (Transaction t : cb.block().transactions()) {
            txs.add(t.hashHex());
        }
        m.put("transactions", txs);
        CommitCertificate c = cb.certificate();
        SortedMap<String, Object> cert = new TreeMap<>();
        cert.put("view", c.view());
        cert.put("height", c.height());
        cert.put("blockHash", Hex.encode(c.blockHash()));
        List<Object> sigs = new ArrayList<>();
        for (CommitCertificate.Vote v : c.votes()) {
            SortedMap<String, Object> s = new TreeMap<>();
            s.put("replica", v.member());
            s.put("node", memberIds.get(v.member()));
            s.put("signature", Base64Url.encode(v.signature()));
            sigs.add(s);
        }
        cert.put("signatures", sigs);
        m.put("certificate", cert);
        m.put("access", access.name());
        if (access == Access.FULL) {
            m.put("encoded", Base64Url.encode(cb.encode()));
        }
        return m;
    }

    /** A stored transaction; {@code reply} (this node's signed receipt) may be null. */
    public static SortedMap<String, Object> committed(TransactionRecord t, Reply reply, String nodeId, Access access) {
        SortedMap<String, Object> m = new TreeMap<>();
        m.put("txHash", t.txHash());
        m.put("chain", t.chainId());
        m.put("status", t.status());
        m.put("height", t.height());
        m.put("position", t.position());
        m.put("access", access.name());
        if (access != Access.FULL) {
            return m; // the call, its outcome and the receipt (which signs the result) are business data
        }
        m.put("contract", t.contract());
        m.put("method", t.method());
        try {
            m.put("outcome", t.result() == null ? null : Json.parse(t.result()));
        } catch (CodecException e) {
            m.put("outcome", t.result());
        }
        if (reply != null) {
            m.put("receipt", receipt(reply, nodeId));
        }
        return m;
    }

    public static SortedMap<String, Object> receipt(Reply r, String nodeId) {
        SortedMap<String, Object> m = new TreeMap<>();
        m.put("node", nodeId);
        m.put("replica", r.replica());
        m.put("view", r.view());
        m.put("height", r.height());
        m.put("txHash", Hex.encode(r.txHash()));
        m.put("clientTimestamp", r.clientTimestamp());
        m.put("result", Base64Url.encode(r.result()));
        m.put("signature", Base64Url.encode(r.signature()));
        m.put("encoded", Base64Url.encode(r.encode()));
        return m;
    }

    public static SortedMap<String, Object> error(String message) {
        SortedMap<String, Object> m = new TreeMap<>();
        m.put("error", message);
        return m;
    }
}
