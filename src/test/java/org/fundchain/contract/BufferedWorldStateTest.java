package org.fundchain.contract;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.List;
import java.util.SortedMap;
import java.util.TreeMap;

import org.fundchain.contract.api.Args;
import org.fundchain.crypto.HashAlgorithm;
import org.junit.jupiter.api.Test;

class BufferedWorldStateTest {

    private static SortedMap<StateKey, String> write(String contract, String key, String json) {
        SortedMap<StateKey, String> w = new TreeMap<>();
        w.put(new StateKey(contract, key), json);
        return w;
    }

    @Test
    void overlaySeesItsChangesAndLeavesTheBaseAloneUntilFlushed() {
        InMemoryWorldState base = new InMemoryWorldState();
        base.apply(write("a", "p/1", "1"), 1);
        base.apply(write("a", "p/2", "2"), 1);
        BufferedWorldState block = new BufferedWorldState(base);
        block.apply(write("a", "p/3", "3"), 2);
        block.apply(write("a", "p/1", null), 2);
        assertEquals(List.of("p/2", "p/3"), List.copyOf(block.scan("a", "p/").keySet()));
        assertNull(block.get("a", "p/1"));
        assertEquals("1", base.get("a", "p/1").json());
        assertEquals(2, block.changes().size());
        assertEquals(2, block.entries().size());

        block.flushTo();
        assertNull(base.get("a", "p/1"));
        assertEquals(new VersionedValue("3", 2), base.get("a", "p/3"));
        assertEquals(0, block.changes().size());
    }

    @Test
    void runtimeOverBufferGivesTheSameRootAsDirectExecution() {
        ContractRegistry registry = new ContractRegistry().register(new ContractRuntimeTest.Kv("a"));
        InMemoryWorldState direct = new InMemoryWorldState();
        InMemoryWorldState base = new InMemoryWorldState();
        BufferedWorldState buffer = new BufferedWorldState(base);
        ContractRuntime r1 = new ContractRuntime("main", registry, direct, HashAlgorithm.SHA256);
        ContractRuntime r2 = new ContractRuntime("main", registry, buffer, HashAlgorithm.SHA256);
        List<TransactionCall> block = List.of(
                new TransactionCall("t1", ContractRuntimeTest.ALICE, "a", "put", Args.of("k", "x", "v", "1")),
                new TransactionCall("t2", ContractRuntimeTest.ALICE, "a", "putThenFail", Args.of("k", "y")),
                new TransactionCall("t3", ContractRuntimeTest.ALICE, "a", "scan", Args.of()));
        assertEquals(r1.executeBlock(1, 1, block), r2.executeBlock(1, 1, block));
        assertEquals(r1.stateRoot(), r2.stateRoot());
        buffer.flushTo();
        assertEquals(direct.entries(), base.entries());
    }
}
