package org.fundchain.client;

import java.util.Arrays;

/** Client-side latencies in microseconds; percentiles by nearest rank. Not thread-safe. */
final class LatencyStats {
    private long[] values = new long[1024];
    private int n;

    void add(long micros) {
        if (n == values.length) {
            values = Arrays.copyOf(values, n * 2);
        }
        values[n++] = micros;
    }

    void addAll(LatencyStats other) {
        for (int i = 0; i < other.n; i++) {
            add(other.values[i]);
        }
    }

    int count() {
        return n;
    }

    /** Nearest-rank percentile in milliseconds, p in (0, 100]. */
    double percentileMs(double p) {
        if (n == 0) {
            return Double.NaN;
        }
        long[] sorted = Arrays.copyOf(values, n);
        Arrays.sort(sorted);
        int rank = (int) Math.ceil(p / 100.0 * n);
        return sorted[Math.max(0, Math.min(n - 1, rank - 1))] / 1000.0;
    }
}
