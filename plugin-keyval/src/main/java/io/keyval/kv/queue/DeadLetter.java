package io.keyval.kv.queue;

/**
 * A dead-letter record as stored.
 *
 * @param id its id
 * @param originalId the message's id
 * @param valueJson the message's value, compact JSON
 * @param errorMessage why it failed
 * @param attempts deliveries made
 * @param originalCreatedAt when the message was enqueued (epoch ms)
 * @param failedAt when it was dead-lettered (epoch ms)
 */
public record DeadLetter(String id, String originalId, String valueJson, String errorMessage, int attempts,
        long originalCreatedAt, long failedAt) {
}
