package org.fundchain.security;

import java.util.List;
import java.util.Optional;

import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;

/** The node's portal accounts (JPA, persistence unit {@code fundchain}); demo users are imported on first use. */
@Stateless
public class AccountStore {
    @PersistenceContext(unitName = "fundchain")
    private EntityManager em;

    @Inject
    DemoAccounts demo;

    public Optional<PortalAccount> find(String username) {
        if (username == null || username.isBlank() || username.length() > 64) {
            return Optional.empty();
        }
        PortalAccount a = em.find(PortalAccount.class, username);
        if (a == null) {
            Optional<PortalAccount> d = demo.find(username);
            if (d.isPresent()) {
                em.persist(d.get());
                return d;
            }
        }
        return Optional.ofNullable(a);
    }

    public boolean exists(String username) {
        return find(username).isPresent();
    }

    public Optional<PortalAccount> bySigner(String signerId) {
        return em.createQuery("select a from PortalAccount a where a.signerId = :s", PortalAccount.class)
                .setParameter("s", signerId).getResultStream().findFirst();
    }

    public void create(PortalAccount account) {
        em.persist(account);
    }

    public void activate(String username) {
        PortalAccount a = em.find(PortalAccount.class, username);
        if (a != null) {
            a.activate();
        }
    }

    public void delete(String username) {
        PortalAccount a = em.find(PortalAccount.class, username);
        if (a != null) {
            em.remove(a);
        }
    }

    /** Accounts on this node, newest first (the admin page's local view; the registry is the authority). */
    public List<PortalAccount> all() {
        return em.createQuery("select a from PortalAccount a order by a.createdAt desc, a.username", PortalAccount.class)
                .setMaxResults(500).getResultList();
    }
}
