package io.keyval.kv.queue;

import io.keyval.database.DatabaseAdapter;
import io.keyval.database.Notifications;
import io.keyval.database.SqlSession;
import io.keyval.kv.Key;
import io.keyval.kv.KvQueue;
import io.keyval.kv.QueueListenOptions;
import io.keyval.kv.engine.Engine;
import io.keyval.kv.engine.Migrations;
import io.keyval.kv.engine.SchemaScripts;
import io.keyval.kv.metrics.MetricsRecorder;
import io.keyval.kv.metrics.Operation;
import io.keyval.kv.metrics.QueueGauges;
import io.keyval.kv.store.KvStore;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The queue's operations, shared by HTTP and the Java API: each client call counted once in the
 * metrics (enqueue, dequeue, ack, nack; the dead-letter calls and stats are not operations). Every
 * change that makes a message deliverable wakes this host's idle consumers and, through
 * {@link QueueNotices}, those of the other hosts; the periodic cleanup resets expired locks.
 *
 * <pre>{@code
 * QueueService queue = QueueService.start(adapter, store, dialect, settings, recorder, notifications);
 * String id = queue.enqueue(MessageLimits.of("{\"to\":\"ada\"}", 0, 0, null, null));
 * Delivery d = queue.dequeue();
 * queue.ack(d.id());
 * }</pre>
 */
public final class QueueService implements QueueGauges, AutoCloseable {

    /** The queue capability's schema scripts. */
    public static final SchemaScripts SCHEMA = new SchemaScripts("queue", List.of("V001__queue"));

    private static final Logger LOG = LoggerFactory.getLogger(QueueService.class);

