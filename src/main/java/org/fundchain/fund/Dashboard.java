package org.fundchain.fund;

import java.math.BigDecimal;
import java.util.List;

/**
 * The portal's home figures for one chain at one committed height. runningContracts = contracts in the registry;
 * daysSafe = whole days since the genesis time (now − genesis); townshipsHelped = townships with money released.
 */
public record Dashboard(String chain, long height, long blockTime, int runningContracts, BigDecimal released,
        BigDecimal raised, int townshipsHelped, long daysSafe, long genesisTime, int projects, int drafts,
        int alerts, int pendingFlows, List<TownshipTotals> byTownship, List<ReleasePoint> releasedOverTime) {
}
