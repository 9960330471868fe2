package io.keyval.kv.metrics;

/**
 * The counters of one operation at one moment.
 *
 * @param buckets calls per latency bucket, not cumulative, in the order of {@link OperationStats#BOUNDS_MS}
 * @param errors calls that ended in an exception
 * @param latencySumMs the sum of the calls' latencies
 */
record OperationSnapshot(long[] buckets, long errors, double latencySumMs) {

    /** @return the number of calls */
    long count() {
        long n = 0;
        for (long b : buckets) {
            n += b;
        }
        return n;
    }
}
