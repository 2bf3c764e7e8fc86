package org.fundchain.security;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.Properties;
import java.util.logging.Logger;

import javax.naming.InitialContext;
import javax.naming.NamingException;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.fundchain.contract.Signers;
import org.fundchain.genesis.DemoUser;
import org.fundchain.node.NodeIdentity;
import org.fundchain.node.NodeState;

/**
 * The genesis demo users' accounts as the launcher wrote them ({@code users/portal-accounts.properties}: password
 * hashes and password-sealed keys, never passwords). Found through {@code portal.accounts} in node.properties, or
 * next to the genesis file for material written before that property existed.
 */
@ApplicationScoped
public class DemoAccounts {
    private static final Logger LOG = Logger.getLogger(DemoAccounts.class.getName());
    static final String FILE = "portal-accounts.properties";

    @Inject
    NodeState node;

    private volatile Properties accounts;

    /** The account of demo user {@code username}, if genesis has one and the node has its sealed material. */
    public Optional<PortalAccount> find(String username) {
        Optional<NodeIdentity> id = node.identity();
        if (id.isEmpty()) {
            return Optional.empty();
        }
        Optional<DemoUser> user = id.get().genesis().users().stream().filter(u -> u.username().equals(username))
                .findFirst();
        if (user.isEmpty()) {
            return Optional.empty();
        }
        Properties p = accounts(id.get());
        String hash = p.getProperty(username + ".passwordHash");
        String sealed = p.getProperty(username + ".sealedKey");
        if (hash == null || sealed == null) {
            return Optional.empty();
        }
        DemoUser u = user.get();
        return Optional.of(new PortalAccount(username, Signers.of(u.publicKey()).id(), hash, sealed, u.displayName(),
                PortalAccount.Status.ACTIVE, id.get().genesis().createdAt()));
    }

    private Properties accounts(NodeIdentity id) {
        Properties p = accounts;
        if (p == null) {
            p = new Properties();
            Path file = location(id);
            if (file != null && Files.isReadable(file)) {
                try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
                    p.load(r);
                } catch (IOException e) {
                    LOG.warning("cannot read demo portal accounts " + file + ": " + e.getMessage());
                }
            } else {
                LOG.info("no demo portal accounts file (" + file + "): only registered users can sign in");
            }
            accounts = p;
        }
        return p;
    }

    private static Path location(NodeIdentity id) {
        try {
            Object v = new InitialContext().lookup("fundchain/nodeConfig");
            if (v instanceof String s && !s.isBlank()) {
                Properties cfg = new Properties();
                try (Reader r = Files.newBufferedReader(Path.of(s), StandardCharsets.UTF_8)) {
                    cfg.load(r);
                }
                String f = cfg.getProperty("portal.accounts");
                if (f != null && !f.isBlank()) {
                    return Path.of(f.trim());
                }
                String genesis = cfg.getProperty("genesis.file");
                if (genesis != null && !genesis.isBlank()) {
                    return Path.of(genesis.trim()).toAbsolutePath().getParent().resolveSibling("users").resolve(FILE);
                }
            }
        } catch (NamingException | IOException e) {
            LOG.warning("node.properties not readable for portal.accounts: " + e.getMessage());
        }
        return null;
    }
}
