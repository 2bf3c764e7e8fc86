package org.fundchain.contracts.scenario;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import org.fundchain.contract.ContractRegistry;
import org.fundchain.contract.ContractRuntime;
import org.fundchain.contract.InMemoryWorldState;
import org.fundchain.contract.Receipt;
import org.fundchain.contract.TransactionCall;
import org.fundchain.contract.api.Signer;
import org.fundchain.contracts.FundChainContracts;
import org.fundchain.crypto.HashAlgorithm;
import org.fundchain.crypto.Hex;

/** Runs a scenario on one in-memory runtime: one transaction per block, block time = base + the spec's offset. */
public final class InMemoryScenarioRunner {
    private final Scenario scenario;
    private final long baseTime;
    private final ContractRuntime runtime;
    private final List<String> problems = new ArrayList<>();

    public InMemoryScenarioRunner(Scenario scenario, long baseTime) {
        this.scenario = scenario;
        this.baseTime = baseTime;
        ContractRegistry registry = ContractRegistry.of(FundChainContracts.all());
        runtime = new ContractRuntime("main", registry, new InMemoryWorldState(), HashAlgorithm.SHA256);
        runtime.genesis(scenario.genesis(InMemoryScenarioRunner::signerOf), baseTime);
    }

    /** Test identities: the actor name hashed into an Ed25519-shaped id (signatures are the node's concern). */
    public static Signer signerOf(String actor) {
        return new Signer("ed25519:" + Hex.encode(HashAlgorithm.SHA256.digest(actor.getBytes(StandardCharsets.UTF_8))));
    }

    /** Executes every spec; returns the receipt-level problems (unexpected commit or rejection). */
    public List<String> run() {
        long height = 0;
        for (TxSpec s : scenario.transactions()) {
            String hash = Hex.encode(HashAlgorithm.SHA256.digest(
                    (scenario.seed() + "/" + s.index()).getBytes(StandardCharsets.UTF_8)));
            Receipt r = runtime.execute(new TransactionCall(hash, signerOf(s.actor()), s.contract(), s.method(), s.args()),
                    ++height, baseTime + s.atOffsetMs());
            if (r.committed() != s.expectCommitted()) {
                problems.add("#" + s.index() + " " + s.note() + " (" + s.contract() + "." + s.method() + " by "
                        + s.actor() + "): expected " + (s.expectCommitted() ? "commit" : "rejection") + ", got " + r);
            } else if (!r.committed() && !List.of(s.expectedError().split("\\|")).contains(r.errorCode())) {
                problems.add("#" + s.index() + " " + s.note() + ": expected " + s.expectedError() + ", got " + r);
            }
        }
        return problems;
    }

    /** Read-only queries signed by the platform administrator, for {@link ScenarioVerifier}. */
    public ScenarioVerifier.ChainQuery query() {
        return (contract, method, args) -> {
            Receipt r = runtime.query(new TransactionCall("query", signerOf("platform"), contract, method, args), 0, 0);
            if (!r.committed()) {
                throw new IllegalStateException(contract + "." + method + " " + args + ": " + r);
            }
            return r.result();
        };
    }

    public ContractRuntime runtime() {
        return runtime;
    }
}
