package org.fundchain.genesis;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Where a genesis lives on disk: {@code genesis.json} (exact signed bytes) beside {@code genesis.sig.json}. */
public final class GenesisFiles {
    public static final String DOCUMENT = "genesis.json";
    public static final String SIGNATURE = "genesis.sig.json";
    public static final String HASH = "genesis.hash";

    private GenesisFiles() {
    }

    public static void write(Path dir, Genesis g, SignedGenesis signed) {
        try {
            Files.createDirectories(dir);
            Files.write(dir.resolve(DOCUMENT), signed.document());
            Files.write(dir.resolve(SIGNATURE), signed.signatureJson(g));
            Files.writeString(dir.resolve(HASH), SignedGenesis.hash(g.suite(), signed.document()) + "\n");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write genesis into " + dir, e);
        }
    }

    /** Reads {@code genesis.json} and the signature file beside it (not yet verified). */
    public static SignedGenesis read(Path document) {
        Path sig = document.resolveSibling(SIGNATURE);
        try {
            if (Files.size(document) > GenesisCodec.MAX_BYTES) {
                throw new GenesisException("genesis file " + document + " is larger than " + GenesisCodec.MAX_BYTES + " bytes");
            }
            return new SignedGenesis(Files.readAllBytes(document), SignedGenesis.parseSignatureJson(Files.readAllBytes(sig)));
        } catch (IOException e) {
            throw new GenesisException("cannot read genesis " + document + " or its signature " + sig + ": " + e, e);
        }
    }

    /** Reads and verifies against the pinned hash in one step. */
    public static Genesis load(Path document, String pinnedHash) {
        return GenesisVerifier.verify(read(document), pinnedHash);
    }
}
