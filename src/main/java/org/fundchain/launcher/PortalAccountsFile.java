package org.fundchain.launcher;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.List;
import java.util.Map;
import java.util.Properties;

import org.fundchain.genesis.DemoUser;
import org.fundchain.security.PasswordSeal;

/**
 * {@code users/portal-accounts.properties}: for each demo user, {@code USER.passwordHash} (PBKDF2, Jakarta
 * Pbkdf2PasswordHash format) and {@code USER.sealedKey} (the user's private key PEM sealed under the password).
 * Nodes import it into their account store; the plain passwords stay in demo-logins.properties for people.
 */
final class PortalAccountsFile {
    static final String NAME = "portal-accounts.properties";

    private PortalAccountsFile() {
    }

    static String render(Path usersDir, List<DemoUser> users, Map<String, String> passwords, SecureRandom random) {
        Properties p = new Properties();
        for (DemoUser u : users) {
            String password = passwords.get(u.username());
            if (password == null) {
                throw new LauncherException("no demo password for " + u.username());
            }
            String pem = Files600.read(usersDir.resolve(u.username() + ".pem"));
            p.setProperty(u.username() + ".passwordHash", PasswordSeal.hash(password.toCharArray(), random));
            p.setProperty(u.username() + ".sealedKey", PasswordSeal.seal(pem, password.toCharArray(), random));
        }
        try {
            StringWriter w = new StringWriter();
            p.store(w, "demo portal accounts: PBKDF2 password hashes and password-sealed keys (no passwords)");
            return w.toString();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
