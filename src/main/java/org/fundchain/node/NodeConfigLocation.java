package org.fundchain.node;

import java.nio.file.Path;

import javax.naming.InitialContext;
import javax.naming.NamingException;

/**
 * Where this node's {@code node.properties} is: server.xml publishes the bootstrap property
 * {@code fundchain.node.config} as the JNDI entry {@code fundchain/nodeConfig}; a system property of the
 * same name overrides it (handy outside Liberty).
 */
final class NodeConfigLocation {
    static final String JNDI_NAME = "fundchain/nodeConfig";
    static final String PROPERTY = "fundchain.node.config";

    private NodeConfigLocation() {
    }

    static Path find() {
        String sys = System.getProperty(PROPERTY);
        if (sys != null && !sys.isBlank()) {
            return Path.of(sys);
        }
        try {
            Object v = new InitialContext().lookup(JNDI_NAME);
            if (v instanceof String && !((String) v).isBlank()) {
                return Path.of((String) v);
            }
        } catch (NamingException e) {
            throw new NodeStartupException("no node configuration: JNDI entry " + JNDI_NAME
                    + " is missing (set bootstrap property " + PROPERTY + ")", e);
        }
        throw new NodeStartupException("JNDI entry " + JNDI_NAME + " is empty");
    }
}
