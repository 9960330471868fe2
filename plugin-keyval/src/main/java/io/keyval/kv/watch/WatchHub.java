package io.keyval.kv.watch;

import io.keyval.database.Notifications;
import io.keyval.kv.Key;
import io.keyval.kv.KvException;
import io.keyval.kv.KvValidationException;
import io.keyval.kv.commit.Change;
import io.keyval.kv.commit.CommitListener;
import io.keyval.kv.keys.KeyLimits;
import io.keyval.kv.store.KvStore;
import io.keyval.kv.store.Limits;
import io.keyval.kv.store.StoredEntry;
import io.keyval.kv.store.StoredRow;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Watch, pushed by the commits: every durable change is routed to the watches of its key and of each
 * of its ancestors (a key has at most 20, so finding the watches of a change never scans them all),
 * and a timer reports each watched value's expiry at its {@code expiresAt}. Nothing polls.
 *
 * <p>Threads: the committing thread routes its changes to exact-key watches (a hash lookup and a
 * short update of each matching watch's pending map, in commit order, never a wait) and hands those
 * for prefix watches to one prefix-routing thread; deliveries run on a small pool, at most one per
 * watch at a time; one timer thread fires expiries (offered from there, like the changes other
 * hosts report and refilled windows, which are offered from the pool). Reads the hub makes go to the
 * store directly and are not counted as operations: a watch's snapshot on the subscribing thread,
 * refilled prefix windows and keys changed on other hosts on the pool.
 *
 * <pre>{@code
 * WatchHub hub = WatchHub.attachTo(store, clock, adapter.notifications());
 * Watch w = hub.watchKeys(List.of(Key.of("a")), true, (batch, done) -> { show(batch); done.run(); });
 * w.close();
 * }</pre>
 */
public final class WatchHub implements CommitListener, Notifications.Listener, AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(WatchHub.class);

    private final KvStore store;
    private final Clock clock;
    /** Applies changes to prefix watches, in commit order, off the committing thread. */
    private final ExecutorService prefixRouter = Executors.newSingleThreadExecutor(named("kv-watch-prefixes"));
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(named("kv-watch-expiry"));
    private final ExecutorService delivery = Executors.newFixedThreadPool(
            Math.max(2, Runtime.getRuntime().availableProcessors()), named("kv-watch-delivery"));
    private final Map<Key, List<Watch>> byKey = new ConcurrentHashMap<>();
    private final Map<Key, List<Watch>> byPrefix = new ConcurrentHashMap<>();
    /** Open watches; while there are none, commits are not even handed over. */
    private final AtomicInteger open = new AtomicInteger();
    private volatile boolean closed;
    /** The newest commit this host has seen: never beyond what is durable. */
    private final AtomicLong latestSeq = new AtomicLong();
    private final Optional<RemoteChanges> remote;
    private final AutoCloseable listening;

    private WatchHub(KvStore store, Clock clock, Optional<Notifications> notifications) {
        this.store = store;
        this.clock = clock;
        this.remote = notifications.map(RemoteChanges::new);
        this.listening = notifications.map(n -> n.listen(RemoteChanges.CHANNEL, this)).orElse(() -> { });
    }

    /**
     * @param store the store whose commits are watched
     * @param clock the store's clock (expiry)
     * @param notifications the database's notifications between hosts, if it has any: this host's
     *     commits are then sent to the others, and theirs received
     * @return a hub listening to the store's commits
     */
    public static WatchHub attachTo(KvStore store, Clock clock, Optional<Notifications> notifications) {
        WatchHub hub = new WatchHub(store, clock, notifications);
        store.pipeline().addListener(hub);
        hub.remote.ifPresent(store.pipeline()::addParticipant);
        return hub;
    }

    /**
     * Watches exact keys. The watch is registered before its snapshot is read, so that a write
     * concurrent with the subscription is never missed, and not reported twice.
     *
     * @param keys 1..1000 non-empty keys
     * @param initial whether the sink first receives the state of every key (absent ones too)
     * @param sink where changes go
     * @return the watch; closing it ends it
     */
    public Watch watchKeys(List<Key> keys, boolean initial, WatchSink sink) {
        if (keys.isEmpty()) {
            throw new KvValidationException("At least one key to watch is required");
        }
        KeyLimits.validateBatch(keys);
        KeyWatch watch = new KeyWatch(keys, sink, this);
        register(watch);
        try {
            Map<Key, KeyState> snapshot = snapshot(List.copyOf(watch.keys()));
            watch.start(snapshot, initial);
            return watch;
        } catch (RuntimeException e) {
            watch.close();
            throw e;
        }
    }

    /**
     * Watches the first {@code limit} live descendants of a prefix.
     *
     * @param prefix the prefix (may be empty: the whole store)
     * @param limit 1..1000 (larger values are clamped)
     * @param initial whether the sink first receives the followed entries
     * @param sink where changes go
     * @return the watch; closing it ends it
     */
    public Watch watchPrefix(Key prefix, int limit, boolean initial, WatchSink sink) {
        KeyLimits.validate(prefix, true);
        PrefixWatch watch = new PrefixWatch(prefix, Limits.pageSize(limit), sink, this);
        register(watch);
        try {
            watch.start(window(watch), initial);
            return watch;
        } catch (RuntimeException e) {
            watch.close();
            throw e;
        }
    }

    /**
     * @return the sequence number of the newest commit seen on this host (0 before the first); a
     *     stream whose event holds only absences uses it as its {@code id}
     */
    public long latestSeq() {
        return latestSeq.get();
    }

    /** @return the number of open watches */
    public int openWatches() {
        return open.get();
    }

    @Override
    public void committed(List<Change> changes) {
        latestSeq.accumulateAndGet(changes.get(changes.size() - 1).seq(), Math::max);
        if (open.get() == 0 || closed) {
            return; // no watch: nothing to look up
        }
        List<Runnable> prefixWork = new ArrayList<>(0);
        for (Change change : changes) {
            route(change, prefixWork);
        }
        if (!prefixWork.isEmpty()) {
            try {
                prefixRouter.execute(() -> prefixWork.forEach(Runnable::run));
            } catch (RejectedExecutionException e) {
                // closed
            }
        }
    }

    /** Another host's commits: read what they changed among the keys watched here, and report it. */
    @Override
    public void notified(String payload) {
        if (open.get() == 0) {
            return; // nothing watched here: not even worth parsing
        }
        RemoteChanges.Received received;
        try {
            received = RemoteChanges.Received.parse(payload);
        } catch (RuntimeException e) {
            LOG.warn("Ignoring a malformed watch notification: {}", e.toString());
            return;
        }
        if (remote.map(r -> r.host().equals(received.host())).orElse(false)) {
            return; // our own commits: they reached the watches directly
        }
        if (received.keys() == null) {
            rereadAll();
            return;
        }
        Map<Key, Long> watched = new LinkedHashMap<>();
        for (int i = 0; i < received.keys().size(); i++) {
            Key key = received.keys().get(i);
            if (isWatched(key)) {
                watched.merge(key, received.seqs().get(i), Math::max);
            }
        }
        if (!watched.isEmpty()) {
            readAndOffer(watched);
        }
    }

    /** The listening connection was lost meanwhile: whatever changed then is read again. */
    @Override
    public void reconnected() {
        rereadAll();
    }

    private boolean isWatched(Key key) {
        if (byKey.containsKey(key)) {
            return true;
        }
        if (!byPrefix.isEmpty()) {
            List<Object> parts = key.parts();
            for (int n = 0; n < parts.size(); n++) {
                if (byPrefix.containsKey(Key.of(parts.subList(0, n)))) {
                    return true;
                }
            }
        }
        return false;
    }

    /** Reads keys (on the delivery pool) and offers their state; an absent key with the given seq. */
    private void readAndOffer(Map<Key, Long> keys) {
        List<Key> all = List.copyOf(keys.keySet());
        delivery.execute(() -> {
            try {
                for (int from = 0; from < all.size(); from += 1000) {
                    List<Key> batch = all.subList(from, Math.min(all.size(), from + 1000));
                    Map<Key, KeyState> states = snapshot(batch);
                    states.values().forEach(s -> offer(s.live() ? s : KeyState.absent(s.key(), keys.get(s.key()))));
                }
            } catch (RuntimeException e) {
                LOG.warn("Reading watched keys changed on another host failed: {}", e.toString());
            }
        });
    }

    /** Reads every watched key and prefix window again, reporting what differs from what was reported. */
    private void rereadAll() {
        Map<Key, Long> keys = new LinkedHashMap<>();
        byKey.keySet().forEach(k -> keys.put(k, KeyState.UNKNOWN));
        List<PrefixWatch> prefixes = new ArrayList<>();
        byPrefix.values().forEach(list -> list.forEach(w -> prefixes.add((PrefixWatch) w)));
        for (PrefixWatch w : prefixes) {
            w.followedKeys().forEach(k -> keys.put(k, KeyState.UNKNOWN));
            refill(w);
        }
        if (!keys.isEmpty()) {
            readAndOffer(keys);
        }
    }

    /**
     * Applies a change to the exact-key watches at once (a hash lookup each: cheap enough for the
     * committing thread, and one hand-off less for those watchers); the prefix watches it concerns are
     * collected for the prefix router, since keeping a window is more work than a writer should do.
     */
    private void route(Change change, List<Runnable> prefixWork) {
        KeyState state = change.type() == Change.Type.SET
                ? new KeyState(change.key(), change.json(), change.seq(), change.expiresAt())
                : KeyState.absent(change.key(), change.seq());
        if (offer(state, prefixWork::add) && state.expiresAt() != null) {
            expireAt(state);
        }
    }

    /** @return the watch lists of the key's ancestors that have prefix watches */
    private List<List<Watch>> prefixWatches(Key key) {
        if (byPrefix.isEmpty()) {
            return List.of();
        }
        List<List<Watch>> found = new ArrayList<>(1);
        List<Object> parts = key.parts();
        for (int n = 0; n < parts.size(); n++) {
            List<Watch> under = byPrefix.get(Key.of(parts.subList(0, n)));
            if (under != null) {
                found.add(under);
            }
        }
        return found;
    }

    /**
     * Routes a state to the watches of its key and of its ancestors, all on this thread.
     *
     * @return whether any watch had it
     */
    private boolean offer(KeyState state) {
        return offer(state, Runnable::run);
    }

    /**
     * Offers a state to the watches of its key at once, and to those of its ancestors through
     * {@code prefixes} (which runs the work, or collects it for the prefix router).
     *
     * @return whether any watch had it
     */
    private boolean offer(KeyState state, Consumer<Runnable> prefixes) {
        boolean routed = false;
        List<Watch> exact = byKey.get(state.key());
        if (exact != null) {
            exact.forEach(w -> w.offer(state));
            routed = true;
        }
        for (List<Watch> under : prefixWatches(state.key())) {
            prefixes.accept(() -> under.forEach(w -> w.offer(state)));
            routed = true;
        }
        return routed;
    }

    /** Reports the expiry of a watched value at its {@code expiresAt}, unless a later write replaced it. */
    private void expireAt(KeyState live) {
        long delay = Math.max(0, live.expiresAt() - clock.millis());
        try {
            timer.schedule(() -> offer(KeyState.absent(live.key(), live.seq())), delay, TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException e) {
            // closed
        }
    }

    private void register(Watch watch) {
        if (closed) {
            throw new KvException("The store is closed");
        }
        open.incrementAndGet();
        if (watch.prefix() != null) {
            add(byPrefix, watch.prefix(), watch);
        } else {
            watch.keys().forEach(k -> add(byKey, k, watch));
        }
    }

    /** Called once by a watch that closes. */
    void unregister(Watch watch) {
        if (watch.prefix() != null) {
            remove(byPrefix, watch.prefix(), watch);
        } else {
            watch.keys().forEach(k -> remove(byKey, k, watch));
        }
        open.decrementAndGet();
    }

    private static void add(Map<Key, List<Watch>> index, Key key, Watch watch) {
        index.compute(key, (k, list) -> {
            List<Watch> watches = list == null ? new CopyOnWriteArrayList<>() : list;
            watches.add(watch);
            return watches;
        });
    }

    private static void remove(Map<Key, List<Watch>> index, Key key, Watch watch) {
        index.computeIfPresent(key, (k, list) -> {
            list.remove(watch);
            return list.isEmpty() ? null : list;
        });
    }

    /** Reads a prefix window again (a followed key left a full window) and offers what it holds. */
    void refill(PrefixWatch watch) {
        delivery.execute(() -> {
            if (watch.isClosed()) {
                return;
            }
            try {
                window(watch).values().forEach(watch::offer);
            } catch (RuntimeException e) {
                LOG.warn("Re-reading the window of a prefix watch failed: {}", e.toString());
            }
        });
    }

    Executor delivery() {
        return delivery;
    }

    /** @return the live state of each key (absent ones with seq 0); schedules the expiry of live ones */
    private Map<Key, KeyState> snapshot(List<Key> keys) {
        long now = clock.millis();
        Map<Key, StoredRow> rows = store.readRows(keys);
        Map<Key, KeyState> states = new LinkedHashMap<>();
        for (Key k : keys) {
            StoredRow row = rows.getOrDefault(k, StoredRow.NONE);
            StoredEntry live = row.liveAt(k, now);
            states.put(k, live.exists() ? new KeyState(k, live.json(), live.seq(), row.expiresAt()) : KeyState.absent(k, 0));
        }
        states.values().stream().filter(s -> s.expiresAt() != null).forEach(this::expireAt);
        return states;
    }

    /** @return the first {@code limit} live descendants of the watch's prefix */
    private Map<Key, KeyState> window(PrefixWatch watch) {
        List<StoredEntry> listed = store.list(watch.prefix(), null, null, watch.limit(), false, null);
        return snapshot(listed.stream().map(StoredEntry::key).toList());
    }

    /** Stops routing, timers and deliveries; open watches receive nothing more. */
    @Override
    public void close() {
        try {
            listening.close();
        } catch (Exception e) {
            LOG.debug("Stopping to listen failed: {}", e.toString());
        }
        closed = true;
        prefixRouter.shutdownNow();
        timer.shutdownNow();
        delivery.shutdownNow();
    }

    private static ThreadFactory named(String name) {
        AtomicInteger n = new AtomicInteger();
        return r -> {
            Thread t = new Thread(r, name + "-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
    }
}
