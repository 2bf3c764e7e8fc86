package org.fundchain.web;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;

import org.fundchain.codec.Base64Url;
import org.fundchain.crypto.Hex;
import org.fundchain.fund.ChainAccess;
import org.fundchain.fund.FundQueries;
import org.fundchain.fund.Viewer;
import org.fundchain.ledger.Block;
import org.fundchain.ledger.CertifiedBlock;
import org.fundchain.ledger.CommitCertificate;
import org.fundchain.ledger.Transaction;
import org.fundchain.ledger.jpa.BlockRecord;
import org.fundchain.ledger.jpa.LedgerService;
import org.fundchain.ledger.jpa.TransactionRecord;
import org.fundchain.node.ChainRuntime;
import org.fundchain.node.NodeRuntime;
import org.fundchain.security.CurrentUser;

/**
 * Read-only views of the ledger for the explorer pages; one request, one query per view. Business data follows
 * {@link ChainAccess}, as on the REST API: every signed-in user sees headers, hashes, certificates and statuses;
 * a transaction's call, signer, nonce and outcome only its own signer and users whose role sees everything.
 */
@Named
@RequestScoped
public class ExplorerBean {
    private static final int LATEST = 20;

    @Inject
    NodeRuntime runtime;

    @Inject
    LedgerService ledger;

    @Inject
    FundQueries queries;

    @Inject
    CurrentUser user;

    private ChainAccess.Reader reader;

    private String chain = "main";
    private Long height;
    private String hash;
    private String search;
    private BlockView block;
    private TxView tx;

    /** A block row / detail. */
    public record BlockView(long height, String hash, String prevHash, String txRoot, String stateRoot, long timestamp,
            String proposer, long view, List<String> failedPrimaries, List<TxRow> transactions, List<VoteView> votes,
            int quorum) {
    }

    /** {@code contract} and {@code method} are empty unless the reader may see the transaction ({@code full}). */
    public record TxRow(int position, String hash, String contract, String method, String status, boolean full) {
    }

    public record VoteView(String node, String signature, boolean valid) {
    }

    /** The call, signer, nonce, client time and outcome are empty unless {@code full} (see {@link ChainAccess}). */
    public record TxView(String hash, String status, long height, int position, String contract, String method,
            String signer, String nonce, long clientTime, String outcome, boolean full) {
    }

    public List<ChainRuntime.Status> getChains() {
        List<ChainRuntime.Status> out = new ArrayList<>();
        for (ChainRuntime c : runtime.chains()) {
            if (c.status() != null) {
                out.add(c.status());
            }
        }
        return out;
    }

    public List<BlockRecord> getLatestBlocks() {
        long head = ledger.head(chain).map(h -> h.height()).orElse(0L);
        if (head == 0) {
            return List.of();
        }
        List<BlockRecord> list = new ArrayList<>(ledger.blocks(chain, Math.max(1, head - LATEST + 1), head, LATEST));
        Collections.reverse(list);
        return list;
    }

    /** Loads the block named by the view parameters; null if there is none. */
    public BlockView getBlock() {
        if (block == null && height != null) {
            Optional<ChainRuntime> c = runtime.chain(chain);
            Optional<BlockRecord> r = ledger.block(chain, height);
            if (c.isPresent() && r.isPresent()) {
                block = view(c.get(), r.get());
            }
        }
        return block;
    }

    private BlockView view(ChainRuntime c, BlockRecord r) {
        var suite = c.setup().suite();
        CertifiedBlock cb = CertifiedBlock.decode(r.encoded(), suite.hash());
        Block b = cb.block();
        List<String> ids = c.setup().memberIds();
        List<TxRow> rows = new ArrayList<>();
        List<TransactionRecord> outcomes = ledger.transactionsOf(chain, r.height());
        ChainAccess.Reader who = reader();
        for (int i = 0; i < b.transactions().size(); i++) {
            Transaction t = b.transactions().get(i);
            String status = i < outcomes.size() ? outcomes.get(i).status() : "COMMITTED";
            rows.add(row(i, t, status, ChainAccess.forTransaction(who, t)));
        }
        List<VoteView> votes = new ArrayList<>();
        CommitCertificate cert = cb.certificate();
        for (CommitCertificate.Vote v : cert.votes()) {
            byte[] msg = CommitCertificate.signingBytes(chain, v.member(), cert.view(), cert.height(), cert.blockHash());
            votes.add(new VoteView(ids.get(v.member()), Base64Url.encode(v.signature()),
                    c.setup().members().verify(v.member(), msg, v.signature())));
        }
        List<String> failed = new ArrayList<>();
        for (int f : b.header().failedPrimaries()) {
            failed.add(ids.get(f));
        }
        return new BlockView(r.height(), r.hash(), r.prevHash(), Hex.encode(b.header().txRoot()),
                Hex.encode(b.header().stateRoot()), b.header().timestamp(), ids.get(b.header().proposer()), b.header().view(),
                failed, rows, votes, c.setup().consensus().quorum());
    }

