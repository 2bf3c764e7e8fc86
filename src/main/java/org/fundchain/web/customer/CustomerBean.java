package org.fundchain.web.customer;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.RequestScoped;
import jakarta.faces.context.FacesContext;
import jakarta.inject.Inject;
import jakarta.inject.Named;

import org.fundchain.fund.AlertView;
import org.fundchain.fund.FundQueries;
import org.fundchain.security.CurrentUser;
import org.fundchain.security.RegistryIdentities;
import org.fundchain.web.i18n.Messages;
import org.fundchain.web.push.PushHub;
import org.fundchain.web.push.PushSubscription;
import org.fundchain.web.push.SubscriptionStore;

/** Customer centre: push subscriptions, early warnings relevant to me, and "report a problem". */
@Named
@RequestScoped
public class CustomerBean {
    static final int WARNINGS_SHOWN = 200;

    @Inject
    CurrentUser user;

    @Inject
    SubscriptionStore subscriptions;

    @Inject
    PushHub hub;

    @Inject
    FundQueries queries;

    @Inject
    ProblemReports reports;

    @Inject
    Messages messages;

    private boolean alerts;
    private boolean drafts;
    private boolean projects;

    private String category = "OTHER";
    private String subject;
    private String text;
    private List<AlertView> warnings;

    @PostConstruct
    void load() {
        PushSubscription s = subscriptions.find(user.getUsername());
        alerts = s.isAlerts();
        drafts = s.isDrafts();
        projects = s.isProjects();
    }

    public String saveSubscriptions() {
        subscriptions.save(user.getUsername(), alerts, drafts, projects);
        hub.subscriptionChanged(user.getUsername());
        FacesContext.getCurrentInstance().addMessage(null, messages.info("customer.saved"));
        return null;
    }

    /** Anomaly alerts this user may see, newest first. */
    public List<AlertView> getWarnings() {
        if (warnings == null) {
            List<AlertView> all = new ArrayList<>(queries.alerts(RegistryIdentities.CHAIN, user.viewer(), 0, 1000));
            Collections.reverse(all);
            warnings = all.size() > WARNINGS_SHOWN ? all.subList(0, WARNINGS_SHOWN) : all;
        }
        return warnings;
    }

    public String report() {
        FacesContext fc = FacesContext.getCurrentInstance();
        String s = subject == null ? "" : subject.strip();
        String t = text == null ? "" : text.strip();
        if (s.isEmpty() || s.length() > ProblemReport.MAX_SUBJECT) {
            fc.addMessage("report:subject", messages.error("report.subjectInvalid", ProblemReport.MAX_SUBJECT));
            return null;
        }
        if (t.isEmpty() || t.length() > ProblemReport.MAX_TEXT) {
            fc.addMessage("report:text", messages.error("report.textInvalid", ProblemReport.MAX_TEXT));
            return null;
        }
        if (!ProblemReports.CATEGORIES.contains(category)) {
            fc.addMessage("report:category", messages.error("report.categoryInvalid"));
            return null;
        }
        ProblemReport r = reports.file(user.getUsername(), user.getOrganisation(), category, s, t);
        fc.addMessage(null, messages.info("report.filed", r.getId()));
        subject = null;
        text = null;
        return null;
    }

    public List<ProblemReport> getMyReports() {
        return reports.of(user.getUsername());
    }

    public List<String> getCategories() {
        return List.of("DATA", "FUNDS", "ACCESS", "PAGE", "OTHER");
    }

    public boolean isAlerts() {
        return alerts;
    }

    public void setAlerts(boolean alerts) {
        this.alerts = alerts;
    }

    public boolean isDrafts() {
        return drafts;
    }

    public void setDrafts(boolean drafts) {
        this.drafts = drafts;
    }

    public boolean isProjects() {
        return projects;
    }

    public void setProjects(boolean projects) {
        this.projects = projects;
    }

    public String getCategory() {
        return category;
    }

    public void setCategory(String category) {
        this.category = category;
    }

    public String getSubject() {
        return subject;
    }

    public void setSubject(String subject) {
        this.subject = subject;
    }

    public String getText() {
        return text;
    }

    public void setText(String text) {
        this.text = text;
    }
}
