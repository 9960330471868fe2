package io.keyval.kv.queue;

/**
 * The {@code queue.*} settings.
 *
 * @param lockDuration how long a delivered message stays locked (ms)
 * @param cleanupInterval how often expired locks are reset (ms); 0 disables the task (expired locks
 *     are still deliverable at dequeue time)
 * @param maxListeners open {@code /queue/listen} streams allowed at once (503 beyond)
 */
public record QueueSettings(long lockDuration, long cleanupInterval, int maxListeners) {

    /** @return the defaults: 30 s locks, cleanup every 60 s, 1000 listeners */
    public static QueueSettings defaults() {
        return new QueueSettings(30_000, 60_000, 1000);
    }
}
