package io.keyval.kv.queue;

import io.keyval.kv.Key;
import java.util.List;

/**
 * A validated message to enqueue.
 *
 * @param valueJson the value, compact JSON
 * @param priority -1000..1000
 * @param delayMillis 0..365 days
 * @param backoffMillis the retry waits
 * @param keysIfUndelivered the fallback keys, or {@code null}
 */
public record NewMessage(String valueJson, int priority, long delayMillis, List<Long> backoffMillis,
        List<Key> keysIfUndelivered) {
}
