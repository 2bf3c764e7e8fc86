package org.fundchain.consensus.sim;

import java.security.MessageDigest;
import java.util.HexFormat;

import org.fundchain.ledger.BlockHeader;

/**
 * Fingerprint of the deterministic simulation suites, one line per run (trace hash of every delivered message, height,
 * view changes, NEW-VIEWs, re-proposals, final scores, a hash of the agreed headers) and a digest of all lines. A pure
 * refactor of the core must leave it unchanged: {@code SimFingerprint [runsPerSuite]}.
 */
public final class SimFingerprint {
    public static void main(String[] args) throws Exception {
        int runs = args.length > 0 ? Integer.parseInt(args[0]) : 24;
        MessageDigest all = MessageDigest.getInstance("SHA-256");
        for (int n = 4; n <= 10; n++) {
            for (long s = 0; s < runs; s++) {
                line(all, "allsizes", AllSizesSimulationTest.options(s, n));
            }
        }
        for (long s = 0; s < runs; s++) {
            line(all, "mixed", Simulation.Options.mixed(s, 4));
            line(all, "skewed", Simulation.Options.skewed(s, 4));
            line(all, "vcattack", ViewChangeAttackSimulationTest.options(s, s % 2 == 0 ? 4 : 7));
        }
        for (Simulation.CrashPoint p : Simulation.CrashPoint.values()) {
            if (p != Simulation.CrashPoint.NONE) {
                for (long s = 0; s < runs; s++) {
                    line(all, "crash-" + p, ViewChangeCrashRestartTest.options(p, s));
                }
            }
        }
        for (TwinsEnumerationTest.Scenario sc : TwinsEnumerationTest.scenarios(4, runs, 1)) {
            line(all, "twins", TwinsEnumerationTest.options(sc, 1));
        }
        System.out.println("fingerprint " + HexFormat.of().formatHex(all.digest()));
    }

    private static void line(MessageDigest all, String suite, Simulation.Options o) throws Exception {
        String out;
        try {
            Simulation.Result r = Simulation.run(o);
            MessageDigest chain = MessageDigest.getInstance("SHA-256");
            for (BlockHeader h : r.chain) {
                chain.update(h.encode());
            }
            out = suite + " [" + o + "] trace=" + Long.toHexString(r.traceHash) + " height=" + r.committedHeight + " views="
                    + r.viewChanges + " newViews=" + r.newViews + " reproposals=" + r.reproposals + " crashes=" + r.crashes
                    + " scores=" + java.util.Arrays.toString(r.finalScores) + " chain="
                    + HexFormat.of().formatHex(chain.digest()).substring(0, 16);
        } catch (AssertionError | RuntimeException e) {
            out = suite + " [" + o + "] FAILED " + e;
        }
        System.out.println(out);
        all.update(out.getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }
}
