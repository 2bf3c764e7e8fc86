package org.fundchain.client;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SortedMap;

import org.fundchain.codec.CodecException;
import org.fundchain.crypto.Hex;
import org.fundchain.ledger.MemberKeys;
import org.fundchain.ledger.Reply;

/**
 * Byzantine assurance for a client (SPEC §2): a result is accepted once f+1 different nodes return
 * receipts with valid signatures (by the member key of the replica they name) that agree on height,
 * transaction and result bytes. One lying node cannot produce f+1.
 */
public final class ReceiptQuorum {
    public record Result(boolean agreed, int matching, int needed, String status, long height, String outcome, List<String> problems) {
        public String describe() {
            StringBuilder sb = new StringBuilder();
            sb.append(agreed ? "CONFIRMED by " : "NOT confirmed: ").append(matching).append(" of ").append(needed)
                    .append(" required matching signed receipts");
            if (agreed) {
                sb.append("; status ").append(status).append(" at height ").append(height).append("; outcome ").append(outcome);
            }
            for (String p : problems) {
                sb.append("\n  ").append(p);
            }
            return sb.toString();
        }
    }

    private ReceiptQuorum() {
    }

    /**
     * Receipts carry the result, so they are served only to signed reads (README "What is public"): {@code reader}
     * signs the status reads — the key that signed the transaction, or one that sees everything.
     */
    public static Result await(FundChainClient client, Consortium c, String chain, String txHash, long waitMs,
            org.fundchain.crypto.SigningKey reader) throws IOException {
        MemberKeys keys = c.memberKeys();
        int needed = c.f() + 1;
        List<Reply> good = new ArrayList<>();
        List<String> status = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        for (int i = 0; i < c.nodes().size(); i++) {
            FundChainClient.Answer a;
            try {
                a = client.status(c.nodes().get(i), chain, txHash, waitMs, reader);
            } catch (IOException e) {
                problems.add(c.nodeIds().get(i) + ": " + e.getMessage());
                continue;
            }
            if (!a.ok()) {
                problems.add(c.nodeIds().get(i) + ": " + a.status() + " " + a.error());
                continue;
            }
            Object r = a.body().get("receipt");
            if (!(r instanceof SortedMap)) {
                problems.add(c.nodeIds().get(i) + ": " + a.string("status") + " without a receipt"
                        + ("PUBLIC".equals(a.string("access")) ? " (public view: the reader may not see this transaction)" : ""));
                continue;
            }
            try {
                @SuppressWarnings("unchecked")
                Reply reply = Cli.decodeReply((SortedMap<String, Object>) r);
                if (reply.replica() != i) {
                    problems.add(c.nodeIds().get(i) + ": receipt claims replica " + reply.replica());
                } else if (!Hex.encode(reply.txHash()).equals(txHash)) {
                    problems.add(c.nodeIds().get(i) + ": receipt is for another transaction");
                } else if (!reply.verify(keys)) {
                    problems.add(c.nodeIds().get(i) + ": receipt signature does not verify");
                } else {
                    good.add(reply);
                    status.add(a.string("status"));
                }
            } catch (CodecException e) {
                problems.add(c.nodeIds().get(i) + ": malformed receipt: " + e.getMessage());
            }
        }
        for (int i = 0; i < good.size(); i++) {
            int same = 0;
            for (Reply other : good) {
                if (other.height() == good.get(i).height() && Arrays.equals(other.result(), good.get(i).result())) {
                    same++;
                }
            }
            if (same >= needed) {
                return new Result(true, same, needed, status.get(i), good.get(i).height(),
                        new String(good.get(i).result(), java.nio.charset.StandardCharsets.UTF_8), problems);
            }
        }
        return new Result(false, good.size(), needed, null, -1, null, problems);
    }
}
