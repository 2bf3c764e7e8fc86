package org.fundchain.contract;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;

import org.fundchain.contract.api.Args;
import org.fundchain.contract.api.Contract;
import org.fundchain.contract.api.ContractContext;
import org.fundchain.contract.api.ContractException;
import org.fundchain.contract.api.Signer;
import org.fundchain.crypto.HashAlgorithm;
import org.junit.jupiter.api.Test;

class ContractRuntimeTest {
    static final Signer ALICE = new Signer("ed25519:" + "a".repeat(64));

    /** A contract exercising the API: put, delete, scan, fail after writing, call others. */
    static final class Kv implements Contract {
        private final String name;

        Kv(String name) {
            this.name = name;
        }

        @Override
        public String name() {
            return name;
        }

        @Override
        public int version() {
            return 2;
        }

        @Override
        public SortedSet<String> methods() {
            return new TreeSet<>(List.of("put", "delete", "putThenFail", "scan", "callOther", "bug", "writeOther",
                    "recurse", "info", "mutateAfterPut", "big", "bigEvent", "fill", "hugeError", "hugeBug"));
        }

        @Override
        public void init(ContractContext ctx, SortedMap<String, Object> genesis) {
            for (Map.Entry<String, Object> e : genesis.entrySet()) {
                ctx.state().put(e.getKey(), e.getValue());
            }
        }

        @Override
        public Object execute(ContractContext ctx, String method, SortedMap<String, Object> a) {
            switch (method) {
                case "put":
                    ctx.state().put(Args.string(a, "k"), a.get("v"));
                    ctx.emit("put", Args.of("k", a.get("k")));
                    return a.get("v");
                case "delete":
                    ctx.state().delete(Args.string(a, "k"));
                    return null;
                case "putThenFail":
                    ctx.state().put(Args.string(a, "k"), "written");
                    throw ContractException.wrongState("refused after writing");
                case "scan":
                    ctx.state().put("p/9", "pending");
                    ctx.state().delete("p/1");
                    return ctx.state().scan("p/");
                case "callOther":
                    ctx.state().put("mine", "x");
                    return ctx.call(Args.string(a, "other"), Args.string(a, "method"), Args.object(a.get("args"), "args"));
                case "bug":
                    return Integer.parseInt("not a number");
                case "writeOther":
                    ctx.stateOf(Args.string(a, "other")).put("k", "v");
                    return null;
                case "recurse":
                    return ctx.call(name, "recurse", a);
                case "info":
                    return Args.of("chain", ctx.chainId(), "tx", ctx.txHash(), "signer", ctx.signer().id(),
                            "height", ctx.blockHeight(), "time", ctx.blockTime(), "caller", ctx.caller());
                case "mutateAfterPut": {
                    SortedMap<String, Object> v = Args.of("n", 1L);
                    ctx.state().put("m", v);
                    v.put("n", 2L);
                    SortedMap<String, Object> read = ctx.state().getObject("m");
                    read.put("n", 3L);
                    return ctx.state().getObject("m");
                }
                case "big":
                    ctx.state().put("big", "written before the result");
                    return "x".repeat((int) Args.longValue(a, "n"));
                case "bigEvent":
                    ctx.state().put("big", "written before the event");
                    ctx.emit("big", Args.of("text", "e".repeat((int) Args.longValue(a, "n"))));
                    return null;
                case "fill": {
                    String value = "v".repeat((int) Args.longValue(a, "size"));
                    for (long i = 0; i < Args.longValue(a, "keys"); i++) {
                        ctx.state().put("fill/" + i, value);
                    }
                    return null;
                }
                case "hugeError":
                    ctx.state().put("big", "written before the refusal");
                    throw new ContractException("C".repeat((int) Args.longValue(a, "code")), "m\u00e9\"<".repeat((int) Args.longValue(a, "n")));
                case "hugeBug":
                    throw new IllegalStateException("\u0001".repeat((int) Args.longValue(a, "n")));
                default:
                    throw new IllegalStateException();
            }
        }
    }

