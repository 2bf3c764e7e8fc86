package org.fundchain.web.biz;

import java.io.Serializable;
import java.math.BigDecimal;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;

import org.fundchain.fund.DraftView;
import org.fundchain.fund.FlowView;
import org.fundchain.fund.FundQueries;
import org.fundchain.fund.PlannedHop;
import org.fundchain.fund.Viewer;

/**
 * /bank/flows.xhtml (COMMERCIAL_BANK): the bank clerk pushes the bank's record of a transfer
 * (reconciliation.pushFlow), sees the registrations still waiting for a flow and this bank's reconciliation records.
 * Bank systems push the same through the REST bank-flow endpoint; this page is the manual desk.
 */
@Named
@ViewScoped
public class BankBean implements Serializable {
    private static final long serialVersionUID = 1L;
    /** The contract's own field rules (one definition): {@link org.fundchain.contracts.BankFlowRules}. */
    static final Pattern ACCOUNT = Pattern.compile(org.fundchain.contracts.BankFlowRules.ACCOUNT_PATTERN);
    static final int MAX_MEMO = org.fundchain.contracts.BankFlowRules.MAX_MEMO_CHARS;

    @Inject
    FundQueries queries;

    @Inject
    BizActions actions;

    /** A registered transfer still waiting for its bank flow, with the accounts the draft's hop names. */
    public record Waiting(String serialNumber, String draftId, Integer hop, BigDecimal amount, String payerAccount,
            String payeeAccount, String purpose, String status) {
    }

    private String serial;
    private String amount;
    private String payerAccount;
    private String payeeAccount;
    private LocalDateTime remitTime;
    private String memo;
    private transient List<Waiting> waiting;
    private transient List<FlowView> records;

    /** Pushes the flow as this bank; reconciliation runs at once if the payer registered the serial. */
    public String push() {
        String s = trim(serial);
        if (s == null || !DisbursementBean.SERIAL.matcher(s).matches()) {
            actions.error("bank:serial", "disb.serialInvalid");
            return null;
        }
        BigDecimal a = ApplicationForm.money(amount);
        if (a == null) {
            actions.error("bank:amount", "disb.amountInvalid");
            return null;
        }
        String payer = trim(payerAccount);
        String payee = trim(payeeAccount);
        if (payer == null || !ACCOUNT.matcher(payer).matches()) {
            actions.error("bank:payer", "bank.accountInvalid");
            return null;
        }
        if (payee == null || !ACCOUNT.matcher(payee).matches()) {
            actions.error("bank:payee", "bank.accountInvalid");
            return null;
        }
        if (remitTime == null) {
            actions.error("bank:remit", "bank.timeInvalid");
            return null;
        }
        String m = memo == null ? "" : memo.trim();
        if (m.length() > MAX_MEMO) {
            actions.error("bank:memo", "apply.tooLong", MAX_MEMO);
            return null;
        }
        Map<String, Object> args = new LinkedHashMap<>();
        args.put("serialNumber", s);
        args.put("amount", a.toPlainString());
        args.put("payerAccount", payer);
        args.put("payeeAccount", payee);
        args.put("remitTime", remitTime.atZone(BizFormat.ZONE).toInstant().toEpochMilli());
        args.put("memo", m);
        actions.submit("reconciliation", "pushFlow", args).ifPresent(r -> {
            Object status = r.resultObject().get("status");
            actions.info("bank.pushed", s, status == null ? "" : actions.text("status." + status));
            clear();
        });
        return null;
    }

    /** Copies a waiting registration into the form (the clerk checks it against the bank's own record). */
    public void fill(Waiting w) {
        serial = w.serialNumber();
        amount = w.amount() == null ? null : w.amount().toPlainString();
        payerAccount = w.payerAccount();
        payeeAccount = w.payeeAccount();
        memo = w.purpose();
        remitTime = LocalDateTime.now(BizFormat.ZONE).withSecond(0).withNano(0);
    }

    private void clear() {
        serial = null;
        amount = null;
        payerAccount = null;
        payeeAccount = null;
        remitTime = null;
        memo = null;
        waiting = null;
        records = null;
    }

    /**
     * Registrations waiting for a bank flow. Every one is listed: the registration does not name the bank (one
     * demo bank holds every account), and the bank needs to see what it is expected to execute.
     */
    public List<Waiting> getWaitingForFlow() {
        if (waiting == null) {
            waiting = new ArrayList<>();
            for (FlowView f : queries.flows(BizActions.CHAIN, Viewer.node(), "PENDING_FLOW", null)) {
                DraftView d = f.draftId() == null ? null : queries.draft(BizActions.CHAIN, f.draftId()).orElse(null);
                PlannedHop h = d == null || f.hop() == null || f.hop() >= d.planPath().size() ? null
                        : d.planPath().get(f.hop());
                waiting.add(new Waiting(f.serialNumber(), f.draftId(), f.hop(), f.registeredAmount(),
                        h == null ? "" : h.payerAccount(), h == null ? "" : h.payeeAccount(),
                        d == null ? "" : d.purpose(), f.status()));
            }
        }
        return waiting;
    }

    /** This bank's flows and the registrations they reconcile with, newest serial last. */
    public List<FlowView> getRecords() {
        if (records == null) {
            Viewer v = actions.viewer().orElse(null);
            records = v == null ? List.of() : queries.flows(BizActions.CHAIN, v, null, null);
        }
        return records;
    }

    private static String trim(String s) {
        return s == null || s.isBlank() ? null : s.trim();
    }

    public String getSerial() {
        return serial;
    }

    public void setSerial(String serial) {
        this.serial = serial;
    }

    public String getAmount() {
        return amount;
    }

    public void setAmount(String amount) {
        this.amount = amount;
    }

    public String getPayerAccount() {
        return payerAccount;
    }

    public void setPayerAccount(String payerAccount) {
        this.payerAccount = payerAccount;
    }

    public String getPayeeAccount() {
        return payeeAccount;
    }

    public void setPayeeAccount(String payeeAccount) {
        this.payeeAccount = payeeAccount;
    }

    public LocalDateTime getRemitTime() {
        return remitTime;
    }

    public void setRemitTime(LocalDateTime remitTime) {
        this.remitTime = remitTime;
    }

    public String getMemo() {
        return memo;
    }

    public void setMemo(String memo) {
        this.memo = memo;
    }
}
