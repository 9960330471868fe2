package io.keyval.kv.atomic;

import java.time.Duration;
import java.util.random.RandomGenerator;

/**
 * The wait before retrying a conflicted transaction: {@code retryDelay * 2^attempt}
 * plus a random jitter in {@code [0, retryDelay)}, so that committers that collided spread out.
 *
 * <pre>{@code
 * Backoff b = new Backoff(Duration.ofMillis(10), Backoff.Sleeper.REAL, RandomGenerator.getDefault());
 * b.delayMillis(2);  // 40..49
 * }</pre>
 */
final class Backoff {

    /** Waits; injectable so that tests do not sleep. */
    @FunctionalInterface
    interface Sleeper {
        /** Sleeps on the calling thread. */
        Sleeper REAL = millis -> Thread.sleep(millis);

        /**
         * @param millis how long
         * @throws InterruptedException when interrupted
         */
        void sleep(long millis) throws InterruptedException;
    }

    // 2^30 times any sensible base delay is already far beyond a useful wait; avoids overflow.
    private static final int MAX_SHIFT = 30;

    private final long baseMillis;
    private final Sleeper sleeper;
    private final RandomGenerator random;

    /**
     * @param base the retry delay (may be zero)
     * @param sleeper how to wait
     * @param random the jitter source
     */
    Backoff(Duration base, Sleeper sleeper, RandomGenerator random) {
        this.baseMillis = base.toMillis();
        this.sleeper = sleeper;
        this.random = random;
    }

    /**
     * @param attempt the 0-based attempt that just conflicted
     * @return the delay before the next attempt, in ms
     */
    long delayMillis(int attempt) {
        long jitter = baseMillis == 0 ? 0 : random.nextLong(baseMillis);
        try {
            return Math.addExact(Math.multiplyExact(baseMillis, 1L << Math.min(attempt, MAX_SHIFT)), jitter);
        } catch (ArithmeticException overflow) {
            return Long.MAX_VALUE;
        }
    }

    /**
     * @param attempt the 0-based attempt that just conflicted
     * @throws InterruptedException when interrupted while waiting
     */
    void await(int attempt) throws InterruptedException {
        sleeper.sleep(delayMillis(attempt));
    }
}