    private final ContractRegistry registry = new ContractRegistry().register(new Kv("a")).register(new Kv("b"));
    private final InMemoryWorldState world = new InMemoryWorldState();
    private final ContractRuntime rt = new ContractRuntime("main", registry, world, HashAlgorithm.SHA256);
    private int n;

    private Receipt run(String contract, String method, Object... kv) {
        n++;
        return rt.execute(new TransactionCall("tx" + n, ALICE, contract, method, Args.of(kv)), n, 1000L * n);
    }

    @Test
    void registryCountsNamedVersionedContractsAndRefusesDuplicates() {
        assertEquals(2, registry.count());
        assertEquals(Map.of("a", 2, "b", 2), registry.describe());
        assertThrows(IllegalArgumentException.class, () -> registry.register(new Kv("a")));
        assertThrows(IllegalArgumentException.class, () -> registry.register(new Kv("Bad Name")));
    }

    @Test
    void committedTransactionWritesStateWithVersionAndEvents() {
        Receipt r = run("a", "put", "k", "x", "v", new BigDecimal("1.50"));
        assertTrue(r.committed());
        assertEquals(new BigDecimal("1.5"), r.result());
        assertEquals(1, r.events().size());
        assertEquals("a", r.events().get(0).get("contract"));
        VersionedValue v = world.get("a", "x");
        assertEquals("1.5", v.json());
        assertEquals(1, v.version());
        run("a", "put", "k", "x", "v", "again");
        assertEquals(2, world.get("a", "x").version());
    }

    @Test
    void refusalDiscardsEveryWriteOfTheTransaction() {
        String root = rt.stateRoot();
        Receipt r = run("a", "putThenFail", "k", "x");
        assertFalse(r.committed());
        assertEquals("WRONG_STATE", r.errorCode());
        assertEquals("refused after writing", r.errorMessage());
        assertNull(world.get("a", "x"));
        assertEquals(root, rt.stateRoot());
    }

    @Test
    void nestedCallSharesTheWriteSetAndFailsAsAWhole() {
        Receipt ok = run("a", "callOther", "other", "b", "method", "put", "args", Args.of("k", "y", "v", "z"));
        assertTrue(ok.committed(), ok::toString);
        assertEquals("\"z\"", world.get("b", "y").json());
        assertEquals("\"x\"", world.get("a", "mine").json());

        Receipt failed = run("b", "callOther", "other", "a", "method", "putThenFail", "args", Args.of("k", "q"));
        assertFalse(failed.committed());
        assertNull(world.get("b", "mine"));
        assertNull(world.get("a", "q"));
    }

    @Test
    void callerIsTheCallingContractAndNullForTheTransaction() {
        Receipt direct = run("a", "info");
        assertEquals(Args.of("chain", "main", "tx", "tx1", "signer", ALICE.id(), "height", BigDecimal.ONE,
                "time", new BigDecimal(1000)), direct.result());
        Receipt nested = run("b", "callOther", "other", "a", "method", "info", "args", Args.of());
        assertEquals("b", ((Map<?, ?>) nested.result()).get("caller"));
    }

    @Test
    void otherContractsStateIsReadOnly() {
        Receipt r = run("a", "writeOther", "other", "b");
        assertEquals(ContractRuntime.CONTRACT_ERROR, r.errorCode());
        assertNull(world.get("b", "k"));
    }

    @Test
    void scanSeesPendingWritesAndDeletesInKeyOrder() {
        run("a", "put", "k", "p/2", "v", "two");
        run("a", "put", "k", "p/1", "v", "one");
        run("a", "put", "k", "q/1", "v", "other prefix");
        Receipt r = run("a", "scan");
        assertEquals(new TreeMap<>(Map.of("p/2", "two", "p/9", "pending")), r.result());
        assertEquals(List.of("p/2", "p/9"), List.copyOf(world.scan("a", "p/").keySet()));
    }

