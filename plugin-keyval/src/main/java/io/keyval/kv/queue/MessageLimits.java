package io.keyval.kv.queue;

import io.keyval.kv.EnqueueOptions;
import io.keyval.kv.Key;
import io.keyval.kv.KvValidationException;
import io.keyval.kv.keys.KeyLimits;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** The enqueue options' limits (docs/http-api.md, Queue): a violation is a 400 and nothing is enqueued. */
public final class MessageLimits {

    /** The longest delay: 365 days. */
    public static final long MAX_DELAY_MILLIS = 31_536_000_000L;
    /** The most retry waits in a backoff schedule. */
    public static final int MAX_BACKOFF_ENTRIES = 20;
    /** The longest retry wait: one day. */
    public static final long MAX_BACKOFF_MILLIS = 86_400_000L;
    /** Priorities lie in [-{@value}, {@value}]. */
    public static final int MAX_PRIORITY = 1000;

    private MessageLimits() {
    }

    /**
     * @param valueJson the value, compact JSON
     * @param options the Java API's options
     * @return the validated message
     */
    public static NewMessage of(String valueJson, EnqueueOptions options) {
        List<Long> backoff = new ArrayList<>();
        if (options.backoffSchedule() != null) {
            for (Duration d : options.backoffSchedule()) {
                backoff.add(d == null ? -1 : d.toMillis());
            }
        }
        return of(valueJson, options.delay() == null ? 0 : options.delay().toMillis(), options.priority(),
                options.backoffSchedule() == null ? null : backoff, options.keysIfUndelivered());
    }

    /**
     * @param valueJson the value, compact JSON
     * @param delayMillis the delay
     * @param priority the priority
     * @param backoffMillis the retry waits, or {@code null} for the default schedule
     * @param keys the fallback keys, or {@code null} for none
     * @return the validated message
     */
    public static NewMessage of(String valueJson, long delayMillis, long priority, List<Long> backoffMillis,
            List<Key> keys) {
        if (delayMillis < 0 || delayMillis > MAX_DELAY_MILLIS) {
            throw new KvValidationException("delay must be a number of ms from 0 to " + MAX_DELAY_MILLIS
                    + " (365 days), received " + delayMillis);
        }
        if (priority < -MAX_PRIORITY || priority > MAX_PRIORITY) {
            throw new KvValidationException("priority must be an integer from -1000 to 1000, received " + priority);
        }
        List<Long> backoff = backoffMillis == null
                ? EnqueueOptions.DEFAULT_BACKOFF.stream().map(Duration::toMillis).toList()
                : backoffMillis;
        if (backoff.size() > MAX_BACKOFF_ENTRIES) {
            throw new KvValidationException("backoffSchedule may have at most " + MAX_BACKOFF_ENTRIES
                    + " entries, received " + backoff.size());
        }
        for (int i = 0; i < backoff.size(); i++) {
            long wait = backoff.get(i);
            if (wait < 0 || wait > MAX_BACKOFF_MILLIS) {
                throw new KvValidationException("backoffSchedule[" + i + "] must be a number of ms from 0 to "
                        + MAX_BACKOFF_MILLIS + " (one day), received " + wait);
            }
        }
        if (keys != null) {
            if (keys.isEmpty()) {
                throw new KvValidationException("keysIfUndelivered must hold 1 to 1000 keys, or be left out");
            }
            KeyLimits.validateBatch(keys);
        }
        return new NewMessage(valueJson, (int) priority, delayMillis, List.copyOf(backoff),
                keys == null ? null : List.copyOf(keys));
    }
}
