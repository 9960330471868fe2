package io.keyval.kv.queue;

import io.keyval.kv.EnqueueOptions;
import io.keyval.kv.KvQueue;
import io.keyval.kv.KvValidationException;
import io.keyval.kv.QueueListenOptions;
import io.keyval.kv.metrics.QueueGauges;
import io.keyval.kv.store.JsonValues;
import io.keyval.kv.store.Limits;
import java.util.List;
import java.util.Optional;

/** The {@link KvQueue} of the Java API: conversions over the {@link QueueService}. */
public final class DefaultQueue implements KvQueue {

    private final QueueService queue;

    /** @param queue the queue's operations */
    public DefaultQueue(QueueService queue) {
        this.queue = queue;
    }

    @Override
    public String enqueue(Object value, EnqueueOptions options) {
        return queue.enqueue(MessageLimits.of(JsonValues.write(value), options == null ? EnqueueOptions.defaults() : options));
    }

    @Override
    public Optional<QueueMessage> dequeue() {
        return Optional.ofNullable(queue.dequeue())
                .map(d -> new QueueMessage(d.id(), JsonValues.tree(d.valueJson()), d.attempts()));
    }

    @Override
    public void ack(String id) {
        queue.ack(requireId(id));
    }

    @Override
    public void nack(String id, String error) {
        queue.nack(requireId(id), error);
    }

    @Override
    public QueueStats stats() {
        QueueGauges.Counts c = queue.current();
        return new QueueStats(c.pending(), c.processing(), c.dlq());
    }

    @Override
    public List<DlqMessage> listDlq(int limit, int offset) {
        if (offset < 0) {
            throw new KvValidationException("offset must be 0 or more, received " + offset);
        }
        return queue.listDead(Limits.pageSize(limit), offset).stream().map(DefaultQueue::toMessage).toList();
    }

    @Override
    public Optional<DlqMessage> getDlqMessage(String id) {
        return queue.getDead(requireId(id)).map(DefaultQueue::toMessage);
    }

    @Override
    public Optional<String> requeueDlq(String id) {
        return queue.requeueDead(requireId(id));
    }

    @Override
    public void deleteDlq(String id) {
        queue.deleteDead(requireId(id));
    }

    @Override
    public long purgeDlq() {
        return queue.purgeDead();
    }

    @Override
    public Listener listen(Handler handler, QueueListenOptions options) {
        if (handler == null) {
            throw new KvValidationException("handler must not be null");
        }
        return queue.listen(handler, options == null ? QueueListenOptions.defaults() : options);
    }

    private static String requireId(String id) {
        if (id == null || id.isEmpty()) {
            throw new KvValidationException("id must be a non-empty string");
        }
        return id;
    }

    private static DlqMessage toMessage(DeadLetter d) {
        return new DlqMessage(d.id(), d.originalId(), JsonValues.tree(d.valueJson()), d.errorMessage(), d.attempts(),
                d.originalCreatedAt(), d.failedAt());
    }
}
