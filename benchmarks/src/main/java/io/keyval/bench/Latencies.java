package io.keyval.bench;

import java.util.Arrays;

/** Per-operation latencies of one workload, with nearest-rank percentiles. */
public final class Latencies {

    private final long[] nanos;
    private int count;

    /** @param capacity the number of operations that will be recorded */
    public Latencies(int capacity) {
        nanos = new long[capacity];
    }

    /** @param elapsedNanos one operation's latency; not thread-safe (one instance per thread) */
    public void record(long elapsedNanos) {
        nanos[count++] = elapsedNanos;
    }

    /**
     * @param parts the per-thread recordings
     * @return all of them together
     */
    public static Latencies merge(Iterable<Latencies> parts) {
        int total = 0;
        for (Latencies p : parts) {
            total += p.count;
        }
        Latencies all = new Latencies(total);
        for (Latencies p : parts) {
            System.arraycopy(p.nanos, 0, all.nanos, all.count, p.count);
            all.count += p.count;
        }
        return all;
    }

    /**
     * Nearest rank: the smallest recorded value such that at least {@code p} percent are at or below it.
     *
     * @param p the percentile, 0 &lt; p &lt;= 100
     * @return the latency in milliseconds
     */
    public double percentileMillis(double p) {
        if (count == 0) {
            throw new IllegalStateException("no latencies recorded");
        }
        long[] sorted = Arrays.copyOf(nanos, count);
        Arrays.sort(sorted);
        int rank = (int) Math.ceil(p / 100.0 * count);
        return sorted[Math.max(rank, 1) - 1] / 1e6;
    }
}
