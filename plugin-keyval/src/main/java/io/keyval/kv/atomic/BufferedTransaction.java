package io.keyval.kv.atomic;

import com.fasterxml.jackson.databind.JsonNode;
import io.keyval.kv.CommitResult;
import io.keyval.kv.Key;
import io.keyval.kv.KvEntry;
import io.keyval.kv.KvTransaction;
import io.keyval.kv.store.JsonValues;
import io.keyval.kv.store.KvStore;
import io.keyval.kv.store.StoredEntry;
import java.math.BigInteger;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * One attempt of {@code kv.transaction}: reads go to the store once per key and are
 * remembered; each remembered read becomes a check of the commit (its versionstamp, or absence);
 * writes are buffered in order and do not show up in reads. Not thread-safe: use it from the
 * transaction body only.
 *
 * <pre>{@code
 * BufferedTransaction tx = new BufferedTransaction(store, service);
 * long n = tx.get(counter, Long.class).value();
 * tx.set(counter, n + 1);
 * CommitResult r = tx.commit(); // ok=false if the counter changed since the read
 * }</pre>
 */
final class BufferedTransaction implements KvTransaction {

    private final KvStore store;
    private final Map<Key, StoredEntry> reads = new LinkedHashMap<>();
    private final AtomicBuilder writes;
    private volatile boolean finished;

    BufferedTransaction(KvStore store, AtomicCommitter committer) {
        this.store = store;
        this.writes = new AtomicBuilder(committer);
    }

    @Override
    public KvEntry<JsonNode> get(Key key) {
        return entry(read(key), JsonValues::tree);
    }

    @Override
    public <T> KvEntry<T> get(Key key, Class<T> type) {
        return entry(read(key), json -> JsonValues.convert(json, type));
    }

    @Override
    public List<KvEntry<JsonNode>> getMany(List<Key> keys) {
        ensureOpen();
        List<Key> unread = keys.stream().filter(k -> !reads.containsKey(k)).distinct().toList();
        if (!unread.isEmpty()) {
            store.getMany(unread).forEach(e -> reads.put(e.key(), e));
        }
        List<KvEntry<JsonNode>> out = new ArrayList<>(keys.size());
        for (Key k : keys) {
            out.add(entry(reads.get(k), JsonValues::tree));
        }
        return out;
    }

    private StoredEntry read(Key key) {
        ensureOpen();
        StoredEntry cached = reads.get(key);
        if (cached == null) {
            cached = store.get(key);
            reads.put(key, cached);
        }
        return cached;
    }

    @Override
    public void set(Key key, Object value) {
        ensureOpen();
        writes.set(key, value);
    }

    @Override
    public void set(Key key, Object value, Duration expiresIn) {
        ensureOpen();
        writes.set(key, value, expiresIn);
    }

    @Override
    public void delete(Key key) {
        ensureOpen();
        writes.delete(key);
    }

    @Override
    public void sum(Key key, long n) {
        ensureOpen();
        writes.sum(key, n);
    }

    @Override
    public void sum(Key key, BigInteger n) {
        ensureOpen();
        writes.sum(key, n);
    }

    @Override
    public void max(Key key, long n) {
        ensureOpen();
        writes.max(key, n);
    }

    @Override
    public void min(Key key, long n) {
        ensureOpen();
        writes.min(key, n);
    }

    @Override
    public void append(Key key, List<?> values) {
        ensureOpen();
        writes.append(key, values);
    }

    @Override
    public void prepend(Key key, List<?> values) {
        ensureOpen();
        writes.prepend(key, values);
    }

    /**
     * Commits the reads as checks plus the buffered writes, and ends the attempt.
     *
     * @return {@code ok=false} when something read has changed since
     */
    CommitResult commit() {
        ensureOpen();
        finish();
        reads.values().forEach(e -> writes.check(e.key(), e.versionstamp()));
        return writes.commit();
    }

    /** Ends the attempt: every later call throws. */
    void finish() {
        finished = true;
    }

    private void ensureOpen() {
        if (finished) {
            throw new IllegalStateException("Transaction already committed");
        }
    }

    private static <T> KvEntry<T> entry(StoredEntry e, Function<String, T> convert) {
        return new KvEntry<>(e.key(), e.exists() ? convert.apply(e.json()) : null, e.versionstamp());
    }
}
