package org.fundchain.launcher;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;

import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;

/**
 * Liberty's {@code {hash}} password encoding, byte for byte what {@code securityUtility encode --encoding=hash}
 * writes and a {@code basicRegistry} user's {@code password} accepts, made here so the launcher needs no Liberty
 * runtime to generate a consortium: {@code "{hash}" + base64(record)}, the record being the version byte 0x01
 * followed by tag / big-endian int length / value fields — 0x10 algorithm name, 0x30 salt (32 bytes), 0x40 digest
 * (PBKDF2, 256 bits, Liberty's 6,384 iterations). Checked against the runtime's own securityUtility output (a
 * record with explicit iteration and length fields is refused by Liberty 26: ClusterIT signs in with it).
 */
final class LibertyPasswordHash {
    static final String PREFIX = "{hash}";
    static final String ALGORITHM = "PBKDF2WithHmacSHA512";
    /** Liberty's default for PBKDF2WithHmacSHA512 (the record carries no iteration count). */
    static final int ITERATIONS = 6384;
    static final int OUTPUT_BITS = 256;
    static final int SALT_BYTES = 32;
    private static final byte VERSION = 0x01;
    private static final byte TAG_ALGORITHM = 0x10;
    private static final byte TAG_ITERATIONS = 0x20;
    private static final byte TAG_SALT = 0x30;
    private static final byte TAG_DIGEST = 0x40;
    private static final byte TAG_OUTPUT_LENGTH = 0x50;
    /** Far above any real record; refuses absurd input before decoding. */
    private static final int MAX_ENCODED = 4096;

    private LibertyPasswordHash() {
    }

    static String encode(String password, SecureRandom random) {
        byte[] salt = new byte[SALT_BYTES];
        random.nextBytes(salt);
        byte[] digest = pbkdf2(password, salt, ALGORITHM, ITERATIONS, OUTPUT_BITS);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(VERSION);
        field(out, TAG_ALGORITHM, ALGORITHM.getBytes(StandardCharsets.US_ASCII));
        field(out, TAG_SALT, salt);
        field(out, TAG_DIGEST, digest);
        return PREFIX + Base64.getEncoder().encodeToString(out.toByteArray());
    }

    /** Whether {@code encoded} is a {@code {hash}} value of {@code password} (as Liberty checks a login). */
    static boolean matches(String password, String encoded) {
        if (encoded == null || !encoded.startsWith(PREFIX) || encoded.length() > MAX_ENCODED) {
            return false;
        }
        ByteBuffer in;
        try {
            in = ByteBuffer.wrap(Base64.getDecoder().decode(encoded.substring(PREFIX.length())));
        } catch (IllegalArgumentException e) {
            return false;
        }
        if (!in.hasRemaining() || in.get() != VERSION) {
            return false;
        }
        String algorithm = null;
        int iterations = ITERATIONS;
        int bits = OUTPUT_BITS;
        byte[] salt = null;
        byte[] digest = null;
        try {
            while (in.hasRemaining()) {
                byte tag = in.get();
                switch (tag) {
                    case TAG_ALGORITHM -> algorithm = new String(bytes(in), StandardCharsets.UTF_8);
                    case TAG_ITERATIONS -> iterations = in.getInt();
                    case TAG_OUTPUT_LENGTH -> bits = in.getInt();
                    case TAG_SALT -> salt = bytes(in);
                    case TAG_DIGEST -> digest = bytes(in);
                    default -> {
                        return false;
                    }
                }
            }
        } catch (RuntimeException e) {
            return false;
        }
        if (algorithm == null || iterations < 1 || iterations > 10_000_000 || bits < 8 || bits > 4096
                || salt == null || digest == null) {
            return false;
        }
        return MessageDigest.isEqual(digest, pbkdf2(password, salt, algorithm, iterations, bits));
    }

    private static void field(ByteArrayOutputStream out, byte tag, byte[] value) {
        out.write(tag);
        out.writeBytes(ByteBuffer.allocate(4).putInt(value.length).array());
        out.writeBytes(value);
    }

    private static byte[] bytes(ByteBuffer in) {
        int n = in.getInt();
        if (n < 0 || n > in.remaining()) {
            throw new IllegalArgumentException("field length " + n);
        }
        byte[] b = new byte[n];
        in.get(b);
        return b;
    }

    private static byte[] pbkdf2(String password, byte[] salt, String algorithm, int iterations, int bits) {
        try {
            PBEKeySpec spec = new PBEKeySpec(password.toCharArray(), salt, iterations, bits);
            try {
                return SecretKeyFactory.getInstance(algorithm).generateSecret(spec).getEncoded();
            } finally {
                spec.clearPassword();
            }
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot hash a password with " + algorithm, e);
        }
    }
}