    @Test
    void bugsAndUnknownsAreDeterministicRejections() {
        assertEquals(ContractRuntime.CONTRACT_ERROR, run("a", "bug").errorCode());
        assertEquals(ContractRuntime.NO_SUCH_CONTRACT, run("zz", "put").errorCode());
        assertEquals(ContractException.NO_SUCH_METHOD, run("a", "nope").errorCode());
        assertEquals(ContractRuntime.CONTRACT_ERROR, run("a", "recurse").errorCode());
    }

    @Test
    void valuesAreCopiedInAndOut() {
        Receipt r = run("a", "mutateAfterPut");
        assertEquals(Args.of("n", BigDecimal.ONE), r.result());
    }

    @Test
    void stateRootIsDeterministicAndCommitsToContent() {
        ContractRuntime other = new ContractRuntime("main", registry, new InMemoryWorldState(), HashAlgorithm.SHA256);
        String empty = rt.stateRoot();
        run("a", "put", "k", "x", "v", "1");
        run("b", "put", "k", "y", "v", "2");
        other.execute(new TransactionCall("t2", ALICE, "b", "put", Args.of("k", "y", "v", "2")), 7, 7);
        other.execute(new TransactionCall("t1", ALICE, "a", "put", Args.of("k", "x", "v", "1")), 9, 9);
        assertEquals(rt.stateRoot(), other.stateRoot(), "same content, other order and heights");
        assertNotEquals(empty, rt.stateRoot());
        run("a", "delete", "k", "x");
        assertNotEquals(other.stateRoot(), rt.stateRoot());
        ContractRuntime sm3 = new ContractRuntime("main", registry, new InMemoryWorldState(), HashAlgorithm.SM3);
        assertNotEquals(empty, sm3.stateRoot());
        assertEquals(64, sm3.stateRoot().length());
    }

    @Test
    void blockExecutesInOrderEachTransactionOnItsOwn() {
        List<Receipt> rs = rt.executeBlock(5, 5000, List.of(
                new TransactionCall("t1", ALICE, "a", "put", Args.of("k", "x", "v", "first")),
                new TransactionCall("t2", ALICE, "a", "putThenFail", Args.of("k", "y")),
                new TransactionCall("t3", ALICE, "a", "put", Args.of("k", "x", "v", "second"))));
        assertEquals(List.of(true, false, true), rs.stream().map(Receipt::committed).toList());
        assertEquals("\"second\"", world.get("a", "x").json());
        assertEquals(5, world.get("a", "x").version());
    }

    @Test
    void genesisInitialisesEveryContractAtHeightZeroOnce() {
        rt.genesis(Args.of("contracts", Args.of("a", Args.of("start", "100"))), 0);
        assertEquals("\"100\"", world.get("a", "start").json());
        assertEquals(0, world.get("a", "start").version());
        assertThrows(IllegalStateException.class, () -> rt.genesis(Args.of(), 0));
        ContractRuntime fresh = new ContractRuntime("main", registry, new InMemoryWorldState(), HashAlgorithm.SHA256);
        assertThrows(IllegalArgumentException.class,
                () -> fresh.genesis(Args.of("contracts", Args.of("unknown", Args.of())), 0));
    }

    @Test
    void queryNeverChangesState() {
        String root = rt.stateRoot();
        Receipt r = rt.query(new TransactionCall("q", ALICE, "a", "put", Args.of("k", "x", "v", "1")), 1, 1);
        assertTrue(r.committed());
        assertEquals(root, rt.stateRoot());
    }

    @Test
    void signerIdsAreCheckedForShape() {
        assertThrows(IllegalArgumentException.class, () -> new Signer("ed25519:ABC"));
        assertThrows(IllegalArgumentException.class, () -> new Signer("rsa:" + "a".repeat(64)));
        assertThrows(IllegalArgumentException.class, () -> new Signer("ed25519:" + "A".repeat(64)));
        assertEquals("sm2:" + "0".repeat(130), new Signer("sm2:" + "0".repeat(130)).id());
    }

    // ------------------------------------------------------------------ limits (ARCHITECTURE §3 rule 8)