    public TxView getTx() {
        if (tx == null && hash != null && hash.matches("[0-9a-f]{64}")) {
            Optional<ChainRuntime> c = runtime.chain(chain);
            Optional<TransactionRecord> t = ledger.transaction(chain, hash);
            if (c.isPresent() && t.isPresent()) {
                TransactionRecord rec = t.get();
                Block b = CertifiedBlock.decode(ledger.block(chain, rec.height()).orElseThrow().encoded(),
                        c.get().setup().suite().hash()).block();
                Transaction x = b.transactions().get(rec.position());
                tx = txView(rec, x, ChainAccess.forTransaction(reader(), x));
            } else if (c.isPresent() && c.get().tracker().isPending(hash)) {
                tx = new TxView(hash, "PENDING", 0, 0, "", "", "", "", 0, "", false);
            }
        }
        return tx;
    }

    static TxRow row(int position, Transaction t, String status, ChainAccess.Access access) {
        boolean full = access == ChainAccess.Access.FULL;
        return new TxRow(position, t.hashHex(), full ? t.contract() : "", full ? t.method() : "", status, full);
    }

    static TxView txView(TransactionRecord rec, Transaction x, ChainAccess.Access access) {
        if (access != ChainAccess.Access.FULL) {
            return new TxView(rec.txHash(), rec.status(), rec.height(), rec.position(), "", "", "", "", 0, "", false);
        }
        return new TxView(rec.txHash(), rec.status(), rec.height(), rec.position(), rec.contract(), rec.method(),
                x.algorithm().jsonName() + ":" + Hex.encode(x.signer()), x.nonce(), x.timestamp(),
                rec.result() == null ? "" : rec.result(), true);
    }

    /** The signed-in user as a reader of this chain: its registry viewer, or a role-less signer (own transactions). */
    private ChainAccess.Reader reader() {
        if (reader == null) {
            if (user == null || !user.isSignedIn() || user.getSignerId() == null) {
                reader = ChainAccess.Reader.ANONYMOUS;
            } else {
                String id = user.getSignerId();
                reader = ChainAccess.Reader.signer(queries.viewer(chain, id)
                        .orElse(new Viewer(id, null, null, null, java.util.Set.of())));
            }
        }
        return reader;
    }

    /** Search box: a 64-hex transaction hash or a block height. */
    public String find() {
        String q = search == null ? "" : search.trim().toLowerCase(java.util.Locale.ROOT);
        if (q.matches("[0-9]{1,18}")) {
            return "/explorer/block?faces-redirect=true&chain=" + chain + "&height=" + q;
        }
        return "/explorer/tx?faces-redirect=true&chain=" + chain + "&hash=" + (q.matches("[0-9a-f]{64}") ? q : "invalid");
    }

    public boolean isHasPrevious() {
        return height != null && height > 1;
    }

    public boolean isHasNext() {
        return height != null && ledger.head(chain).map(h -> h.height() > height).orElse(false);
    }

    public String getChain() {
        return chain;
    }

    public void setChain(String chain) {
        if (chain != null && chain.matches("[A-Za-z0-9_.-]{1,64}")) {
            this.chain = chain;
        }
    }

    public Long getHeight() {
        return height;
    }

    public void setHeight(Long height) {
        this.height = height;
    }

    public String getHash() {
        return hash;
    }

    public void setHash(String hash) {
        this.hash = hash;
    }

    public String getSearch() {
        return search;
    }

    public void setSearch(String search) {
        this.search = search;
    }

    static String utf8(byte[] b) {
        return new String(b, StandardCharsets.UTF_8);
    }
}
