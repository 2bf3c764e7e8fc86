package org.fundchain.security;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.security.SecureRandom;
import java.util.Base64;

import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;

import org.fundchain.crypto.Pem;
import org.fundchain.crypto.SignatureAlgorithm;
import org.fundchain.crypto.SigningKey;
import org.junit.jupiter.api.Test;

class PasswordSealTest {
    final SecureRandom random = new SecureRandom();

    @Test
    void hashIsPbkdf2InJakartaPbkdf2PasswordHashFormat() throws Exception {
        String h = PasswordSeal.hash("s3cret-pass".toCharArray(), random);
        String[] f = h.split(":");
        assertEquals(4, f.length, h);
        assertEquals("PBKDF2WithHmacSHA256", f[0]);
        assertEquals(PasswordSeal.ITERATIONS, Integer.parseInt(f[1]));
        byte[] salt = Base64.getDecoder().decode(f[2]);
        byte[] expected = SecretKeyFactory.getInstance("PBKDF2WithHmacSHA256")
                .generateSecret(new PBEKeySpec("s3cret-pass".toCharArray(), salt, PasswordSeal.ITERATIONS, 256)).getEncoded();
        assertArrayEquals(expected, Base64.getDecoder().decode(f[3]));
        assertNotEquals(h, PasswordSeal.hash("s3cret-pass".toCharArray(), random), "salted");
    }

    @Test
    void sealedKeyOpensOnlyWithThePassword() {
        SigningKey key = SigningKey.generate(SignatureAlgorithm.ED25519, random);
        String pem = Pem.privateKey(key);
        String sealed = PasswordSeal.seal(pem, "right password".toCharArray(), random);
        assertFalse(sealed.contains("PRIVATE KEY"), "not readable at rest");
        assertEquals(pem, PasswordSeal.open(sealed, "right password".toCharArray()));
        assertEquals(key.publicKey(), Pem.readPrivateKey(PasswordSeal.open(sealed, "right password".toCharArray()), random).publicKey());
        assertThrows(IllegalArgumentException.class, () -> PasswordSeal.open(sealed, "wrong password".toCharArray()));
    }

    @Test
    void tamperedOrMalformedSealsAreRefused() {
        String sealed = PasswordSeal.seal("secret", "pw-123456789".toCharArray(), random);
        String[] f = sealed.split(":");
        byte[] ct = Base64.getDecoder().decode(f[4]);
        ct[0] ^= 1;
        String tampered = f[0] + ":" + f[1] + ":" + f[2] + ":" + f[3] + ":" + Base64.getEncoder().encodeToString(ct);
        assertThrows(IllegalArgumentException.class, () -> PasswordSeal.open(tampered, "pw-123456789".toCharArray()));
        assertThrows(IllegalArgumentException.class, () -> PasswordSeal.open("garbage", "pw".toCharArray()));
        assertThrows(IllegalArgumentException.class, () -> PasswordSeal.open(null, "pw".toCharArray()));
        String cheap = f[0] + ":1:" + f[2] + ":" + f[3] + ":" + f[4];
        assertThrows(IllegalArgumentException.class, () -> PasswordSeal.open(cheap, "pw-123456789".toCharArray()));
        assertTrue(sealed.startsWith("fcseal1:"));
    }
}