    private static int stored(Receipt r) {
        return org.fundchain.codec.Json.write(r.toJson()).length();
    }

    /** What a node stores for the receipt must fit the TRANSACTIONS.RESULT column, or the block append fails. */
    private static void assertStorable(Receipt r) {
        assertTrue(stored(r) <= org.fundchain.ledger.jpa.TransactionRecord.MAX_RESULT_CHARS,
                () -> "receipt of " + stored(r) + " characters does not fit the result column");
    }

    @Test
    void aResultTooLargeToStoreIsADeterministicRejectionThatWritesNothing() {
        String root = rt.stateRoot();
        Receipt r = run("a", "big", "n", 20_000L);
        assertEquals(Receipt.Status.REJECTED, r.status(), r::toString);
        assertEquals(ContractLimits.RESULT_TOO_LARGE, r.errorCode());
        assertTrue(r.errorMessage().contains(String.valueOf(ContractLimits.MAX_RECEIPT_CHARS)), r.errorMessage());
        assertNull(r.result());
        assertEquals(List.of(), r.events());
        assertNull(world.get("a", "big"));
        assertEquals(root, rt.stateRoot());
        assertStorable(r);
        // the same on another node
        ContractRuntime other = new ContractRuntime("main", registry, new InMemoryWorldState(), HashAlgorithm.SHA256);
        Receipt again = other.execute(new TransactionCall("tx" + n, ALICE, "a", "big", Args.of("n", 20_000L)), n, 1000L * n);
        assertEquals(r, again);
    }

    @Test
    void theLimitIsTheWholeStoredReceiptToTheCharacter() {
        int overhead = stored(run("a", "big", "n", 0L));
        long fits = ContractLimits.MAX_RECEIPT_CHARS - overhead;
        Receipt atLimit = run("a", "big", "n", fits);
        assertTrue(atLimit.committed(), atLimit::toString);
        assertEquals(ContractLimits.MAX_RECEIPT_CHARS, stored(atLimit));
        Receipt over = run("a", "big", "n", fits + 1);
        assertEquals(ContractLimits.RESULT_TOO_LARGE, over.errorCode());
    }

    @Test
    void eventsCountTowardsTheReceipt() {
        Receipt r = run("a", "bigEvent", "n", 17_000L);
        assertEquals(ContractLimits.RESULT_TOO_LARGE, r.errorCode(), r::toString);
        assertNull(world.get("a", "big"));
        assertStorable(r);
        assertTrue(run("a", "bigEvent", "n", 1_000L).committed());
    }

    @Test
    void stateValuesAndTheWritesOfOneTransactionAreBounded() {
        String root = rt.stateRoot();
        Receipt value = run("a", "fill", "keys", 1L, "size", (long) ContractLimits.MAX_STATE_VALUE_CHARS + 1);
        assertEquals(ContractLimits.STATE_TOO_LARGE, value.errorCode(), value::toString);
        Receipt keys = run("a", "fill", "keys", (long) ContractLimits.MAX_WRITES_PER_TX + 1, "size", 1L);
        assertEquals(ContractLimits.STATE_TOO_LARGE, keys.errorCode(), keys::toString);
        long size = ContractLimits.MAX_STATE_VALUE_CHARS - 10;
        Receipt total = run("a", "fill", "keys", ContractLimits.MAX_WRITE_CHARS_PER_TX / size + 1, "size", size);
        assertEquals(ContractLimits.STATE_TOO_LARGE, total.errorCode(), total::toString);
        assertEquals(root, rt.stateRoot(), "nothing of a refused transaction is written");
        assertTrue(run("a", "fill", "keys", (long) ContractLimits.MAX_WRITES_PER_TX, "size", 10L).committed());
        assertTrue(run("a", "fill", "keys", 3L, "size", size).committed());
    }

