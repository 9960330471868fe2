package io.keyval.kv.watch;

import io.keyval.kv.Key;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One subscription: what it follows, the state it last reported per key, and the changes not yet
 * delivered, coalesced per key to the latest state. At most one delivery is in flight: changes
 * arriving meanwhile wait in the pending map, one entry per key, so a slow consumer never holds up
 * commits or other watches. For a key watch the map is bounded by its keys; for a prefix watch by its
 * window plus the keys deleted from it since the last delivery (a stalled consumer of a prefix that
 * keeps churning holds one entry per deleted key until it reads again or is disconnected).
 *
 * <p>Until its snapshot is read, a watch only records the changes routed to it; then it reports the
 * snapshot (if asked) and replays them, dropping those the snapshot already shows.
 */
public abstract class Watch implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(Watch.class);

    private final WatchSink sink;
    private final Executor delivery;
    final WatchHub hub;
    private final List<KeyState> early = new ArrayList<>();
    private boolean snapshotRead;
    private boolean inFlight;
    private volatile boolean closed;

    Watch(WatchSink sink, WatchHub hub) {
        this.sink = sink;
        this.hub = hub;
        this.delivery = hub.delivery();
    }

    /** @return the exact keys routed to this watch (empty for a prefix watch) */
    abstract Collection<Key> keys();

    /** @return the prefix routed to this watch, or {@code null} for a key watch */
    abstract Key prefix();

    /**
     * Applies a change to what the watch follows; called with the lock held.
     *
     * @return whether it changed what the watch reported (then it is pending)
     */
    abstract boolean apply(KeyState state);

    /** @return the pending states, in delivery order, removed from pending; called with the lock held */
    abstract List<KeyState> takePending();

    /** Records the snapshot as the reported state; returns it for an initial report. Lock held. */
    abstract List<KeyState> applySnapshot(Map<Key, KeyState> snapshot);

    /** A change routed by the hub. */
    final void offer(KeyState state) {
        synchronized (this) {
            if (closed) {
                return;
            }
            if (!snapshotRead) {
                early.add(state);
                return;
            }
            if (!apply(state)) {
                return;
            }
        }
        deliverPending();
    }

    /**
     * Takes the snapshot: reports it when {@code initial}, then replays what arrived meanwhile.
     *
     * @param snapshot the state of every followed key at the time of the read
     * @param initial whether to report it
     */
    final void start(Map<Key, KeyState> snapshot, boolean initial) {
        List<KeyState> report;
        synchronized (this) {
            report = applySnapshot(snapshot);
            snapshotRead = true;
            for (KeyState state : early) {
                apply(state);
            }
            early.clear();
            if (initial && !closed) {
                inFlight = true;
            } else {
                report = null;
            }
        }
        if (report != null) {
            send(report);
        } else {
            deliverPending();
        }
    }

    /** Sends the pending changes if none is in flight. */
    private void deliverPending() {
        List<KeyState> batch;
        synchronized (this) {
            if (inFlight || closed) {
                return;
            }
            batch = takePending();
            if (batch.isEmpty()) {
                return;
            }
            inFlight = true;
        }
        send(batch);
    }

    /** Off the calling thread, which may be a committing one: it must only hand work over. */
    private void send(List<KeyState> batch) {
        delivery.execute(() -> deliverNow(batch));
    }

    private void deliverNow(List<KeyState> batch) {
        if (closed) {
            return;
        }
        try {
            sink.deliver(batch, this::delivered);
        } catch (RuntimeException e) {
            LOG.warn("Watch delivery failed", e);
            delivered();
        }
    }

    /** The sink consumed the batch in flight: the next one may go. */
    private void delivered() {
        synchronized (this) {
            inFlight = false;
        }
        deliverPending();
    }

    /** Stops the watch: nothing more is delivered; idempotent. */
    @Override
    public final void close() {
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
        }
        hub.unregister(this);
    }

    final boolean isClosed() {
        return closed;
    }
}
