package org.fundchain.fund;

import java.util.List;
import java.util.Set;

/**
 * CDI event fired (synchronously, then observers may hand off) after the read model of a chain moved to a new
 * committed height: once per loop turn that committed blocks, and once after the rebuild at node start.
 * {@code changedIds} holds project ids (P…), draft ids (D…), serial numbers and signer/organisation ids whose
 * records changed; {@code newAlerts} the alerts raised since the previous event.
 */
public record FundUpdated(String chain, long height, List<AlertView> newAlerts, Set<String> changedIds) {
    public FundUpdated {
        newAlerts = List.copyOf(newAlerts);
        changedIds = Set.copyOf(changedIds);
    }
}
