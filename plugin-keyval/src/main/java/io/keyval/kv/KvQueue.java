package io.keyval.kv;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Optional;

/**
 * The store's durable message queue, shared by every host on the same database. A message is
 * delivered to one consumer at a time, under a lock of {@code queue.lockDuration}; the consumer acks it
 * (done, deleted) or nacks it (retried after its backoff, or moved to the dead-letter queue after its
 * last attempt, with its value written to its {@code keysIfUndelivered} keys). A message whose lock
 * expires is delivered again: delivery is at least once.
 *
 * <pre>{@code
 * KvQueue queue = kv.queue();
 * queue.enqueue(Map.of("to", "ada@example.org"), EnqueueOptions.defaults().priority(10));
 *
 * KvQueue.Listener mailer = queue.listen(message -> send(message.value()),
 *         QueueListenOptions.defaults().concurrency(4));
 * ...
 * mailer.stop(); // waits for the handlers under way
 * }</pre>
 *
 * <p>Among deliverable messages the highest priority goes first, then the earliest ready time, then
 * enqueue order. Every method is thread-safe; invalid input throws {@link KvValidationException} and
 * changes nothing.
 */
public interface KvQueue {

    /**
     * @param value the message, any value Jackson can convert ({@code null} included)
     * @param options delay, priority, retries, fallback keys
     * @return the new message's id
     */
    String enqueue(Object value, EnqueueOptions options);

    /**
     * Takes the next deliverable message and locks it for {@code queue.lockDuration}.
     *
     * @return the message, or empty when none is deliverable now
     */
    Optional<QueueMessage> dequeue();

    /**
     * Deletes a message, whatever its state; an unknown id is ignored.
     *
     * @param id the message id
     */
    void ack(String id);

    /**
     * Gives a delivered message back: it is delivered again after the next delay of its backoff
     * schedule, or, after its last attempt, moved to the dead-letter queue (its value written to its
     * {@code keysIfUndelivered} keys in the same transaction). An unknown id is ignored.
     *
     * @param id the message id
     * @param error why it failed, kept in the dead-letter record; {@code null}: "Max attempts exceeded"
     */
    void nack(String id, String error);

    /** @return the message counts (exact; counts every message, so not for a tight loop on a huge queue) */
    QueueStats stats();

    /**
     * @param limit 1..1000 (larger values are clamped)
     * @param offset records to skip, 0 or more
     * @return dead letters, newest first
     */
    List<DlqMessage> listDlq(int limit, int offset);

    /**
     * @param id a dead letter's id
     * @return it, or empty
     */
    Optional<DlqMessage> getDlqMessage(String id);

    /**
     * Enqueues a dead letter's value again as a new message with default options, and deletes the
     * dead letter.
     *
     * @param id a dead letter's id
     * @return the new message's id, or empty if there is no such dead letter
     */
    Optional<String> requeueDlq(String id);

    /** @param id a dead letter's id; an unknown one is ignored */
    void deleteDlq(String id);

    /** @return how many dead letters were deleted */
    long purgeDlq();

    /**
     * Consumes messages until stopped: up to {@code concurrency} handlers run at once on threads of
     * the store's; a handler that returns acks its message, one that throws has {@code onError}
     * called and its message nacked with the exception's message. Idle consumers hold no thread and
     * are woken by enqueues, retries and lock expiries (on every host), not by polling.
     *
     * @param handler the message handler
     * @param options concurrency and error callback
     * @return the running listener
     */
    Listener listen(Handler handler, QueueListenOptions options);

    /** Handles one message. */
    @FunctionalInterface
    interface Handler {
        /**
         * @param message the delivered message
         * @throws Exception to nack it
         */
        void handle(QueueMessage message) throws Exception;
    }

    /** A running {@link #listen} consumer. */
    interface Listener {
        /**
         * Stops taking messages and waits for the handlers under way to finish (and their ack or
         * nack). Idempotent.
         */
        void stop();
    }

    /**
     * A delivered message.
     *
     * @param id its id
     * @param value its value
     * @param attempts deliveries so far, this one included
     */
    record QueueMessage(String id, JsonNode value, int attempts) {
    }

    /**
     * Message counts.
     *
     * @param pending waiting for delivery (delayed ones included)
     * @param processing delivered, locked, not acked yet
     * @param dlq dead letters
     */
    record QueueStats(long pending, long processing, long dlq) {
        /** @return pending + processing + dlq */
        public long total() {
            return pending + processing + dlq;
        }
    }

    /**
     * A message nacked after its last attempt.
     *
     * @param id the dead letter's own id
     * @param originalId the message's id
     * @param value the message's value
     * @param errorMessage the error given to the last nack, or "Max attempts exceeded"
     * @param attempts deliveries made
     * @param originalCreatedAt when the message was enqueued (epoch ms)
     * @param failedAt when it was dead-lettered (epoch ms)
     */
    record DlqMessage(String id, String originalId, JsonNode value, String errorMessage, int attempts,
            long originalCreatedAt, long failedAt) {
    }
}
