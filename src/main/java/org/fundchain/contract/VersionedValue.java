package org.fundchain.contract;

/** A stored state value in canonical JSON text, with the height of the block that last wrote it. */
public record VersionedValue(String json, long version) {
}