    private final MessageTable table;
    private final QueueWrites writes;
    private final QueueSettings settings;
    private final MetricsRecorder recorder;
    private final Wakeups wakeups = new Wakeups();
    private final QueueNotices notices;
    /** Deliveries held by this host's streams, by id: an ack or nack frees their slot. */
    private final Map<String, Consumer<String>> held = new ConcurrentHashMap<>();
    /** Runs consumers' passes and handlers: threads only while there is work (idle ones end after 60 s). */
    private final ExecutorService workers = Executors.newCachedThreadPool(new ThreadFactory() {
        private final AtomicInteger n = new AtomicInteger();

        @Override
        public Thread newThread(Runnable r) {
            Thread t = new Thread(r, "kv-queue-worker-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        }
    });
    private final Set<HandlerListener> listeners = ConcurrentHashMap.newKeySet();
    private volatile boolean closed;

    private QueueService(DatabaseAdapter db, KvStore store, QueueDialect dialect, QueueSettings settings,
            MetricsRecorder recorder, Optional<Notifications> notifications) {
        this.table = new MessageTable(dialect);
        this.writes = new QueueWrites(db, store.pipeline(), dialect);
        this.settings = settings;
        this.recorder = recorder;
        this.notices = new QueueNotices(notifications, wakeups, this::freed);
    }

    /**
     * Starts the queue: listens for the other hosts' notices and starts the cleanup task.
     *
     * @param db the database (its queue schema applied)
     * @param store the store, whose commit pipeline carries writes that touch entries
     * @param dialect the engine's queue dialect
     * @param settings the {@code queue.*} settings
     * @param recorder where calls are counted
     * @param notifications the adapter's notifications (PostgreSQL), to reach consumers on other hosts
     * @return the running queue
     */
    public static QueueService start(DatabaseAdapter db, KvStore store, QueueDialect dialect, QueueSettings settings,
            MetricsRecorder recorder, Optional<Notifications> notifications) {
        QueueService queue = new QueueService(db, store, dialect, settings, recorder, notifications);
        if (settings.cleanupInterval() > 0) {
            queue.scheduleCleanup();
        }
        return queue;
    }

    /**
     * Opens a queue on a store with no other capability (tests, benchmarks): applies the queue's
     * schema scripts and starts it with the default settings and no metrics.
     *
     * @param db the database
     * @param store the store on it
     * @return the running queue
     */
    public static QueueService open(DatabaseAdapter db, KvStore store) {
        Engine engine = Engine.of(db.type());
        Migrations.apply(db, engine, List.of(SCHEMA));
        return start(db, store, engine.select(SqliteQueueDialect::new, PostgresQueueDialect::new),
                QueueSettings.defaults(), MetricsRecorder.NONE, db.notifications());
    }

    /** @return the queue's settings */
    public QueueSettings settings() {
        return settings;
    }

    /**
     * @param message a validated message ({@link MessageLimits})
     * @return its id
     */
    public String enqueue(NewMessage message) {
        return recorder.timed(Operation.QUEUE_ENQUEUE, () -> {
            String id = MessageTable.newId();
            writes.run(s -> {
                table.insert(s, id, message);
                notices.dueIn(s, message.delayMillis());
                return null;
            });
            wakeups.oneIn(message.delayMillis());
            return id;
        });
    }

    /**
     * Writes back messages and dead letters of an export (not counted as operations), inside the
     * caller's write transaction; other hosts' consumers are told at its commit. Call
     * {@link #wakeFor} once it committed.
     *
     * @param s the write transaction
     * @param messages messages, with their ids, times and attempts; one whose id exists is left as it is
     * @param dead dead letters
     * @param now the time of the import (epoch ms)
     * @throws SQLException on a database failure
     */
    public void importRecords(SqlSession s, List<QueueRecords.Message> messages, List<DeadLetter> dead, long now)
            throws SQLException {
        QueueRecords.insert(s, messages, dead, now);
        if (!messages.isEmpty()) {
            notices.ready(s, messages.size());
        }
    }

    /**
     * Wakes this host's idle consumers for imported messages, after their commit.
     *
     * @param messages the messages
     * @param now the time of the import (epoch ms)
     */
    public void wakeFor(List<QueueRecords.Message> messages, long now) {
        wakeups.ready(messages.size());
        long firstReady = messages.stream().mapToLong(QueueRecords.Message::readyAt).min().orElse(now);
        if (firstReady > now) {
            wakeups.dueIn(firstReady - now);
        }
    }

    /**
     * One counted dequeue ({@code /queue/poll}, {@code dequeue()}).
     *
     * @return the message taken and locked, or {@code null}
     */
    public Delivery dequeue() {
        return recorder.timed(Operation.QUEUE_DEQUEUE, this::take);
    }

    /**
     * A dequeue for a listener: counted only when it delivers ({@link #countDelivery}).
     *
     * @return the message taken and locked, or {@code null}
     */
    Delivery take() {
        return armed(writes.run(s -> table.dequeue(s, settings.lockDuration())));
    }

    /** Whoever holds a delivery may never answer: its lock expiry is when it is deliverable again. */
    private Delivery armed(Delivery d) {
        if (d != null) {
            wakeups.dueIn(d.lockMillis());
        }
        return d;
    }

    /** Counts a message a listener delivered as one dequeue. */
    void countDelivery(long startNanos) {
        recorder.record(Operation.QUEUE_DEQUEUE, startNanos, false);
    }

    /** @param id a message id; unknown ids are ignored */
    public void ack(String id) {
        ack(id, !held.containsKey(id));
    }

    /**
     * Acks a message a Java listener of this host handled and takes the next one in the same
     * transaction: one commit instead of two per message. Counted as one ack (and the delivery, if
     * any, by {@link #countDelivery}).
     *
     * @param id the handled message (no other host's stream can hold it)
     * @return the next message taken and locked, or {@code null}
     */
    Delivery ackAndTake(String id) {
        return recorder.timed(Operation.QUEUE_ACK, () -> {
            return armed(writes.run(s -> {
                table.delete(s, id); // before the dequeue, which must not take the message acked
                return table.dequeue(s, settings.lockDuration());
            }));
        });
    }

    /**
     * Acks a message a Java listener of this host handled, when no dequeue follows (it stops).
     *
     * @param id the message id
     */
    void ackHandledAlone(String id) {
        try {
            ack(id, false);
        } catch (RuntimeException e) {
            LOG.warn("Acknowledging message {} failed (it is delivered again when its lock expires): {}", id,
                    e.toString());
        }
    }

    /** @param heldElsewhere whether another host's stream may hold it (it is then told) */
    private void ack(String id, boolean heldElsewhere) {
        recorder.timed(Operation.QUEUE_ACK, () -> {
            writes.run(s -> {
                // With the commit: on PostgreSQL the ack is one round trip. Another host's stream may
                // hold the message: tell it, unless the id cannot be one of ours (any text is
                // accepted, and a notice has a size limit).
                table.deleteAtCommit(s, id);
                if (heldElsewhere && notices.acrossHosts() && MessageTable.couldBeId(id)) {
                    notices.freed(s, id);
                }
                return null;
            });
            freed(id);
            return null;
        });
    }

    /**
     * @param id a message id; unknown ids are ignored
     * @param error kept in the dead-letter record, or {@code null}
     */
    public void nack(String id, String error) {
        nack(id, error, !held.containsKey(id));
    }

    /**
     * Nacks a message a Java listener of this host failed to handle.
     *
     * @param id the message id
     * @param error why
     */
    void nackHandled(String id, String error) {
        nack(id, error, false);
    }

    private void nack(String id, String error, boolean heldElsewhere) {
        recorder.timed(Operation.QUEUE_NACK, () -> {
            long wait = writes.run(s -> {
                long w = table.retry(s, id);
                if (w >= 0) {
                    notices.dueIn(s, w);
                    if (heldElsewhere) {
                        notices.freed(s, id);
                    }
                }
                return w;
            });
            if (wait == MessageTable.Nack.FINAL) {
                List<Key> fallback = writes.withEntries(ctx -> {
                    List<Key> written = table.deadLetter(ctx, id, error);
                    if (written != null && heldElsewhere) {
                        notices.freed(ctx.session(), id);
                    }
                    return written;
                });
                if (fallback != null) {
                    fallback.forEach(k -> recorder.record(Operation.SET, System.nanoTime(), false));
                }
            }
            freed(id);
            wakeups.oneIn(wait);
            return null;
        });
    }

    /**
     * Gives back a message whose consumer is gone, at once instead of at its lock expiry.
     *
     * @param d the delivery
     * @param received whether it reached the consumer: then the delivery counts as an attempt (as when
     *     a lock expires, so a message that crashes its clients still runs up its attempts); otherwise
     *     it is as if it had not been delivered
     */
    void release(Delivery d, boolean received) {
        try {
            if (writes.run(s -> {
                boolean released = table.release(s, d, received);
                if (released) {
                    notices.ready(s, 1);
                }
                return released;
            })) {
                wakeups.ready(1);
            }
        } catch (RuntimeException e) {
            LOG.warn("Releasing message {} failed (it is delivered again when its lock expires): {}", d.id(),
                    e.toString());
        }
    }

    /**
     * Arms the timer for the next time a message becomes deliverable (after a dequeue found none).
     */
    void armForNextDue() {
        try {
            wakeups.dueIn(writes.read(table::nextDue));
        } catch (RuntimeException e) {
            LOG.warn("Reading the queue's next due time failed (looking again in 1 s): {}", e.toString());
            wakeups.dueIn(1000);
        }
    }

    /** @return this host's consumer wake-ups */
    Wakeups wakeups() {
        return wakeups;
    }

    /**
     * Tells the queue a delivery is held by a stream until acked or nacked (on any host).
     *
     * @param id the message id
     * @param onFreed called with the id once it is acked or nacked
     */
    void hold(String id, Consumer<String> onFreed) {
        held.put(id, onFreed);
    }

    /**
     * @param id a message no longer held by this holder (its lock expired, or the stream released it)
     * @param onFreed the holder, as given to {@link #hold}: another stream may hold the id since
     */
    void unhold(String id, Consumer<String> onFreed) {
        held.remove(id, onFreed);
    }

    private void freed(String id) {
        Consumer<String> holder = held.remove(id);
        if (holder != null) {
            holder.accept(id);
        }
    }

    /**
     * Starts a Java listener ({@link io.keyval.kv.KvQueue#listen}); it is stopped at the latest when
     * the queue closes.
     *
     * @param handler the message handler
     * @param options concurrency and error callback
     * @return the running listener
     */
    public KvQueue.Listener listen(KvQueue.Handler handler, QueueListenOptions options) {
        HandlerListener listener = new HandlerListener(this, workers, handler, options, listeners::remove);
        listeners.add(listener);
        listener.start();
        return listener;
    }

    /**
     * Starts the consumer of a {@code /queue/listen} stream.
     *
     * @param prefetch messages sent and not yet answered, at most
     * @param sink sends them
     * @return the consumer; close it when the stream ends
     */
    public QueueStream openStream(int prefetch, QueueStream.Sink sink) {
        QueueStream stream = new QueueStream(this, workers, prefetch, sink);
        stream.request();
        return stream;
    }

    /** @return the message counts (exact: a count over the queue's indexes); also the metrics' gauges */
    @Override
    public Counts current() {
        return writes.read(table::stats);
    }

    /**
     * @param limit 1..1000
     * @param offset 0 or more
     * @return dead letters, newest first
     */
    public List<DeadLetter> listDead(int limit, int offset) {
        return writes.read(s -> table.listDead(s, limit, offset));
    }

    /**
     * @param id a dead letter's id
     * @return it, or empty
     */
    public Optional<DeadLetter> getDead(String id) {
        return Optional.ofNullable(writes.read(s -> table.getDead(s, id)));
    }

    /**
     * @param id a dead letter's id
     * @return the new message's id, or empty if there is no such dead letter
     */
    public Optional<String> requeueDead(String id) {
        String newId = MessageTable.newId();
        boolean found = writes.run(s -> {
            String value = table.takeDead(s, id);
            if (value == null) {
                return false;
            }
            table.insert(s, newId, MessageLimits.of(value, 0, 0, null, null));
            notices.ready(s, 1);
            return true;
        });
        if (!found) {
            return Optional.empty();
        }
        wakeups.ready(1);
        return Optional.of(newId);
    }

    /** @param id a dead letter's id; unknown ids are ignored */
    public void deleteDead(String id) {
        writes.run(s -> {
            table.deleteDead(s, id);
            return null;
        });
    }

    /** @return how many dead letters were deleted */
    public long purgeDead() {
        return writes.run(table::purgeDead);
    }

    /** The cleanup is a database write: the timer thread only hands it to a worker. */
    private void scheduleCleanup() {
        wakeups.schedule(() -> {
            try {
                workers.execute(this::cleanup);
            } catch (RejectedExecutionException closing) {
                // shutting down
            }
        }, settings.cleanupInterval());
    }

    private void cleanup() {
        if (closed) {
            return;
        }
        try {
            int reset = writes.run(s -> {
                int n = table.resetExpired(s);
                if (n > 0) {
                    notices.ready(s, n);
                }
                return n;
            });
            wakeups.ready(reset);
        } catch (RuntimeException e) {
            LOG.warn("Resetting expired queue locks failed (will retry): {}", e.toString());
        }
        scheduleCleanup();
    }

    /**
     * Stops the Java listeners (waiting for their handlers), the cleanup task, the timer and the
     * notices. Streams are closed by their routes first.
     */
    @Override
    public void close() {
        closed = true;
        List.copyOf(listeners).forEach(HandlerListener::stop);
        notices.close();
        wakeups.close();
        workers.shutdown();
        try {
            if (!workers.awaitTermination(10, TimeUnit.SECONDS)) {
                LOG.warn("Queue workers still busy after 10 s; not waiting for them");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
