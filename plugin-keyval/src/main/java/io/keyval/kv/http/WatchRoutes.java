package io.keyval.kv.http;

import io.keyval.kv.Key;
import io.keyval.kv.commit.Versionstamps;
import io.keyval.kv.keys.KeyPaths;
import io.keyval.kv.store.KvStore;
import io.keyval.kv.store.StoredEntry;
import io.keyval.kv.watch.KeyState;
import io.keyval.kv.watch.Watch;
import io.keyval.kv.watch.WatchHub;
import io.keyval.kv.watch.WatchSink;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;

/**
 * {@code GET /watch}, {@code /watch/poll}, {@code /watch/prefix}, {@code /watch/prefix/poll}
 * (docs/http-api.md, Watch). The streams are {@link EventStream}s fed by the {@link WatchHub}: no
 * thread and no polling per stream. Reads of the poll endpoints and of the hub are the store's own and
 * are not counted as operations.
 */
public final class WatchRoutes implements Routes, AutoCloseable {

    private final KvStore store;
    private final WatchHub hub;
    private final int maxWatchers;
    private final long heartbeatMillis;
    private final AtomicInteger watchers = new AtomicInteger();
    private final Set<EventStream> streams = ConcurrentHashMap.newKeySet();

    /**
     * @param store the store (the poll endpoints read it)
     * @param hub the watch hub
     * @param maxWatchers open SSE streams allowed at once (503 beyond)
     * @param heartbeatMillis the longest idle time of a stream before a ping
     */
    public WatchRoutes(KvStore store, WatchHub hub, int maxWatchers, long heartbeatMillis) {
        this.store = store;
        this.hub = hub;
        this.maxWatchers = maxWatchers;
        this.heartbeatMillis = heartbeatMillis;
    }

    @Override
    public void registerOn(Router router) {
        router.add("GET", "/watch", this::watchKeys)
                .add("GET", "/watch/poll", this::pollKeys)
                .add("GET", "/watch/prefix", this::watchPrefixes)
                .add("GET", "/watch/prefix/poll", this::pollPrefixes);
    }

    private List<Key> keys(ApiRequest request) {
        List<String> values = request.queryAll("keys");
        if (values.isEmpty()) {
            throw new HttpError(400, "Missing 'keys' query parameter");
        }
        return KeyPaths.keysFromQuery(values);
    }

    private static List<Key> prefixes(ApiRequest request) {
        String one = request.query("prefix");
        List<String> many = request.queryAll("prefixes");
        if (one == null && many.isEmpty()) {
            throw new HttpError(400, "Missing 'prefix' query parameter");
        }
        List<Key> prefixes = new ArrayList<>();
        if (one != null) {
            prefixes.add(KeyPaths.fromQuery(one));
        }
        for (String list : many) {
            for (String path : list.split(",", -1)) {
                prefixes.add(KeyPaths.fromQuery(path));
            }
        }
        return prefixes.stream().distinct().toList();
    }

    private static boolean initial(ApiRequest request) {
        return !"false".equals(request.query("initial"));
    }

    /**
     * @return the versionstamp of {@code Last-Event-ID}, or -1 without one; one this store could not
     *     have sent resumes from the beginning (the whole snapshot)
     */
    private static long lastEventId(ApiRequest request) {
        String id = request.exchange().getRequestHeaders().getFirst("Last-Event-ID");
        return id == null ? -1 : Math.max(0, Versionstamps.parse(id.trim()));
    }

    private void watchKeys(ApiRequest request) {
        List<Key> keys = keys(request);
        long resumeAfter = lastEventId(request);
        openStream(request, stream -> List.of(hub.watchKeys(keys, initial(request) || resumeAfter >= 0,
                stream.sink(resumeAfter, true))));
    }

    private void watchPrefixes(ApiRequest request) {
        List<Key> prefixes = prefixes(request);
        int limit = LimitParam.fromQuery(request.query("limit"));
        long resumeAfter = lastEventId(request);
        openStream(request, stream -> {
            List<Watch> opened = new ArrayList<>();
            try {
                for (Key prefix : prefixes) {
                    opened.add(hub.watchPrefix(prefix, limit, initial(request) || resumeAfter >= 0,
                            stream.sink(resumeAfter, false)));
                }
            } catch (RuntimeException e) {
                opened.forEach(Watch::close);
                throw e;
            }
            return opened;
        });
    }

    /** Reserves a stream slot, opens the watches (the snapshot read happens here, on the worker), then streams. */
    private void openStream(ApiRequest request, Function<WatchStream, List<Watch>> watches) {
        if (watchers.incrementAndGet() > maxWatchers) {
            watchers.decrementAndGet();
            throw new HttpError(503, "Too many watchers");
        }
        WatchStream stream = new WatchStream();
        try {
            stream.watches = watches.apply(stream);
        } catch (RuntimeException e) {
            watchers.decrementAndGet();
            throw e;
        }
        stream.events = EventStream.open(request.exchange(), heartbeatMillis, stream::ended);
        streams.add(stream.events);
        stream.flushEarly();
    }

    /** Ends every open stream (plugin shutdown). */
    @Override
    public void close() {
        streams.forEach(EventStream::close);
    }

    /** One SSE response and the watches that feed it. */
    private final class WatchStream {
        private List<Watch> watches = List.of();
        private EventStream events;
        private final AtomicLong lastId = new AtomicLong();
        private final List<Runnable> early = new ArrayList<>();
        private boolean ended;

