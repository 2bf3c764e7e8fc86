package org.fundchain.node;

import java.util.logging.Level;
import java.util.logging.Logger;

import jakarta.annotation.PostConstruct;
import jakarta.ejb.EJB;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManagerFactory;
import jakarta.persistence.PersistenceUnit;

import org.fundchain.ledger.jpa.GenesisStamp;
import org.fundchain.ledger.jpa.GenesisStampStore;

/**
 * Runs when the application starts: verify genesis and key, check the database belongs to this genesis,
 * then mark the node READY and fire {@link NodeReady}. Any failure marks it FAILED with the reason and logs it; the application still
 * deploys so that health endpoints can say why, but {@link NodeGate} serves nothing else.
 */
@Singleton
@Startup
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class NodeStartup {
    private static final Logger LOG = Logger.getLogger(NodeStartup.class.getName());

    @Inject
    NodeState state;

    @EJB
    GenesisStampStore stamps;

    @Inject
    NodeRuntime runtime;

    @Inject
    Event<NodeReady> readyEvent;

    @PersistenceUnit(unitName = GenesisStampStore.UNIT)
    EntityManagerFactory emf;

    @PostConstruct
    void start() {
        try {
            NodeConfig config = NodeConfig.read(NodeConfigLocation.find());
            NodeIdentity id = NodeIdentity.load(config);
            createSchema();
            GenesisStamp stamp = stamps.claim(id.genesisHash(), id.nodeId());
            String mismatch = stamp.mismatch(id.genesisHash(), id.nodeId());
            if (mismatch != null) {
                throw new NodeStartupException(mismatch);
            }
            runtime.start(id);
            state.ready(id);
            readyEvent.fire(new NodeReady(id));
            LOG.info(() -> "FundChain node " + id.nodeId() + " (" + id.organisation() + ") ready; genesis "
                    + id.genesisHash() + ", " + id.genesis().members().size() + " members");
        } catch (NodeStartupException e) {
            fail(e.getMessage(), null);
        } catch (RuntimeException e) {
            fail("unexpected error during start-up: " + e, e);
        }
    }

    /**
     * EclipseLink creates or extends the schema when the unit is first used, probing each table with a query that
     * fails while the table is missing. Inside a JTA transaction that first failure aborts the whole transaction on
     * PostgreSQL (every later statement is refused), so the unit is deployed here, outside any transaction (this
     * bean is NOT_SUPPORTED): each DDL statement and probe then commits or fails on its own, on Derby as on PostgreSQL.
     */
    private void createSchema() {
        emf.createEntityManager().close();
    }

    private void fail(String reason, Throwable t) {
        state.failed(reason);
        LOG.log(Level.SEVERE, "FundChain node REFUSES to start: " + reason, t);
    }
}
