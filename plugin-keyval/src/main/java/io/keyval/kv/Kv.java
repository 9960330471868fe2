package io.keyval.kv;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.InputStream;
import java.io.OutputStream;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;

/**
 * The key-value store, as sibling plugins see it. Obtain it in your plugin's {@code onInit}:
 *
 * <pre>{@code
 * Kv kv = ctx.getPlugin("plugin-keyval", Kv.class);
 * kv.set(Key.of("config", "theme"), "dark");
 * KvEntry<String> theme = kv.get(Key.of("config", "theme"), String.class);
 *
 * record User(String name, int age) {}
 * kv.set(Key.of("users", 1), new User("Ada", 36), Duration.ofHours(1));
 * List<KvEntry<User>> users = kv.list(Key.of("users"), ListOptions.defaults(), User.class);
 *
 * CommitResult r = kv.atomic()
 *     .check(Key.of("users", 1), theme.versionstamp())
 *     .sum(Key.of("stats", "logins"), 1)
 *     .commit();
 * }</pre>
 *
 * <p>Values are JSON: any value Jackson can convert (records, maps, lists, strings, numbers,
 * booleans, {@code null}, {@link JsonNode}). Reads convert the stored JSON to the requested type.
 * Every method is thread-safe. Invalid input throws {@link KvValidationException} and changes
 * nothing; storage failures throw {@link KvException}.
 */
public interface Kv {

    /**
     * @param key the key
     * @return the entry as a JSON tree (absent: value and versionstamp {@code null})
     */
    KvEntry<JsonNode> get(Key key);

    /**
     * @param key the key
     * @param type the value type
     * @param <T> the value type
     * @return the entry with its value converted to {@code type}
     */
    <T> KvEntry<T> get(Key key, Class<T> type);

    /**
     * @param keys up to 1000 keys
     * @return one entry per key, in the same order (duplicates answered at each position)
     */
    List<KvEntry<JsonNode>> getMany(List<Key> keys);

    /**
     * Stores a value without expiry (removing any previous expiry).
     *
     * @param key a non-empty key
     * @param value the value
     * @return {@code ok} and the new versionstamp
     */
    CommitResult set(Key key, Object value);

    /**
     * Stores a value that disappears after {@code expiresIn}.
     *
     * @param key a non-empty key
     * @param value the value
     * @param expiresIn positive time to live (millisecond precision), or {@code null} for none
     * @return {@code ok} and the new versionstamp
     */
    CommitResult set(Key key, Object value, Duration expiresIn);

    /**
     * Deletes {@code key} and all its descendants.
     *
     * @param key the key
     * @return the number of live entries removed
     */
    long delete(Key key);

    /**
     * @param key the key
     * @param options exact mode and/or a where filter
     * @return the number of live entries removed
     */
    long delete(Key key, DeleteOptions options);

    /**
     * Lists the live strict descendants of {@code prefix} (not the prefix key itself).
     *
     * @param prefix the prefix; {@code Key.of()} lists every key
     * @param options bounds, limit, order, filter
     * @return the entries
     */
    List<KvEntry<JsonNode>> list(Key prefix, ListOptions options);

    /**
     * @param prefix the prefix
     * @param options bounds, limit, order, filter
     * @param type the value type
     * @param <T> the value type
     * @return the entries with converted values
     */
    <T> List<KvEntry<T>> list(Key prefix, ListOptions options, Class<T> type);

    /**
     * @param prefix the prefix
     * @return the number of live strict descendants
     */
    long count(Key prefix);

    /**
     * @param prefix the prefix
     * @param options cursor, page size, order
     * @return one page
     * @throws KvValidationException {@code Invalid cursor} for a cursor this store did not issue
     */
    Page<JsonNode> paginate(Key prefix, PageOptions options);

    /** @return a new atomic operation builder */
    AtomicOperation atomic();

    /**
     * Runs {@code fn} in an optimistic transaction: reads are recorded as checks, writes are
     * buffered and committed atomically; on conflict the function is re-run up to
     * {@code options.maxRetries()} times with exponential backoff and jitter.
     *
     * @param fn the transaction body
     * @param options retries and delay
     * @param <T> the body's result type
     * @return the result
     */
    <T> TransactionResult<T> transaction(TransactionFunction<T> fn, TransactionOptions options);

    /**
     * @return a key part that an atomic commit replaces by its UUIDv7 (one per commit), e.g.
     *     {@code kv.atomic().set(Key.of("orders", kv.uuidv7()), order)}
     */
    Object uuidv7();

    /**
     * Calls {@code handler} after every committed change of a key equal to or below {@code prefix}:
     * one {@link KvChange} per changed entry, {@code SET} with the value as stored (e.g. the result of
     * a {@code sum}), {@code DELETE} per removed entry; TTL expiry fires nothing.
     *
     * <p>Handlers are <b>asynchronous</b>: they run after the commit has returned to the writer, on one
     * dedicated thread, one at a time, in commit order; their exceptions are logged and ignored.
     *
     * <pre>{@code
     * try (Kv.Subscription s = kv.addTrigger(Key.of("orders"), EnumSet.of(KvChange.Type.SET),
     *         change -> mailer.confirm(change.key(), change.value()))) {
     *     ...
     * }
     * }</pre>
     *
     * @param prefix the prefix ({@code Key.of()} for every key)
     * @param events the change types to receive
     * @param handler the handler
     * @return a handle whose {@link AutoCloseable#close()} unsubscribes
     */
    Subscription addTrigger(Key prefix, Set<KvChange.Type> events, Consumer<KvChange> handler);

