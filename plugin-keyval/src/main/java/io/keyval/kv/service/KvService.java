package io.keyval.kv.service;

import com.fasterxml.jackson.databind.JsonNode;
import io.keyval.kv.CommitResult;
import io.keyval.kv.Key;
import io.keyval.kv.KvValidationException;
import io.keyval.kv.atomic.AtomicCommit;
import io.keyval.kv.atomic.AtomicCommitter;
import io.keyval.kv.atomic.AtomicRequest;
import io.keyval.kv.metrics.MetricsRecorder;
import io.keyval.kv.metrics.Operation;
import io.keyval.kv.store.EntryBytes;
import io.keyval.kv.store.KvStore;
import io.keyval.kv.store.PiecedRead;
import io.keyval.kv.store.RawPage;
import io.keyval.kv.store.StoredEntry;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The service operations: what a client asks of the store, over HTTP ({@code http}) or through the
 * Java {@link io.keyval.kv.Kv} ({@code plugin.DefaultKv}), each call counted once in the metrics (its
 * latency, and whether it ended in an exception, validation failures included). Reads the store makes
 * for its own purposes (atomic checks, a transaction's reads, and later watch catch-up and queue
 * internals) go to the {@link KvStore} directly and are not counted.
 *
 * <pre>{@code
 * KvService service = new KvService(store, metrics);
 * StoredEntry e = service.get(Key.of("users", 42)); // one "get"
 * }</pre>
 */
public final class KvService implements AtomicCommitter {

    private final KvStore store;
    private final MetricsRecorder recorder;

    /**
     * @param store the store
     * @param recorder where calls are counted ({@link MetricsRecorder#NONE} when metrics are off)
     */
    public KvService(KvStore store, MetricsRecorder recorder) {
        this.store = store;
        this.recorder = recorder;
    }

    /** @return the store, for reads that are not client calls */
    public KvStore store() {
        return store;
    }

    /**
     * @param key a non-empty key
     * @return the live entry or the absent entry
     * @see KvStore#get
     */
    public StoredEntry get(Key key) {
        return metered(Operation.GET, () -> store.get(key));
    }

    /**
     * @param key a non-empty key
     * @return the live or absent entry, its value as stored bytes
     * @see KvStore#getBytes
     */
    public EntryBytes getBytes(Key key) {
        return metered(Operation.GET, () -> store.getBytes(key));
    }

    /**
     * Counted only when it answers, or rejects the key: otherwise (it would have had to wait, or the
     * read failed) the caller makes the call again with {@link #getBytes}, which counts it.
     *
     * @param key a non-empty key
     * @return the entry, or empty when the read would have had to wait
     * @see KvStore#getBytesWithoutWaiting
     */
    public Optional<EntryBytes> getBytesWithoutWaiting(Key key) {
        long start = System.nanoTime();
        Optional<EntryBytes> entry;
        try {
            entry = store.getBytesWithoutWaiting(key);
        } catch (KvValidationException e) {
            recorder.record(Operation.GET, start, true);
            throw e;
        }
        if (entry.isPresent()) {
            recorder.record(Operation.GET, start, false);
        }
        return entry;
    }

    /**
     * @param keys up to 1000 non-empty keys
     * @return one entry per key, in order
     * @see KvStore#getMany
     */
    public List<StoredEntry> getMany(List<Key> keys) {
        return metered(Operation.GET, () -> store.getMany(keys));
    }

    /**
     * @param keys up to 1000 non-empty keys
     * @return the read, counted as one {@code get} once it ends
     * @see KvStore#readKeys
     */
    public PiecedRead readKeys(List<Key> keys) {
        return meteredRead(Operation.GET, () -> store.readKeys(keys));
    }

    /**
     * @param key a non-empty key
     * @param json compact JSON text
     * @param expiresIn time to live in ms, or {@code null}
     * @return the new versionstamp
     * @see KvStore#set
     */
    public String set(Key key, String json, Long expiresIn) {
        return metered(Operation.SET, () -> store.set(key, json, expiresIn));
    }

