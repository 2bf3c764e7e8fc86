package org.fundchain.ledger.jpa;

import jakarta.ejb.Stateless;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;

/** Reads or, on a fresh database, writes the {@link GenesisStamp}. */
@Stateless
public class GenesisStampStore {
    /** The node's persistence unit (JTA DataSource jdbc/fundchain). */
    public static final String UNIT = "fundchain";

    @PersistenceContext(unitName = UNIT)
    private EntityManager em;

    /** The stamp in the database, creating it for {@code genesisHash}/{@code nodeId} if there is none. */
    public GenesisStamp claim(String genesisHash, String nodeId) {
        GenesisStamp s = em.find(GenesisStamp.class, GenesisStamp.ROW_ID);
        if (s == null) {
            s = new GenesisStamp(genesisHash, nodeId, System.currentTimeMillis());
            em.persist(s);
            em.flush();
        }
        return s;
    }

    public GenesisStamp find() {
        return em.find(GenesisStamp.class, GenesisStamp.ROW_ID);
    }
}
