package org.fundchain.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Map;
import java.util.Properties;

import org.fundchain.crypto.CryptoSuite;
import org.fundchain.crypto.Pem;
import org.fundchain.genesis.DemoUser;
import org.fundchain.security.PasswordSeal;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The node-readable demo accounts: hashes and password-sealed keys, never a password, owner-only. */
class PortalAccountsFileTest {
    @TempDir
    Path dir;

    @Test
    void everyDemoUserHasAHashAndAKeyOnlyTheirPasswordOpens() throws IOException {
        ConsortiumMaterial m = ConsortiumMaterial.ensure(TestSettings.in(dir, CryptoSuite.STANDARD));
        Path file = m.portalAccounts();
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
        String text = Files.readString(file);
        Properties p = new Properties();
        p.load(new StringReader(text));
        Map<String, String> logins = m.demoLogins();
        for (DemoUser u : m.genesis().users()) {
            String password = logins.get(u.username());
            assertFalse(text.contains(password), "no plain password for " + u.username());
            assertTrue(p.getProperty(u.username() + ".passwordHash").startsWith("PBKDF2WithHmacSHA256:"));
            String pem = PasswordSeal.open(p.getProperty(u.username() + ".sealedKey"), password.toCharArray());
            assertEquals(u.publicKey(), Pem.readPrivateKey(pem, new SecureRandom()).publicKey(), u.username());
        }
        Properties node = new Properties();
        node.load(new StringReader(Files.readString(m.nodeProperties(0))));
        assertEquals(file.toString(), node.getProperty("portal.accounts"));
    }
}
