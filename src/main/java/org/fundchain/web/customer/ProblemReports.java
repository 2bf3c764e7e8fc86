package org.fundchain.web.customer;

import java.util.List;
import java.util.Set;

import jakarta.ejb.Stateless;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;

/** Stores and lists problem reports on this node. */
@Stateless
public class ProblemReports {
    public static final Set<String> CATEGORIES = Set.of("DATA", "ACCESS", "PAGE", "FUNDS", "OTHER");

    @PersistenceContext(unitName = "fundchain")
    private EntityManager em;

    public ProblemReport file(String username, String organisation, String category, String subject, String text) {
        if (!CATEGORIES.contains(category) || subject == null || subject.isBlank()
                || subject.length() > ProblemReport.MAX_SUBJECT || text == null || text.isBlank()
                || text.length() > ProblemReport.MAX_TEXT) {
            throw new IllegalArgumentException("invalid problem report");
        }
        ProblemReport r = new ProblemReport(username, organisation, category, subject.strip(), text.strip(),
                System.currentTimeMillis());
        em.persist(r);
        return r;
    }

    public List<ProblemReport> of(String username) {
        return em.createQuery("select r from ProblemReport r where r.username = :u order by r.createdAt desc",
                ProblemReport.class).setParameter("u", username).setMaxResults(100).getResultList();
    }

    public List<ProblemReport> all() {
        return em.createQuery("select r from ProblemReport r order by r.status, r.createdAt desc", ProblemReport.class)
                .setMaxResults(500).getResultList();
    }

    public boolean resolve(long id, String by, String answer) {
        ProblemReport r = em.find(ProblemReport.class, id);
        if (r == null) {
            return false;
        }
        r.resolve(by, answer == null ? "" : answer.strip());
        return true;
    }
}
