package io.keyval.kv.atomic;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.random.RandomGenerator;
import org.junit.jupiter.api.Test;

/** The retry wait of {@code kv.transaction}: {@code retryDelay * 2^attempt + random[0, retryDelay)}. */
class BackoffTest {

    @Test
    void exponentialWithJitterBelowTheBaseDelay() {
        Backoff backoff = new Backoff(Duration.ofMillis(10), ms -> { }, RandomGenerator.of("L64X128MixRandom"));
        for (int attempt = 0; attempt < 6; attempt++) {
            for (int i = 0; i < 200; i++) {
                long d = backoff.delayMillis(attempt);
                long base = 10L << attempt;
                assertTrue(d >= base && d < base + 10, attempt + ": " + d);
            }
        }
    }

    @Test
    void zeroDelayAndHugeAttemptsStaySane() {
        assertEquals(0, new Backoff(Duration.ZERO, ms -> { }, RandomGenerator.getDefault()).delayMillis(40));
        assertEquals(Long.MAX_VALUE,
                new Backoff(Duration.ofDays(365_000), ms -> { }, RandomGenerator.getDefault()).delayMillis(1000));
    }
}
