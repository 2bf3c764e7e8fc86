package org.fundchain.security;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;

import javax.crypto.Cipher;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.PBEKeySpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Password-based secrets of a portal account, without any container API so the launcher can use it too:
 * <ul>
 * <li>a PBKDF2 password hash in the format of Jakarta Security's {@code Pbkdf2PasswordHash}
 * ({@code PBKDF2WithHmacSHA256:iterations:base64 salt:base64 hash}), verified in the node by that API;</li>
 * <li>the user's private key (PKCS#8 PEM) sealed with AES-256-GCM under a key derived from the same password
 * with a different salt: the node holds the sealed key at rest and can open it only while the user signs in.</li>
 * </ul>
 */
public final class PasswordSeal {
    public static final String ALGORITHM = "PBKDF2WithHmacSHA256";
    /** Enough to make guessing costly while a login stays well under a second on a busy 2-core node. */
    public static final int ITERATIONS = 60_000;
    private static final int SALT_BYTES = 32;
    private static final int KEY_BYTES = 32;
    private static final int IV_BYTES = 12;
    private static final String SEAL_FORMAT = "fcseal1";

    private PasswordSeal() {
    }

    /** A password hash that {@code jakarta.security.enterprise.identitystore.Pbkdf2PasswordHash#verify} accepts. */
    public static String hash(char[] password, SecureRandom random) {
        byte[] salt = new byte[SALT_BYTES];
        random.nextBytes(salt);
        byte[] dk = derive(password, salt, ITERATIONS);
        Base64.Encoder b64 = Base64.getEncoder();
        return ALGORITHM + ":" + ITERATIONS + ":" + b64.encodeToString(salt) + ":" + b64.encodeToString(dk);
    }

    /** {@code fcseal1:iterations:salt:iv:ciphertext} (base64), the PEM encrypted under the password. */
    public static String seal(String secret, char[] password, SecureRandom random) {
        byte[] salt = new byte[SALT_BYTES];
        byte[] iv = new byte[IV_BYTES];
        random.nextBytes(salt);
        random.nextBytes(iv);
        try {
            Cipher c = Cipher.getInstance("AES/GCM/NoPadding");
            c.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(derive(password, salt, ITERATIONS), "AES"),
                    new GCMParameterSpec(128, iv));
            c.updateAAD(SEAL_FORMAT.getBytes(StandardCharsets.US_ASCII));
            byte[] ct = c.doFinal(secret.getBytes(StandardCharsets.UTF_8));
            Base64.Encoder b64 = Base64.getEncoder();
            return SEAL_FORMAT + ":" + ITERATIONS + ":" + b64.encodeToString(salt) + ":" + b64.encodeToString(iv) + ":"
                    + b64.encodeToString(ct);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM unavailable", e);
        }
    }

    /** The sealed secret; {@link IllegalArgumentException} for a wrong password or a damaged seal. */
    public static String open(String sealed, char[] password) {
        String[] f = sealed == null ? new String[0] : sealed.split(":");
        if (f.length != 5 || !SEAL_FORMAT.equals(f[0])) {
            throw new IllegalArgumentException("not a sealed key");
        }
        try {
            int iterations = Integer.parseInt(f[1]);
            if (iterations < 10_000 || iterations > 10_000_000) {
                throw new IllegalArgumentException("implausible iteration count");
            }
            Base64.Decoder b64 = Base64.getDecoder();
            Cipher c = Cipher.getInstance("AES/GCM/NoPadding");
            c.init(Cipher.DECRYPT_MODE, new SecretKeySpec(derive(password, b64.decode(f[2]), iterations), "AES"),
                    new GCMParameterSpec(128, b64.decode(f[3])));
            c.updateAAD(SEAL_FORMAT.getBytes(StandardCharsets.US_ASCII));
            return new String(c.doFinal(b64.decode(f[4])), StandardCharsets.UTF_8);
        } catch (javax.crypto.AEADBadTagException e) {
            throw new IllegalArgumentException("wrong password or damaged seal");
        } catch (GeneralSecurityException | NumberFormatException e) {
            throw new IllegalArgumentException("unreadable sealed key: " + e.getMessage());
        }
    }

    private static byte[] derive(char[] password, byte[] salt, int iterations) {
        try {
            PBEKeySpec spec = new PBEKeySpec(password, salt, iterations, KEY_BYTES * 8);
            try {
                return SecretKeyFactory.getInstance(ALGORITHM).generateSecret(spec).getEncoded();
            } finally {
                spec.clearPassword();
            }
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(ALGORITHM + " unavailable", e);
        }
    }
}
