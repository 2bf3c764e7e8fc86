package org.fundchain.web.biz;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;

import org.fundchain.crypto.Hex;
import org.fundchain.ledger.Block;
import org.fundchain.ledger.CertifiedBlock;
import org.fundchain.ledger.Transaction;
import org.fundchain.ledger.jpa.BlockRecord;
import org.fundchain.ledger.jpa.LedgerService;
import org.fundchain.ledger.jpa.TransactionRecord;
import org.fundchain.node.ChainRuntime;
import org.fundchain.node.NodeRuntime;

/**
 * The monitoring centre's audit of user actions, derived from the chain itself: every business transaction any
 * member's user signed — through any node's portal or the REST API — with who signed it, when its block was cut,
 * what it did and whether the contract accepted or refused it. Derived rather than kept in a node-local table so
 * that it covers the whole consortium and cannot be edited by one node's operator. The node's own timer sweeps
 * and the throughput-test contract are not user actions and are left out.
 */
@ApplicationScoped
public class AuditLog {
    @PersistenceContext(unitName = "fundchain")
    EntityManager em;

    @Inject
    LedgerService ledger;

    @Inject
    NodeRuntime runtime;

    /** One action: signer id as in the registry ({@code ed25519:<hex>}), target = project/draft/serial it concerns. */
    public record Entry(long time, long height, String txHash, String signer, String contract, String method,
            String target, String status, String outcome) {
    }

    private static final String WHERE = " WHERE t.chainId = :chain AND t.contract <> 'pressure'"
            + " AND NOT (t.contract = 'reconciliation' AND t.method = 'sweep')";

    public long count(String chain) {
        return em.createQuery("SELECT COUNT(t) FROM TransactionRecord t" + WHERE, Long.class)
                .setParameter("chain", chain).getSingleResult();
    }

    /** Newest first. */
    public List<Entry> page(String chain, int first, int size) {
        List<TransactionRecord> txs = em.createQuery("SELECT t FROM TransactionRecord t" + WHERE
                        + " ORDER BY t.height DESC, t.position DESC", TransactionRecord.class)
                .setParameter("chain", chain).setFirstResult(Math.max(0, first)).setMaxResults(Math.min(200, size))
                .getResultList();
        Optional<ChainRuntime> c = runtime.chain(chain);
        if (c.isEmpty()) {
            return List.of();
        }
        Map<Long, Block> blocks = new HashMap<>();
        List<Entry> out = new ArrayList<>();
        for (TransactionRecord r : txs) {
            Block b = blocks.computeIfAbsent(r.height(), h -> ledger.block(chain, h)
                    .map(BlockRecord::encoded)
                    .map(bytes -> CertifiedBlock.decode(bytes, c.get().setup().suite().hash()).block())
                    .orElse(null));
            if (b == null || r.position() >= b.transactions().size()) {
                continue;
            }
            Transaction t = b.transactions().get(r.position());
            out.add(new Entry(b.header().timestamp(), r.height(), r.txHash(),
                    t.algorithm().jsonName().toLowerCase(java.util.Locale.ROOT) + ":" + Hex.encode(t.signer()),
                    r.contract(), r.method(), target(t.args()), r.status(), r.result() == null ? "" : r.result()));
        }
        return out;
    }

    /** What the action is about, from its arguments: the project, draft or serial number it names. */
    static String target(Object args) {
        if (!(args instanceof Map<?, ?> m)) {
            return "";
        }
        for (String k : List.of("serialNumber", "projectId", "draftId", "signer", "id", "name")) {
            Object v = m.get(k);
            if (v != null) {
                String s = v.toString();
                return s.length() > 80 ? s.substring(0, 80) + "…" : s;
            }
        }
        return "";
    }
}
