package io.keyval.kv;

import java.time.Duration;

/**
 * Retry policy of {@link Kv#transaction}: after a conflict on attempt {@code a} (0-based) it waits
 * {@code retryDelay * 2^a + random[0, retryDelay)} and runs the body again, at most
 * {@code maxRetries} times.
 *
 * @param maxRetries extra attempts after the first (0 = no retry)
 * @param retryDelay base delay
 */
public record TransactionOptions(int maxRetries, Duration retryDelay) {

    /** @return no retries, 10 ms base delay */
    public static TransactionOptions defaults() {
        return new TransactionOptions(0, Duration.ofMillis(10));
    }

    /**
     * @param n the extra attempts after a conflict (0 = none)
     * @return a copy with it
     */
    public TransactionOptions maxRetries(int n) {
        return new TransactionOptions(n, retryDelay);
    }

    /**
     * @param d the base delay of the exponential backoff
     * @return a copy with it
     */
    public TransactionOptions retryDelay(Duration d) {
        return new TransactionOptions(maxRetries, d);
    }
}
