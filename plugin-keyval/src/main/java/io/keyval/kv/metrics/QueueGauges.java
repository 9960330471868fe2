package io.keyval.kv.metrics;

/**
 * The queue's gauges, read at each scrape. The queue capability implements it; until then, and
 * with no queue, {@link #NONE} reports zeros. An implementation must answer from memory or with one
 * cheap query, never a scan.
 */
@FunctionalInterface
public interface QueueGauges {

    /** No queue: every gauge is 0. */
    QueueGauges NONE = () -> new Counts(0, 0, 0);

    /** @return the current counts */
    Counts current();

    /**
     * Message counts.
     *
     * @param pending waiting to be delivered (delayed ones included)
     * @param processing delivered and locked, not acknowledged yet
     * @param dlq in the dead-letter queue
     */
    record Counts(long pending, long processing, long dlq) {

        /** @return messages in the queue: pending and processing (the DLQ is apart) */
        public long total() {
            return pending + processing;
        }
    }
}
