package io.keyval.kv.queue;

import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledFuture;
import java.util.function.Consumer;

/**
 * The consumer behind one {@code /queue/listen} stream: at most {@code prefetch} messages sent and
 * not yet acked or nacked (on any host) or expired. A message whose send fails is released at once,
 * its attempt not counted; every message still held when the stream closes is released at once too,
 * its attempt counted if the client received it. A client that disconnects leaves nothing locked.
 *
 * <pre>{@code
 * QueueStream s = queue.openStream(1, (delivery, written) -> events.send(..., written));
 * ...
 * s.close();
 * }</pre>
 */
public final class QueueStream extends QueueConsumer {

    /** Sends deliveries to the client. */
    @FunctionalInterface
    public interface Sink {
        /**
         * @param d the message
         * @param written to call with whether it was written to the connection
         */
        void send(Delivery d, Consumer<Boolean> written);
    }

    private final Executor workers;
    private final int prefetch;
    private final Sink sink;
    private final Map<String, Delivery> held = new ConcurrentHashMap<>();
    /** The lock-expiry checks of held messages, cancelled when they are answered. */
    private final Map<String, ScheduledFuture<?>> expiries = new ConcurrentHashMap<>();
    /** The ids of held messages written to the client. */
    private final Set<String> received = ConcurrentHashMap.newKeySet();
    /** This stream as the queue's holder of its messages (one object: compared on removal). */
    private final Consumer<String> holder = this::freed;
    private volatile boolean closed;

    QueueStream(QueueService queue, Executor workers, int prefetch, Sink sink) {
        super(queue, workers);
        this.workers = workers;
        this.prefetch = prefetch;
        this.sink = sink;
    }

    @Override
    boolean open() {
        return !closed;
    }

    @Override
    boolean hasRoom() {
        return held.size() < prefetch;
    }

    @Override
    String deliver(Delivery d) {
        held.put(d.id(), d);
        queue.hold(d.id(), holder);
        ScheduledFuture<?> expiry = queue.wakeups().schedule(() -> expired(d), d.lockMillis());
        if (expiry != null) {
            expiries.put(d.id(), expiry);
        }
        sink.send(d, written -> {
            if (written) {
                received.add(d.id());
            } else {
                drop(d); // on the I/O thread: the release is a write, done by a worker
            }
        });
        return null; // the client acks over HTTP
    }

    private void freed(String id) {
        received.remove(id);
        cancelExpiry(id);
        if (held.remove(id) != null) {
            request();
        }
    }

    private void cancelExpiry(String id) {
        ScheduledFuture<?> expiry = expiries.remove(id);
        if (expiry != null) {
            expiry.cancel(false);
        }
    }

    private void expired(Delivery d) {
        expiries.remove(d.id());
        if (held.remove(d.id(), d)) {
            received.remove(d.id());
            queue.unhold(d.id(), holder);
            request();
        }
    }

    /** A message whose send failed: released uncounted. */
    private void drop(Delivery d) {
        cancelExpiry(d.id());
        if (held.remove(d.id(), d)) {
            queue.unhold(d.id(), holder);
            onWorker(() -> queue.release(d, false));
            request();
        }
    }

    /** Runs a database write off the I/O thread; while the queue shuts down, where it is. */
    private void onWorker(Runnable write) {
        try {
            workers.execute(write);
        } catch (RejectedExecutionException shuttingDown) {
            write.run();
        }
    }

    /** Ends the stream's consumer (its connection closed): releases what it holds, on a worker. */
    public void close() {
        closed = true;
        onWorker(this::releaseAll);
    }

    /** Ends the stream's consumer and releases what it holds before returning (plugin shutdown). */
    public void closeAndRelease() {
        closed = true;
        releaseAll();
    }

    private void releaseAll() {
        stopAndAwait(); // a pass under way may still take one: released below
        for (Delivery d : held.values()) {
            cancelExpiry(d.id());
            if (held.remove(d.id(), d)) {
                queue.unhold(d.id(), holder);
                queue.release(d, received.remove(d.id()));
            }
        }
    }
}
