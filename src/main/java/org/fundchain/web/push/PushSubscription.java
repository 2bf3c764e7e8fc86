package org.fundchain.web.push;

import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** Which live notifications a portal user wants (node-local; every topic is on until the user turns it off). */
@Entity
@Table(name = "PORTAL_PUSH_SUBSCRIPTION")
public class PushSubscription {
    @Id
    private String username;
    private boolean alerts = true;
    private boolean drafts = true;
    private boolean projects = true;

    protected PushSubscription() {
    }

    public PushSubscription(String username) {
        this.username = username;
    }

    public static PushSubscription defaults(String username) {
        return new PushSubscription(username);
    }

    public String getUsername() {
        return username;
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
}