    @Test
    void errorMessagesAndCodesAreBounded() {
        Receipt refusal = run("a", "hugeError", "n", 100_000L, "code", 5_000L);
        assertEquals(Receipt.Status.REJECTED, refusal.status());
        assertTrue(refusal.errorMessage().length() <= ContractLimits.MAX_ERROR_MESSAGE_CHARS, () -> "" + refusal.errorMessage().length());
        assertTrue(refusal.errorCode().length() <= ContractLimits.MAX_ERROR_CODE_CHARS);
        assertTrue(refusal.errorMessage().startsWith("m\u00e9\"<"));
        assertNull(world.get("a", "big"));
        assertStorable(refusal);
        Receipt bug = run("a", "hugeBug", "n", 100_000L);
        assertEquals(ContractRuntime.CONTRACT_ERROR, bug.errorCode());
        assertTrue(bug.errorMessage().length() <= ContractLimits.MAX_ERROR_MESSAGE_CHARS);
        assertStorable(bug);
        // a receipt built anywhere else (the node's own refusals) is bounded the same way
        Receipt direct = new Receipt("t", Receipt.Status.REJECTED, null, "X".repeat(500), "y".repeat(50_000), List.of());
        assertStorable(direct);
        assertEquals(ContractLimits.MAX_ERROR_MESSAGE_CHARS, direct.errorMessage().length());
        // a cut never splits a surrogate pair
        String emoji = "\uD83D\uDE00".repeat(ContractLimits.MAX_ERROR_MESSAGE_CHARS);
        Receipt pairs = new Receipt("t", Receipt.Status.REJECTED, null, "X", emoji, List.of());
        assertFalse(Character.isHighSurrogate(pairs.errorMessage().charAt(pairs.errorMessage().length() - 1)));
        assertStorable(pairs);
    }

    @Test
    void argsThatAreNotAnObjectAreRejectedNotRunAsEmpty() {
        String root = rt.stateRoot();
        for (Object bad : new Object[] {List.of("k", "x"), "k=x", new BigDecimal("7"), Boolean.TRUE, null}) {
            Receipt r = rt.execute(TransactionCall.fromPayload("bad", ALICE, "a", "info", bad), 1, 1);
            assertEquals(ContractLimits.BAD_ARGS, r.errorCode(), () -> bad + ": " + r);
            assertTrue(r.errorMessage().contains("args must be a JSON object"), r.errorMessage());
            assertTrue(TransactionCall.argsProblem(bad) != null);
        }
        assertEquals(root, rt.stateRoot());
        assertNull(TransactionCall.argsProblem(Args.of("k", "x")));
        Receipt ok = rt.execute(TransactionCall.fromPayload("good", ALICE, "a", "put", Map.of("k", "x", "v", "1")), 1, 1);
        assertTrue(ok.committed(), ok::toString);
    }

    /**
     * A state key and value are stored as text (WORLD_STATE): PostgreSQL refuses a NUL character in it and its driver
     * turns a lone surrogate into '?' (Derby keeps both). Either would stop a PostgreSQL node's chain or
     * give it another state than the others after a restart, so the contract call is rejected, as every limit that
     * storage has, with nothing written.
     */
    @Test
    void aStateKeyOrValueNotEveryDatabaseStoresIsRejectedWithNothingWritten() {
        String root = rt.stateRoot();
        String[] keys = { "p/\u0000", "p/\ud800x", "p/x\udc00" };
        for (int i = 0; i < keys.length; i++) {
            String key = keys[i];
            Receipt r = rt.execute(TransactionCall.fromPayload("badkey" + i, ALICE, "a", "put",
                    Map.of("k", key, "v", "1")), 1, 1);
            assertFalse(r.committed(), () -> "key " + key.codePoints().boxed().toList() + ": " + r);
        }
        Receipt badValue = rt.execute(TransactionCall.fromPayload("badvalue", ALICE, "a", "put", Map.of("k", "p/v", "v", "x\ud800")), 1, 1);
        assertFalse(badValue.committed(), "a value with a lone surrogate: " + badValue);
        assertEquals(root, rt.stateRoot());
        assertTrue(rt.execute(TransactionCall.fromPayload("ok", ALICE, "a", "put", Map.of("k", "p/\ud83d\ude00", "v", "\ud83d\ude00")), 1, 1)
                .committed(), "a surrogate pair is a character like any other");
    }

