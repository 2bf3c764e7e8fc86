package org.fundchain.genesis;

import org.fundchain.crypto.PublicKey;

/** A transaction signer the consortium admits through the REST API (integrators, bank systems). */
public record AdmittedClient(String id, String organisation, PublicKey publicKey) {
}
