package org.fundchain.node;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.attribute.PosixFilePermission;
import java.security.SecureRandom;
import java.util.List;
import java.util.Set;

import org.fundchain.consensus.ConsensusConfig;
import org.fundchain.crypto.CryptoException;
import org.fundchain.crypto.Pem;
import org.fundchain.crypto.SigningKey;
import org.fundchain.genesis.ChainSpec;
import org.fundchain.genesis.Genesis;
import org.fundchain.genesis.GenesisException;
import org.fundchain.genesis.GenesisFiles;
import org.fundchain.genesis.Member;

/**
 * Who this node is, established at start: the genesis verified against the pinned hash and the CA
 * signature, this node's member entry, and its private key, which must match the member's public key.
 * Loading fails with a {@link NodeStartupException} naming the first check that failed.
 */
public final class NodeIdentity {
    private final Genesis genesis;
    private final String genesisHash;
    private final Member self;
    private final SigningKey key;

    private NodeIdentity(Genesis genesis, String genesisHash, Member self, SigningKey key) {
        this.genesis = genesis;
        this.genesisHash = genesisHash;
        this.self = self;
        this.key = key;
    }

    public static NodeIdentity load(NodeConfig config) {
        Genesis g;
        try {
            g = GenesisFiles.load(config.genesisFile(), config.genesisHash());
        } catch (GenesisException e) {
            throw new NodeStartupException("genesis " + config.genesisFile() + " refused: " + e.getMessage(), e);
        }
        String refused = chainRefusal(g.chains());
        if (refused != null) {
            throw new NodeStartupException("genesis " + config.genesisFile() + " refused: " + refused);
        }
        Member self = g.member(config.nodeId()).orElseThrow(() -> new NodeStartupException(
                "node id " + config.nodeId() + " is not a member in genesis " + config.genesisFile()));
        SigningKey key = readKey(config, g);
        if (!key.publicKey().equals(self.publicKey())) {
            throw new NodeStartupException("private key " + config.keyFile() + " does not belong to " + self.nodeId()
                    + ": its public key differs from the one in genesis");
        }
        return new NodeIdentity(g, config.genesisHash().toLowerCase(java.util.Locale.ROOT), self, key);
    }

    /** Why one of these chains could not run (its member count, its block limits), or null: the consensus core's rule. */
    public static String chainRefusal(List<ChainSpec> chains) {
        for (ChainSpec c : chains) {
            String refused = ConsensusConfig.refusal(c.members().size(), c.parameters().absoluteMaxBytes());
            if (refused != null) {
                return "chain " + c.id() + ": " + refused;
            }
        }
        return null;
    }

    private static SigningKey readKey(NodeConfig config, Genesis g) {
        try {
            Set<PosixFilePermission> perms = Files.getPosixFilePermissions(config.keyFile());
            if (perms.stream().anyMatch(p -> p.name().startsWith("GROUP") || p.name().startsWith("OTHERS"))) {
                throw new NodeStartupException("private key " + config.keyFile()
                        + " is readable by others; it must be owner-only (chmod 600)");
            }
        } catch (UnsupportedOperationException ignored) {
            // not a POSIX file system: nothing to check
        } catch (IOException e) {
            throw new NodeStartupException("cannot read private key " + config.keyFile() + ": " + e.getMessage(), e);
        }
        try {
            String pem = Files.readString(config.keyFile(), StandardCharsets.US_ASCII);
            SigningKey k = Pem.readPrivateKey(pem, new SecureRandom());
            if (k.algorithm() != g.suite().signature()) {
                throw new NodeStartupException("private key " + config.keyFile() + " is " + k.algorithm().jsonName()
                        + " but the consortium signs with " + g.suite().signature().jsonName());
            }
            return k;
        } catch (IOException | CryptoException e) {
            throw new NodeStartupException("cannot read private key " + config.keyFile() + ": " + e.getMessage(), e);
        }
    }

    public String nodeId() {
        return self.nodeId();
    }

    public String organisation() {
        return self.organisation();
    }

    public Member self() {
        return self;
    }

    public Genesis genesis() {
        return genesis;
    }

    /** Lowercase hex; the same on every node of the consortium. */
    public String genesisHash() {
        return genesisHash;
    }

    /** Every member except this node. */
    public List<Member> peers() {
        return genesis.members().stream().filter(m -> !m.nodeId().equals(self.nodeId())).toList();
    }

    /** This node's signing key; never leaves the process. */
    public SigningKey signingKey() {
        return key;
    }
}