    /**
     * Follows keys: calls {@code listener} with the entries that changed, each in its latest state,
     * in the order of {@code keys}. A deleted or expired key comes with a {@code null} value and
     * versionstamp. Changes made anywhere reach it (HTTP, this API, atomic commits, the TTL purge, other
     * hosts sharing the database), pushed by the commits: nothing polls.
     *
     * <p>The listener runs on a thread of the store's, never the committing one, one call at a time
     * per subscription; changes that arrive while it runs are coalesced into its next call. Keep it
     * quick.
     *
     * <pre>{@code
     * try (Kv.Subscription s = kv.watch(List.of(Key.of("config", "theme")), WatchOptions.defaults(),
     *         entries -> entries.forEach(e -> apply(e.value())))) {
     *     ...
     * }
     * }</pre>
     *
     * @param keys 1..1000 keys (duplicates are watched once)
     * @param options whether the first call carries the current state ({@code limit} is ignored)
     * @param listener receives each batch of changed entries
     * @return a handle whose {@link AutoCloseable#close()} stops the watch
     * @throws KvValidationException for invalid keys
     */
    Subscription watch(List<Key> keys, WatchOptions options, Consumer<List<KvEntry<JsonNode>>> listener);

    /**
     * Follows the first {@code options.limit()} live descendants of {@code prefix}, in key order, like
     * {@link #watch}: new and changed entries, and deletions of followed ones as {@code null}.
     *
     * @param prefix the prefix ({@code Key.of()}: the whole store)
     * @param options initial snapshot and how many descendants are followed
     * @param listener receives each batch of changed entries, in key order
     * @return a handle whose {@link AutoCloseable#close()} stops the watch
     * @throws KvValidationException for an invalid prefix or limit
     */
    Subscription watchPrefix(Key prefix, WatchOptions options, Consumer<List<KvEntry<JsonNode>>> listener);

    /**
     * The store's durable message queue (see {@link KvQueue}).
     *
     * <pre>{@code
     * kv.queue().enqueue(Map.of("orderId", 42), EnqueueOptions.defaults().delay(Duration.ofMinutes(1)));
     * }</pre>
     *
     * @return the queue
     */
    KvQueue queue();

    /**
     * Full-text search over entries (see {@link KvFts}).
     *
     * <pre>{@code
     * kv.fts().createIndex(FtsIndex.of(Key.of("posts"), "title", "body"));
     * List<KvEntry<JsonNode>> hits = kv.fts().search(Key.of("posts"), "\"full text\" OR search*",
     *         SearchOptions.defaults().limit(20));
     * }</pre>
     *
     * @return the search indexes
     */
    KvFts fts();

    /**
     * Writes an export of the store, or of the entries under a prefix, as NDJSON (docs/export-import.md):
     * a header, the search index definitions, the live entries with their absolute expiry, an end
     * record. It reads one consistent snapshot while writes go on, and streams: memory stays bounded.
     *
     * <pre>{@code
     * try (OutputStream out = Files.newOutputStream(Path.of("backup.ndjson"))) {
     *     kv.exportTo(out, ExportOptions.wholeStore());
     * }
     * }</pre>
     *
     * @param out where to write; not closed
     * @param options the prefix to export
     * @return the number of entries written
     */
    long exportTo(OutputStream out, ExportOptions options);

    /**
     * Applies an export through the normal commit path (indexes, watchers and triggers see the
     * entries): entries get new versionstamps, expired ones are skipped, index definitions are created
     * before the entries that follow them.
     *
     * <pre>{@code
     * try (InputStream in = Files.newInputStream(Path.of("backup.ndjson"))) {
     *     ImportResult r = kv.importFrom(in, ImportOptions.defaults().overwrite(false));
     * }
     * }</pre>
     *
     * @param in the export; read to its end, not closed
     * @param options overwrite or skip existing keys; all at once or in batches
     * @return what was applied
     * @throws KvImportException at the first record that cannot be read or applied (it names the line
     *     and what was applied before it)
     */
    ImportResult importFrom(InputStream in, ImportOptions options);

    /**
     * This host's operation metrics, as {@code GET /metrics} shows them. Calls through this interface
     * count exactly like HTTP calls.
     *
     * <pre>{@code
     * String scrape = kv.metrics().prometheusText();
     * }</pre>
     *
     * @return the metrics
     * @throws KvException when metrics are disabled ({@code metrics.enabled: false})
     */
    KvMetrics metrics();

    /** An active trigger registration. */
    interface Subscription extends AutoCloseable {
        /** Unsubscribes; idempotent. */
        @Override
        void close();
    }
}