    @Test
    void theLimitsAreTheStorageSchemasOwn() throws Exception {
        jakarta.persistence.Column result = org.fundchain.ledger.jpa.TransactionRecord.class.getDeclaredField("result")
                .getAnnotation(jakarta.persistence.Column.class);
        assertEquals(result.length(), ContractLimits.MAX_RECEIPT_CHARS, "receipts are stored whole in TRANSACTIONS.RESULT");
        jakarta.persistence.Column key = org.fundchain.ledger.jpa.StateRecord.class.getDeclaredField("key")
                .getAnnotation(jakarta.persistence.Column.class);
        assertEquals(key.length(), ContractLimits.MAX_STATE_KEY_CHARS);
        jakarta.persistence.Column value = org.fundchain.ledger.jpa.StateRecord.class.getDeclaredField("value")
                .getAnnotation(jakarta.persistence.Column.class);
        assertTrue(ContractLimits.MAX_STATE_VALUE_CHARS <= value.length());
        assertTrue(ContractLimits.MAX_STATE_VALUE_CHARS <= ContractLimits.MAX_WRITE_CHARS_PER_TX);
    }

    /**
     * A seeded generator of results, events, writes and refusals around every limit: each receipt fits the ledger,
     * a rejection leaves the state root as it was, a commit applies its writes, and a second runtime given the same
     * transactions produces the same receipts and root.
     */
    @Test
    void seededTransactionsAroundTheLimitsAlwaysGiveStorableDeterministicReceipts() {
        java.util.Random random = new java.util.Random(11);
        ContractRuntime twin = new ContractRuntime("main", registry, new InMemoryWorldState(), HashAlgorithm.SHA256);
        int committed = 0;
        int rejected = 0;
        for (int i = 0; i < 300; i++) {
            TransactionCall call;
            switch (random.nextInt(5)) {
                case 0 -> call = new TransactionCall("s" + i, ALICE, "a", "big",
                        Args.of("n", (long) (ContractLimits.MAX_RECEIPT_CHARS - 200 + random.nextInt(400))));
                case 1 -> call = new TransactionCall("s" + i, ALICE, "b", "bigEvent",
                        Args.of("n", (long) (ContractLimits.MAX_RECEIPT_CHARS - 300 + random.nextInt(400))));
                case 2 -> call = new TransactionCall("s" + i, ALICE, "a", "fill", random.nextBoolean()
                        // many small values around the key count, or a few large ones around the value and total sizes
                        ? Args.of("keys", (long) (ContractLimits.MAX_WRITES_PER_TX - 2 + random.nextInt(4)), "size", (long) (1 + random.nextInt(50)))
                        : Args.of("keys", (long) (1 + random.nextInt(5)),
                                "size", (long) (ContractLimits.MAX_STATE_VALUE_CHARS - 2 + random.nextInt(4))));
                case 3 -> call = new TransactionCall("s" + i, ALICE, "b", "hugeError",
                        Args.of("n", (long) random.nextInt(20_000), "code", (long) (1 + random.nextInt(200))));
                default -> call = TransactionCall.fromPayload("s" + i, ALICE, "a", "put",
                        random.nextBoolean() ? Args.of("k", "p/" + random.nextInt(10), "v", (long) i) : List.of(i));
            }
            String before = rt.stateRoot();
            Receipt r = rt.execute(call, i + 1, 1000L * (i + 1));
            assertStorable(r);
            if (r.committed()) {
                committed++;
            } else {
                rejected++;
                assertEquals(before, rt.stateRoot(), () -> "rejected " + call.method() + " changed state: " + r.errorCode());
                assertNull(r.result());
                assertEquals(List.of(), r.events());
            }
            assertEquals(r, twin.execute(call, i + 1, 1000L * (i + 1)));
        }
        assertEquals(rt.stateRoot(), twin.stateRoot());
        assertTrue(committed > 50 && rejected > 50, committed + " committed, " + rejected + " rejected");
    }
}
