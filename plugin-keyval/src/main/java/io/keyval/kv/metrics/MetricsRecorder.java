package io.keyval.kv.metrics;

import java.util.function.Supplier;

/**
 * Where the service operations report each call. Recording is cheap (a few uncontended adder
 * increments) and never fails.
 *
 * <pre>{@code
 * long start = System.nanoTime();
 * boolean failed = true;
 * try {
 *     result = store.get(key);
 *     failed = false;
 * } finally {
 *     recorder.record(Operation.GET, start, failed);
 * }
 * }</pre>
 */
public interface MetricsRecorder {

    /** Records nothing: metrics disabled. */
    MetricsRecorder NONE = new MetricsRecorder() {
        @Override
        public void record(Operation op, long startNanos, boolean failed) {
        }

        @Override
        public void recordFailure(Operation op) {
        }
    };

    /**
     * Records one call that started at {@code startNanos} ({@link System#nanoTime()}) and ends now.
     *
     * @param op the operation
     * @param startNanos when the call started
     * @param failed whether it ended in an exception
     */
    void record(Operation op, long startNanos, boolean failed);

    /**
     * Runs one call and records it.
     *
     * @param op the operation
     * @param call the call
     * @param <T> its result
     * @return its result
     */
    default <T> T timed(Operation op, Supplier<T> call) {
        long start = System.nanoTime();
        boolean failed = true;
        try {
            T result = call.get();
            failed = false;
            return result;
        } finally {
            record(op, start, failed);
        }
    }

    /**
     * Records a failure with no latency (the TTL purge's {@code cleanup}).
     *
     * @param op the operation
     */
    void recordFailure(Operation op);
}
