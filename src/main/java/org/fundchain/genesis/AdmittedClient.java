package org.fundchain.genesis;

import org.fundchain.crypto.PublicKey;

/**
 * A transaction signer the consortium admits through the REST API (integrators, bank systems, the load
 * generator), with the one role it holds: LOAD (the load contract only) or its organisation's role.
 */
public record AdmittedClient(String id, String organisation, Role role, PublicKey publicKey) {
}
