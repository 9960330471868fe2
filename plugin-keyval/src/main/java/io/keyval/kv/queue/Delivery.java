package io.keyval.kv.queue;

/**
 * A message taken by a dequeue.
 *
 * @param id its id
 * @param valueJson its value, compact JSON
 * @param attempts deliveries so far, this one included
 * @param lockedUntil when its lock expires (database clock, epoch ms)
 * @param now the database clock at the dequeue (epoch ms)
 */
public record Delivery(String id, String valueJson, int attempts, long lockedUntil, long now) {

    /** @return how long the lock lasts from the dequeue (ms) */
    public long lockMillis() {
        return lockedUntil - now;
    }
}
