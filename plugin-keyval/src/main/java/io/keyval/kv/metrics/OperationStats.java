package io.keyval.kv.metrics;

import java.util.concurrent.atomic.LongAdder;

/**
 * The counters of one operation: errors, latency sum and the latency histogram's buckets. The call
 * count is the sum of the buckets, so that a histogram's {@code _count} always equals its
 * {@code +Inf} bucket, also while calls are being recorded and after a restore.
 */
final class OperationStats {

    /** The histogram's upper bounds in ms, {@code +Inf} last (docs/http-api.md, Metrics). */
    static final double[] BOUNDS_MS = {1, 5, 10, 25, 50, 100, 250, 500, 1000, 2500, 5000, Double.POSITIVE_INFINITY};
    private static final long[] BOUNDS_NANOS = new long[BOUNDS_MS.length - 1];

    static {
        for (int i = 0; i < BOUNDS_NANOS.length; i++) {
            BOUNDS_NANOS[i] = (long) (BOUNDS_MS[i] * 1_000_000);
        }
    }

    private final LongAdder[] buckets = new LongAdder[BOUNDS_MS.length];
    private final LongAdder errors = new LongAdder();
    private final LongAdder latencyNanos = new LongAdder();

    OperationStats() {
        for (int i = 0; i < buckets.length; i++) {
            buckets[i] = new LongAdder();
        }
    }

    void record(long nanos, boolean failed) {
        int i = 0;
        while (i < BOUNDS_NANOS.length && nanos > BOUNDS_NANOS[i]) {
            i++;
        }
        buckets[i].increment();
        latencyNanos.add(nanos);
        if (failed) {
            errors.increment();
        }
    }

    /** Adds persisted totals (at start-up, before any call is recorded). */
    void restore(OperationSnapshot saved) {
        for (int i = 0; i < buckets.length; i++) {
            buckets[i].add(saved.buckets()[i]);
        }
        errors.add(saved.errors());
        latencyNanos.add(Math.round(saved.latencySumMs() * 1_000_000));
    }

    /** Zeroes the counters; calls recorded at the same moment may or may not survive. */
    void reset() {
        for (LongAdder bucket : buckets) {
            bucket.reset();
        }
        errors.reset();
        latencyNanos.reset();
    }

    OperationSnapshot snapshot() {
        // Errors first: record() counts the bucket before the error, so a snapshot taken during a
        // call never shows more errors than calls.
        long failed = errors.sum();
        long[] counts = new long[buckets.length];
        for (int i = 0; i < counts.length; i++) {
            counts[i] = buckets[i].sum();
        }
        return new OperationSnapshot(counts, failed, latencyNanos.sum() / 1_000_000.0);
    }
}
