package io.keyval.kv;

import java.time.Duration;
import java.util.List;

/**
 * Options of {@link KvQueue#enqueue}.
 *
 * <pre>{@code
 * EnqueueOptions.defaults().delay(Duration.ofMinutes(5)).priority(10)
 *     .backoffSchedule(List.of(Duration.ofSeconds(1), Duration.ofSeconds(30)))
 *     .keysIfUndelivered(List.of(Key.of("failed", "mail", 42)));
 * }</pre>
 *
 * @param delay how long before the message may be delivered, 0 to 365 days
 * @param priority -1000..1000; higher is delivered first
 * @param backoffSchedule the waits before each retry; its length + 1 is the number of attempts
 *     (at most 20 waits, each at most one day)
 * @param keysIfUndelivered keys that receive the value when the message is dead-lettered (1..1000
 *     keys), or {@code null} for none
 */
public record EnqueueOptions(Duration delay, int priority, List<Duration> backoffSchedule, List<Key> keysIfUndelivered) {

    /** The default retries: after 1 s, 5 s and 10 s (four attempts in all). */
    public static final List<Duration> DEFAULT_BACKOFF =
            List.of(Duration.ofSeconds(1), Duration.ofSeconds(5), Duration.ofSeconds(10));

    /** @return no delay, priority 0, {@link #DEFAULT_BACKOFF}, no fallback keys */
    public static EnqueueOptions defaults() {
        return new EnqueueOptions(Duration.ZERO, 0, DEFAULT_BACKOFF, null);
    }

    /**
     * @param d the delay
     * @return a copy with it
     */
    public EnqueueOptions delay(Duration d) {
        return new EnqueueOptions(d, priority, backoffSchedule, keysIfUndelivered);
    }

    /**
     * @param p the priority
     * @return a copy with it
     */
    public EnqueueOptions priority(int p) {
        return new EnqueueOptions(delay, p, backoffSchedule, keysIfUndelivered);
    }

    /**
     * @param schedule the retry waits
     * @return a copy with them
     */
    public EnqueueOptions backoffSchedule(List<Duration> schedule) {
        return new EnqueueOptions(delay, priority, schedule, keysIfUndelivered);
    }

    /**
     * @param keys the fallback keys
     * @return a copy with them
     */
    public EnqueueOptions keysIfUndelivered(List<Key> keys) {
        return new EnqueueOptions(delay, priority, backoffSchedule, keys);
    }
}
