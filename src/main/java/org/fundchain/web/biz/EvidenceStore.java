package org.fundchain.web.biz;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Optional;
import java.util.regex.Pattern;

import org.fundchain.crypto.Hex;

/**
 * Progress evidence files kept by this node: stored content-addressed as {@code <dir>/<sha256 hex>} so the hash
 * written on chain names exactly the bytes kept, and anyone can check a download against the chain.
 * The directory is {@code evidence/} in the server's output directory (Liberty runs the server there), or the
 * system property {@code fundchain.evidence.dir}.
 */
public final class EvidenceStore {
    /** Largest evidence file accepted: photos, scans and PDFs, not videos. */
    public static final long MAX_BYTES = 10L * 1024 * 1024;
    private static final Pattern HASH = Pattern.compile("[0-9a-f]{64}");

    private final Path dir;

    public EvidenceStore(Path dir) {
        this.dir = dir;
    }

    /** The store of this server. */
    public static EvidenceStore ofServer() {
        String configured = System.getProperty("fundchain.evidence.dir");
        return new EvidenceStore(configured != null && !configured.isBlank() ? Path.of(configured)
                : Path.of("").toAbsolutePath().resolve("evidence"));
    }

    /** Thrown when a file is larger than {@link #MAX_BYTES} or empty; nothing is kept. */
    public static final class RefusedFile extends Exception {
        private static final long serialVersionUID = 1L;

        RefusedFile(String message) {
            super(message);
        }
    }

    /**
     * Copies the stream into the store (reading at most MAX_BYTES + 1 bytes) and returns the lower-case hex
     * SHA-256 of its content. A partial or refused file leaves nothing behind.
     */
    public String put(InputStream in) throws IOException, RefusedFile {
        Files.createDirectories(dir);
        Path tmp = Files.createTempFile(dir, "upload-", ".part");
        try {
            MessageDigest sha = sha256();
            long total = 0;
            byte[] buf = new byte[64 * 1024];
            try (var out = Files.newOutputStream(tmp)) {
                int n;
                while ((n = in.read(buf)) > 0) {
                    total += n;
                    if (total > MAX_BYTES) {
                        throw new RefusedFile("larger than " + MAX_BYTES + " bytes");
                    }
                    sha.update(buf, 0, n);
                    out.write(buf, 0, n);
                }
            }
            if (total == 0) {
                throw new RefusedFile("empty");
            }
            String hash = Hex.encode(sha.digest());
            Path target = dir.resolve(hash);
            if (!Files.exists(target)) {
                Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE);
            }
            return hash;
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    /** The kept file for this hash, if this node has it; anything but a 64-digit lower-case hex name is refused. */
    public Optional<Path> find(String hash) {
        if (hash == null || !HASH.matcher(hash).matches()) {
            return Optional.empty();
        }
        Path p = dir.resolve(hash);
        return Files.isRegularFile(p) ? Optional.of(p) : Optional.empty();
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new UncheckedIOException(new IOException(e));
        }
    }
}
