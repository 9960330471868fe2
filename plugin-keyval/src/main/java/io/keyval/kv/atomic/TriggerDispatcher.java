package io.keyval.kv.atomic;

import io.keyval.kv.Key;
import io.keyval.kv.Kv;
import io.keyval.kv.KvChange;
import io.keyval.kv.KvValidationException;
import io.keyval.kv.commit.Change;
import io.keyval.kv.commit.CommitListener;
import io.keyval.kv.commit.CommitPipeline;
import io.keyval.kv.commit.Versionstamps;
import io.keyval.kv.keys.KeyLimits;
import io.keyval.kv.store.JsonValues;
import java.util.EnumSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Triggers: after every durable commit, one {@link KvChange} per changed entry — the
 * stored value for sets (the result of a sum, append, ...), one event per removed entry for
 * deletes; TTL expiry fires nothing — goes to each trigger whose prefix equals or is an ancestor of
 * the key ({@code Key.of()} matches all) and that asked for that event type.
 *
 * <p>Handlers are <b>asynchronous</b>: they run after the commit has been acknowledged, on one
 * dedicated thread, one at a time and in commit order. A handler that throws is logged and the
 * others still run. A slow handler delays later events, never commits.
 *
 * <pre>{@code
 * TriggerDispatcher triggers = TriggerDispatcher.attachTo(store.pipeline());
 * try (Kv.Subscription s = triggers.subscribe(Key.of("orders"), EnumSet.of(KvChange.Type.SET),
 *         change -> mailer.send(change.value()))) {
 *     ...
 * }
 * triggers.close(); // at shutdown: delivers what is queued, then stops the thread
 * }</pre>
 */
public final class TriggerDispatcher implements CommitListener, AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(TriggerDispatcher.class);

    private final List<Trigger> triggers = new CopyOnWriteArrayList<>();
    // A single-thread executor starts its thread on the first event, so an unused dispatcher is free.
    private final ExecutorService executor = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "kv-trigger-dispatcher");
        t.setDaemon(true);
        return t;
    });

    private TriggerDispatcher() {
    }

    /**
     * @param pipeline the pipeline whose commits fire triggers
     * @return a dispatcher listening to it
     */
    public static TriggerDispatcher attachTo(CommitPipeline pipeline) {
        TriggerDispatcher d = new TriggerDispatcher();
        pipeline.addListener(d);
        return d;
    }

    /**
     * @param prefix the prefix ({@code Key.of()} for all keys)
     * @param events the change types wanted (at least one)
     * @param handler called on the dispatcher thread
     * @return the handle; closing it unsubscribes (idempotent)
     */
    public Kv.Subscription subscribe(Key prefix, Set<KvChange.Type> events, Consumer<KvChange> handler) {
        KeyLimits.validate(prefix, true);
        Objects.requireNonNull(handler, "handler");
        if (events == null || events.isEmpty()) {
            throw new KvValidationException("A trigger needs at least one event type");
        }
        Trigger trigger = new Trigger(prefix, EnumSet.copyOf(events), handler);
        triggers.add(trigger);
        return trigger;
    }

    @Override
    public void committed(List<Change> changes) {
        if (triggers.isEmpty()) {
            return;
        }
        List<Trigger> current = List.copyOf(triggers);
        try {
            executor.execute(() -> deliver(changes, current));
        } catch (RejectedExecutionException e) {
            LOG.debug("Trigger dispatcher closed; {} change(s) not delivered", changes.size());
        }
    }

    private static void deliver(List<Change> changes, List<Trigger> current) {
        for (Change change : changes) {
            KvChange.Type type = switch (change.type()) {
                case SET -> KvChange.Type.SET;
                case DELETE -> KvChange.Type.DELETE;
                case EXPIRE -> null;
            };
            if (type == null) {
                continue;
            }
            KvChange event = null;
            for (Trigger t : current) {
                if (t.active && t.events.contains(type) && change.key().startsWith(t.prefix)) {
                    if (event == null) {
                        event = new KvChange(type, change.key(),
                                change.json() == null ? null : JsonValues.tree(change.json()),
                                Versionstamps.format(change.seq()));
                    }
                    t.fire(event);
                }
            }
        }
    }

    /** Stops accepting events, delivers the queued ones (up to 5 s) and stops the thread. */
    @Override
    public void close() {
        executor.shutdown();
        try {
            if (!executor.awaitTermination(5, TimeUnit.SECONDS)) {
                LOG.warn("Trigger handlers still running after 5 s; abandoning them");
                executor.shutdownNow();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** One registration. */
    private final class Trigger implements Kv.Subscription {
        final Key prefix;
        final Set<KvChange.Type> events;
        final Consumer<KvChange> handler;
        volatile boolean active = true;

        Trigger(Key prefix, Set<KvChange.Type> events, Consumer<KvChange> handler) {
            this.prefix = prefix;
            this.events = events;
            this.handler = handler;
        }

        void fire(KvChange event) {
            try {
                handler.accept(event);
            } catch (RuntimeException e) {
                LOG.warn("Trigger handler for prefix {} failed on {} {}", prefix, event.type(), event.key(), e);
            }
        }

        @Override
        public void close() {
            active = false;
            triggers.remove(this);
        }
    }
}
