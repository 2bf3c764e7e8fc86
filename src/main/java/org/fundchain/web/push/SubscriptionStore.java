package org.fundchain.web.push;

import jakarta.ejb.Stateless;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;

/** Reads and saves users' push subscriptions. */
@Stateless
public class SubscriptionStore {
    @PersistenceContext(unitName = "fundchain")
    private EntityManager em;

    /** The user's subscription, or the defaults (all on) if they never changed it; detached. */
    public PushSubscription find(String username) {
        PushSubscription s = em.find(PushSubscription.class, username);
        if (s == null) {
            return PushSubscription.defaults(username);
        }
        em.detach(s);
        return s;
    }

    public void save(String username, boolean alerts, boolean drafts, boolean projects) {
        PushSubscription s = em.find(PushSubscription.class, username);
        if (s == null) {
            s = new PushSubscription(username);
            em.persist(s);
        }
        s.setAlerts(alerts);
        s.setDrafts(drafts);
        s.setProjects(projects);
    }
}
