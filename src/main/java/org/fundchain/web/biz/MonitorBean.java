package org.fundchain.web.biz;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;

import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;

import org.fundchain.fund.AlertView;
import org.fundchain.fund.FundQueries;
import org.fundchain.fund.Viewer;
import org.primefaces.model.FilterMeta;
import org.primefaces.model.LazyDataModel;
import org.primefaces.model.SortMeta;

/**
 * /monitor/alerts.xhtml (LEADING_GROUP_OFFICE, ADMIN): anomaly alerts, newest first, refreshed live when the push
 * client reports new ones; and the audit of user actions derived from the chain ({@link AuditLog}).
 */
@Named
@ViewScoped
public class MonitorBean implements Serializable {
    private static final long serialVersionUID = 1L;
    static final int MAX_ALERTS = 1000;

    @Inject
    FundQueries queries;

    @Inject
    BizActions actions;

    @Inject
    AuditLog auditLog;

    private final LazyDataModel<AuditLog.Entry> audit = new LazyDataModel<>() {
        private static final long serialVersionUID = 1L;

        @Override
        public int count(Map<String, FilterMeta> filterBy) {
            return (int) Math.min(Integer.MAX_VALUE, auditLog.count(BizActions.CHAIN));
        }

        @Override
        public List<AuditLog.Entry> load(int first, int pageSize, Map<String, SortMeta> sortBy,
                Map<String, FilterMeta> filterBy) {
            return auditLog.page(BizActions.CHAIN, first, pageSize);
        }

        @Override
        public String getRowKey(AuditLog.Entry e) {
            return e.txHash();
        }
    };

    /** Alerts the user may see, newest first (read on every render so a refresh shows new ones). */
    public List<AlertView> getAlerts() {
        Viewer v = actions.viewer().orElse(null);
        if (v == null) {
            return List.of();
        }
        List<AlertView> out = new ArrayList<>(queries.alerts(BizActions.CHAIN, v, 1, MAX_ALERTS));
        Collections.reverse(out);
        return out;
    }

    public int getAlertCount() {
        return getAlerts().size();
    }

    public LazyDataModel<AuditLog.Entry> getAudit() {
        return audit;
    }

    public String signerName(String signerId) {
        return actions.signerName(signerId);
    }

    public String signerOrg(String signerId) {
        return actions.signerOrg(signerId);
    }

    /** "申报项目" for project.apply; contract.method when the bundle has no words for it. */
    public String actionLabel(AuditLog.Entry e) {
        String key = "action." + e.contract() + "." + e.method();
        String t = actions.text(key);
        return t.equals(key) ? e.contract() + "." + e.method() : t;
    }

    /** A refused action's reason, as the contract gave it. */
    public String refusal(AuditLog.Entry e) {
        String r = e.outcome();
        return r.length() > 200 ? r.substring(0, 200) + "…" : r;
    }
}
