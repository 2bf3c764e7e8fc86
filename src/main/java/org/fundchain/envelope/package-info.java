/**
 * What a signer sends and a node checks, in one place for both sides: the signed-transaction envelope
 * ({@link org.fundchain.envelope.SignedTransaction}) and the signed-read headers ({@link org.fundchain.envelope.ReadSignature}).
 * The Java client, the portal and the REST API all use these; no server package depends on {@code client}.
 * Plain Java over {@code codec} and {@code crypto} only (PackageDependencyTest).
 */
package org.fundchain.envelope;