    /**
     * @param key a non-empty key
     * @param exact only the key itself
     * @param where a filter, or {@code null}
     * @return the number of live entries removed
     * @see KvStore#delete
     */
    public long delete(Key key, boolean exact, JsonNode where) {
        return metered(Operation.DELETE, () -> store.delete(key, exact, where));
    }

    /**
     * Counted as one {@code delete} per key, the call's latency shared among them (a batch rejected
     * as a whole: one failed {@code delete}).
     *
     * @param keys up to 1000 non-empty keys
     * @param exact only the keys themselves
     * @param where a filter, or {@code null}
     * @return the number of live entries removed
     * @see KvStore#deleteBatch
     */
    public long deleteBatch(List<Key> keys, boolean exact, JsonNode where) {
        long start = System.nanoTime();
        boolean failed = true;
        try {
            long deleted = store.deleteBatch(keys, exact, where);
            failed = false;
            return deleted;
        } finally {
            // A rejected batch is one failed call; an applied one, one call per key.
            int calls = failed ? 1 : keys.size();
            long each = (System.nanoTime() - start) / Math.max(1, calls);
            for (int i = 0; i < calls; i++) {
                recorder.record(Operation.DELETE, System.nanoTime() - each, failed);
            }
        }
    }

    /**
     * @param prefix the prefix
     * @param start inclusive start or {@code null}
     * @param end exclusive end or {@code null}
     * @param limit page size
     * @param reverse descending order
     * @param where a filter, or {@code null}
     * @return the entries
     * @see KvStore#list
     */
    public List<StoredEntry> list(Key prefix, Key start, Key end, long limit, boolean reverse, JsonNode where) {
        return metered(Operation.LIST, () -> store.list(prefix, start, end, limit, reverse, where));
    }

    /**
     * @param prefix the prefix
     * @param start inclusive start or {@code null}
     * @param end exclusive end or {@code null}
     * @param limit page size
     * @param reverse descending order
     * @param where a filter, or {@code null}
     * @return the read, counted as one {@code list} once it ends
     * @see KvStore#scan
     */
    public PiecedRead scan(Key prefix, Key start, Key end, long limit, boolean reverse, JsonNode where) {
        return meteredRead(Operation.LIST, () -> store.scan(prefix, start, end, limit, reverse, where));
    }

    /**
     * @param prefix the prefix
     * @return the number of live strict descendants
     * @see KvStore#count
     */
    public long count(Key prefix) {
        return metered(Operation.COUNT, () -> store.count(prefix));
    }

    /**
     * @param prefix the prefix
     * @param cursor a previous page's cursor, or {@code null}
     * @param limit page size
     * @param reverse descending order
     * @return the page
     * @see KvStore#paginate
     */
    public RawPage paginate(Key prefix, String cursor, long limit, boolean reverse) {
        return metered(Operation.PAGINATE, () -> store.paginate(prefix, cursor, limit, reverse));
    }

    /**
     * An atomic commit ({@code POST /atomic}, {@code kv.atomic()...commit()}, each commit of a
     * transaction); a failed check is an outcome, not an error.
     *
     * @param request the validated request
     * @return the outcome
     */
    @Override
    public CommitResult commit(AtomicRequest request) {
        return metered(Operation.ATOMIC_COMMIT, () -> AtomicCommit.run(store, request));
    }

    private <T> T metered(Operation op, Supplier<T> call) {
        return recorder.timed(op, call);
    }

    private PiecedRead meteredRead(Operation op, Supplier<PiecedRead> open) {
        long start = System.nanoTime();
        PiecedRead read;
        try {
            read = open.get();
        } catch (RuntimeException e) {
            recorder.record(op, start, true);
            throw e;
        }
        return new MeteredRead(read, recorder, op, start);
    }
}
