package io.keyval.kv.metrics;

/**
 * The queue's gauges. The queue capability implements it; with no queue, {@link #NONE} reports
 * zeros. The counts may take a pass over the queue's indexes, so the metrics read them in their
 * background pass with the storage gauges ({@code metrics.storageRefresh}), never per scrape.
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

        /** @return every message: pending, processing and dead letters (as the queue's stats count them) */
        public long total() {
            return pending + processing + dlq;
        }
    }
}
