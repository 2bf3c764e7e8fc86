package org.fundchain.contracts;

import java.util.List;

import org.fundchain.contract.api.Contract;

/** Every contract the FundChain business chain runs, fresh instances (contracts hold no state of their own). */
public final class FundChainContracts {

    private FundChainContracts() {
    }

    public static List<Contract> all() {
        return List.of(new RegistryContract(), new ProjectContract(), new FundRaisingContract(), new DraftContract(),
                new ReconciliationContract(), new PressureContract());
    }
}
