package org.fundchain.node;

import java.util.List;
import java.util.SortedMap;

import org.fundchain.consensus.ConsensusConfig;
import org.fundchain.contract.ContractRegistry;
import org.fundchain.crypto.CryptoSuite;
import org.fundchain.ledger.MemberVerifier;

/**
 * What one chain of this node is: its consensus configuration, members by index (node ids in genesis
 * order), the contracts it runs and their genesis state.
 *
 * @param genesisContracts the contract runtime's genesis document ({@code {"contracts":{...}}})
 * @param genesisTime      block time of the genesis state (from the genesis document, never a clock)
 */
public record ChainSetup(String chainId, CryptoSuite suite, ConsensusConfig consensus, MemberVerifier members,
        List<String> memberIds, byte[] genesisHash, ContractRegistry contracts, SortedMap<String, Object> genesisContracts,
        long genesisTime, int maxPending) {

    public int self() {
        return consensus.self();
    }

    public int indexOf(String nodeId) {
        return memberIds.indexOf(nodeId);
    }
}
