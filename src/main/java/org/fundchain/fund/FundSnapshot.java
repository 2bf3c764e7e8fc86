package org.fundchain.fund;

import java.util.List;
import java.util.NavigableMap;
import java.util.SortedMap;

/**
 * The read model of one chain at one committed height: immutable, replaced as a whole after each committed block
 * (so a reader never sees a half-applied block).
 */
public record FundSnapshot(String chain, long height, long blockTime, long genesisTime, int runningContracts,
        SortedMap<String, ProjectView> projects, SortedMap<String, DraftView> drafts, SortedMap<String, FlowView> flows,
        NavigableMap<Long, AlertView> alerts, SortedMap<String, OrganisationView> organisations,
        SortedMap<String, SignerView> signers, SortedMap<String, RegistrationRequestView> requests,
        List<TownshipTotals> townships, List<ReleasePoint> releasedOverTime) {
}
