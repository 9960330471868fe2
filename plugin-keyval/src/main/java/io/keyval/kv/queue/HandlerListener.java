package io.keyval.kv.queue;

import io.keyval.kv.KvQueue;
import io.keyval.kv.KvValidationException;
import io.keyval.kv.QueueListenOptions;
import io.keyval.kv.store.JsonValues;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executor;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@link KvQueue#listen}: {@code concurrency} consumers, each running the handler on one message at a
 * time; a handler that returns acks, one that throws calls {@code onError} and nacks.
 */
final class HandlerListener implements KvQueue.Listener {

    static final int MAX_CONCURRENCY = 1000;
    private static final Logger LOG = LoggerFactory.getLogger(HandlerListener.class);

    private final KvQueue.Handler handler;
    private final QueueListenOptions options;
    private final List<Slot> slots = new ArrayList<>();
    private final Consumer<HandlerListener> onStop;
    private volatile boolean stopped;

    HandlerListener(QueueService queue, Executor workers, KvQueue.Handler handler, QueueListenOptions options,
            Consumer<HandlerListener> onStop) {
        if (options.concurrency() < 1 || options.concurrency() > MAX_CONCURRENCY) {
            throw new KvValidationException("concurrency must be from 1 to " + MAX_CONCURRENCY
                    + ", received " + options.concurrency());
        }
        this.handler = handler;
        this.options = options;
        this.onStop = onStop;
        for (int i = 0; i < options.concurrency(); i++) {
            slots.add(new Slot(queue, workers));
        }
    }

    void start() {
        slots.forEach(QueueConsumer::request);
    }

    @Override
    public void stop() {
        stopped = true;
        slots.forEach(QueueConsumer::stopAndAwait);
        onStop.accept(this);
    }

    private final class Slot extends QueueConsumer {

        Slot(QueueService queue, Executor workers) {
            super(queue, workers);
        }

        @Override
        boolean open() {
            return !stopped;
        }

        @Override
        boolean hasRoom() {
            return true; // one message at a time: deliver returns when it is handled
        }

        @Override
        String deliver(Delivery d) {
            KvQueue.QueueMessage message = new KvQueue.QueueMessage(d.id(), JsonValues.tree(d.valueJson()), d.attempts());
            try {
                handler.handle(message);
                return d.id(); // acked with the next dequeue
            } catch (Exception | Error failure) { // an Error too: the slot lives on, the message is nacked
                if (options.onError() != null) {
                    try {
                        options.onError().accept(message, failure);
                    } catch (RuntimeException e) {
                        LOG.warn("Queue onError callback failed", e);
                    }
                }
                try {
                    queue.nackHandled(d.id(), failure.getMessage() != null ? failure.getMessage() : failure.toString());
                } catch (RuntimeException e) {
                    LOG.warn("Nacking message {} failed (it is delivered again when its lock expires): {}",
                            d.id(), e.toString());
                }
                return null;
            }
        }
    }
}
