package org.fundchain.web.customer;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/**
 * A problem a portal user reported ("report a problem"). Kept node-local (JPA), not on chain: no contract method
 * records free-text feedback, and it is support correspondence rather than a fund fact all members must agree on.
 */
@Entity
@Table(name = "PORTAL_PROBLEM_REPORT")
public class ProblemReport {
    public static final int MAX_SUBJECT = 120;
    public static final int MAX_TEXT = 4000;

    @Id
    @GeneratedValue(strategy = GenerationType.TABLE)
    private Long id;
    @Column(nullable = false, length = 64)
    private String username;
    @Column(length = 100)
    private String organisation;
    @Column(nullable = false, length = 32)
    private String category;
    @Column(nullable = false, length = MAX_SUBJECT)
    private String subject;
    @Column(nullable = false, length = MAX_TEXT)
    private String text;
    private long createdAt;
    @Column(nullable = false, length = 16)
    private String status = "OPEN";
    @Column(length = MAX_TEXT)
    private String response;
    @Column(length = 64)
    private String respondedBy;

    protected ProblemReport() {
    }

    public ProblemReport(String username, String organisation, String category, String subject, String text,
            long createdAt) {
        this.username = username;
        this.organisation = organisation;
        this.category = category;
        this.subject = subject;
        this.text = text;
        this.createdAt = createdAt;
    }

    void resolve(String by, String answer) {
        status = "RESOLVED";
        respondedBy = by;
        response = answer;
    }

    public Long getId() {
        return id;
    }

    public String getUsername() {
        return username;
    }

    public String getOrganisation() {
        return organisation;
    }

    public String getCategory() {
        return category;
    }

    public String getSubject() {
        return subject;
    }

    public String getText() {
        return text;
    }

    public long getCreatedAt() {
        return createdAt;
    }

    public String getStatus() {
        return status;
    }

    public String getResponse() {
        return response;
    }

    public String getRespondedBy() {
        return respondedBy;
    }
}