        /**
         * @param resumeAfter a {@code Last-Event-ID} versionstamp, or -1: the first batch (the snapshot)
         *     then holds only entries newer than it, and (for keys) those now absent
         * @param reportAbsent whether absent keys of that first batch are reported (key watches)
         */
        WatchSink sink(long resumeAfter, boolean reportAbsent) {
            AtomicBoolean resuming = new AtomicBoolean(resumeAfter >= 0);
            return new WatchSink() {
                @Override
                public void deliver(List<KeyState> batch, Runnable done) { // on the hub's delivery pool
                    List<KeyState> send = batch;
                    if (resuming.getAndSet(false)) {
                        send = batch.stream().filter(s -> s.live() ? s.seq() > resumeAfter : reportAbsent).toList();
                    }
                    if (send.isEmpty()) {
                        done.run();
                        return;
                    }
                    String data = render(send);
                    // The newest versionstamp reported; for an event of absences only, at least the
                    // newest commit this host has seen.
                    long newest = lastId.accumulateAndGet(send.stream().mapToLong(KeyState::seq).max().orElse(0),
                            Math::max);
                    if (send.stream().noneMatch(KeyState::live)) {
                        newest = lastId.accumulateAndGet(hub.latestSeq(), Math::max);
                    }
                    String id = newest > 0 ? Versionstamps.format(newest) : null;
                    synchronized (WatchStream.this) {
                        if (events == null) {
                            early.add(() -> events.send("change", data, id, done));
                            return;
                        }
                    }
                    events.send("change", data, id, done);
                }
            };
        }

        /** Sends what the watches delivered before the response was set up. */
        synchronized void flushEarly() {
            early.forEach(Runnable::run);
            early.clear();
        }

        void ended() {
            synchronized (this) {
                if (ended) {
                    return;
                }
                ended = true;
            }
            watches.forEach(Watch::close);
            streams.remove(events);
            watchers.decrementAndGet();
        }
    }

    private static String render(List<KeyState> states) {
        return JsonResponses.render(out -> {
            out.writeStartArray();
            for (KeyState s : states) {
                EntryJson.write(s.toEntry(), out);
            }
            out.writeEndArray();
        });
    }

    /** {@code GET /watch/poll}: the keys whose versionstamp differs from the one sent, and every key's current one. */
    private void pollKeys(ApiRequest request) throws IOException {
        List<Key> keys = keys(request);
        String sent = request.query("versionstamps");
        String[] previous = sent == null ? new String[0] : sent.split(",", -1); // empty slots kept
        List<Key> distinct = keys.stream().distinct().toList();
        Map<Key, StoredEntry> current = new HashMap<>();
        store.getMany(distinct).forEach(e -> current.put(e.key(), e));
        Map<Key, StoredEntry> changed = new LinkedHashMap<>(); // a key sent twice is reported once
        List<String> versionstamps = new ArrayList<>();
        for (int i = 0; i < keys.size(); i++) {
            StoredEntry e = current.get(keys.get(i));
            String now = e.exists() ? e.versionstamp() : "";
            String before = i < previous.length ? previous[i].trim() : "";
            if (!now.equals(before)) {
                changed.putIfAbsent(e.key(), e);
            }
            versionstamps.add(now);
        }
        JsonResponses.ok(request.exchange(), out -> {
            out.writeStartObject();
            out.writeFieldName("entries");
            EntryJson.writeArray(List.copyOf(changed.values()), out);
            out.writeArrayFieldStart("versionstamps");
            for (String v : versionstamps) {
                out.writeString(v);
            }
            out.writeEndArray();
            out.writeEndObject();
        });
    }

    /**
     * {@code GET /watch/prefix/poll}: the followed entries new or changed since the state string sent,
     * the ones it held that are gone (as deletions), and the new state string.
     */
    private void pollPrefixes(ApiRequest request) throws IOException {
        List<Key> prefixes = prefixes(request);
        int limit = LimitParam.fromQuery(request.query("limit"));
        Map<String, String> before = new LinkedHashMap<>();
        String state = request.query("versionstamps");
        if (state != null && !state.isEmpty()) {
            for (String pair : state.split(",")) {
                int colon = pair.lastIndexOf(':');
                if (colon > 0) {
                    before.put(pair.substring(0, colon), pair.substring(colon + 1));
                }
            }
        }
        Map<String, StoredEntry> live = new LinkedHashMap<>();
        for (Key prefix : prefixes) {
            for (StoredEntry e : store.list(prefix, null, null, limit, false, null)) {
                live.putIfAbsent(KeyPaths.toPath(e.key()), e);
            }
        }
        List<StoredEntry> changed = new ArrayList<>();
        live.forEach((path, e) -> {
            if (!e.versionstamp().equals(before.get(path))) {
                changed.add(e);
            }
        });
        for (String path : before.keySet()) {
            if (!live.containsKey(path)) {
                changed.add(StoredEntry.absent(deletedKey(path)));
            }
        }
        StringBuilder next = new StringBuilder();
        live.forEach((path, e) -> next.append(next.length() == 0 ? "" : ",").append(path).append(':')
                .append(e.versionstamp()));
        JsonResponses.ok(request.exchange(), out -> {
            out.writeStartObject();
            out.writeFieldName("entries");
            EntryJson.writeArray(changed, out);
            out.writeStringField("versionstamps", next.toString());
            out.writeEndObject();
        });
    }

    /** The key of a path from a state string: parsed with the URL rules, best effort. */
    private static Key deletedKey(String path) {
        try {
            return KeyPaths.fromRawPath(path);
        } catch (RuntimeException e) {
            return Key.of(path);
        }
    }
}
