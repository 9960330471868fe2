package io.keyval.kv.metrics;

/** The service operations that are counted (docs/http-api.md, Metrics), with their names in the outputs. */
public enum Operation {
    /** a single get or a batch get (one per call) */
    GET("get"),
    /** a set, including the queue's fallback-key writes */
    SET("set"),
    /** a delete call; a batch delete counts one per key */
    DELETE("delete"),
    /** a list */
    LIST("list"),
    /** a count */
    COUNT("count"),
    /** a paginate */
    PAGINATE("paginate"),
    /** every atomic commit, failed checks and each commit of a transaction included */
    ATOMIC_COMMIT("atomic_commit"),
    /** a queue enqueue */
    QUEUE_ENQUEUE("queue_enqueue"),
    /** a queue dequeue: each poll, and each message a listener delivers */
    QUEUE_DEQUEUE("queue_dequeue"),
    /** a queue ack */
    QUEUE_ACK("queue_ack"),
    /** a queue nack */
    QUEUE_NACK("queue_nack"),
    /** a failed TTL purge (only failures are recorded, with latency 0) */
    CLEANUP("cleanup");

    private final String label;

    Operation(String label) {
        this.label = label;
    }

    /** @return the name in the JSON output and the Prometheus {@code operation} label */
    public String label() {
        return label;
    }

    /**
     * @param label a name as {@link #label()} returns it
     * @return the operation, or {@code null} for an unknown name (a newer version's, in persisted rows)
     */
    static Operation ofLabel(String label) {
        for (Operation op : values()) {
            if (op.label.equals(label)) {
                return op;
            }
        }
        return null;
    }
}
