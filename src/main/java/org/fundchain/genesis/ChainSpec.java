package org.fundchain.genesis;

import java.util.List;

/** A chain the consortium runs: its id (e.g. "main"), the member nodes that replicate it, in order, and its parameters. */
public record ChainSpec(String id, List<String> members, BlockParameters parameters) {
    public ChainSpec {
        members = List.copyOf(members);
    }
}
