package io.keyval.kv.plugin;

import com.fasterxml.jackson.databind.JsonNode;
import io.keyval.kv.AtomicOperation;
import io.keyval.kv.CommitResult;
import io.keyval.kv.DeleteOptions;
import io.keyval.kv.ExportOptions;
import io.keyval.kv.Filter;
import io.keyval.kv.ImportOptions;
import io.keyval.kv.ImportResult;
import io.keyval.kv.Key;
import io.keyval.kv.Kv;
import io.keyval.kv.KvChange;
import io.keyval.kv.KvEntry;
import io.keyval.kv.KvException;
import io.keyval.kv.KvFts;
import io.keyval.kv.KvMetrics;
import io.keyval.kv.KvQueue;
import io.keyval.kv.ListOptions;
import io.keyval.kv.Page;
import io.keyval.kv.PageOptions;
import io.keyval.kv.TransactionFunction;
import io.keyval.kv.TransactionOptions;
import io.keyval.kv.TransactionResult;
import io.keyval.kv.WatchOptions;
import io.keyval.kv.atomic.AtomicBuilder;
import io.keyval.kv.atomic.TransactionRunner;
import io.keyval.kv.atomic.TriggerDispatcher;
import io.keyval.kv.service.KvService;
import io.keyval.kv.store.JsonValues;
import io.keyval.kv.store.RawPage;
import io.keyval.kv.store.StoredEntry;
import io.keyval.kv.transfer.StoreTransfer;
import io.keyval.kv.watch.WatchHub;
import io.keyval.kv.watch.WatchSink;
import java.io.InputStream;
import java.io.OutputStream;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@link Kv} service: typed conversions over the service operations ({@link KvService}), which
 * count each call in the metrics exactly like an HTTP call.
 */
public final class DefaultKv implements Kv {

    private static final Logger LOG = LoggerFactory.getLogger(DefaultKv.class);

    private final KvService service;
    private final TransactionRunner transactions;
    private final TriggerDispatcher triggers;
    private final Optional<KvMetrics> metrics;
    private final WatchHub watches;
    private final KvQueue queue;
    private final KvFts fts;
    private final StoreTransfer transfer;

    /**
     * @param service the service operations
     * @param triggers the dispatcher attached to the store's pipeline (its owner closes it)
     * @param metrics this host's metrics; empty when disabled
     * @param watches the store's watch hub (its owner closes it)
     * @param queue the store's queue
     * @param fts the store's search indexes
     * @param transfer the store's export and import
     */
    public DefaultKv(KvService service, TriggerDispatcher triggers, Optional<KvMetrics> metrics, WatchHub watches,
            KvQueue queue, KvFts fts, StoreTransfer transfer) {
        this.service = service;
        this.transactions = new TransactionRunner(service.store(), service);
        this.triggers = triggers;
        this.metrics = metrics;
        this.watches = watches;
        this.queue = queue;
        this.fts = fts;
        this.transfer = transfer;
    }

    @Override
    public KvQueue queue() {
        return queue;
    }

    @Override
    public KvFts fts() {
        return fts;
    }

    @Override
    public long exportTo(OutputStream out, ExportOptions options) {
        return transfer.exportTo(options == null || options.prefix() == null ? Key.of() : options.prefix(), out);
    }

    @Override
    public ImportResult importFrom(InputStream in, ImportOptions options) {
        return transfer.importFrom(in, options == null ? ImportOptions.defaults() : options);
    }

    @Override
    public KvEntry<JsonNode> get(Key key) {
        return entry(service.get(key), JsonValues::tree);
    }

    @Override
    public <T> KvEntry<T> get(Key key, Class<T> type) {
        return entry(service.get(key), json -> JsonValues.convert(json, type));
    }

    @Override
    public List<KvEntry<JsonNode>> getMany(List<Key> keys) {
        return service.getMany(keys).stream().map(e -> entry(e, JsonValues::tree)).toList();
    }

    @Override
    public CommitResult set(Key key, Object value) {
        return set(key, value, null);
    }

    @Override
    public CommitResult set(Key key, Object value, Duration expiresIn) {
        String vs = service.set(key, JsonValues.write(value), expiresIn == null ? null : expiresIn.toMillis());
        return new CommitResult(true, vs);
    }

    @Override
    public long delete(Key key) {
        return delete(key, DeleteOptions.defaults());
    }

    @Override
    public long delete(Key key, DeleteOptions options) {
        return service.delete(key, options.exact(), filter(options.where()));
    }

    @Override
    public List<KvEntry<JsonNode>> list(Key prefix, ListOptions options) {
        return list(prefix, options, JsonValues::tree);
    }

    @Override
    public <T> List<KvEntry<T>> list(Key prefix, ListOptions options, Class<T> type) {
        return list(prefix, options, json -> JsonValues.convert(json, type));
    }

    private <T> List<KvEntry<T>> list(Key prefix, ListOptions o, Function<String, T> convert) {
        return service.list(prefix, o.start(), o.end(), o.limit(), o.reverse(), filter(o.where())).stream()
                .map(e -> entry(e, convert))
                .toList();
    }

    @Override
    public long count(Key prefix) {
        return service.count(prefix);
    }

    @Override
    public Page<JsonNode> paginate(Key prefix, PageOptions options) {
        RawPage page = service.paginate(prefix, options.cursor(), options.limit(), options.reverse());
        return new Page<>(page.entries().stream().map(e -> entry(e, JsonValues::tree)).toList(),
                page.cursor(), page.hasMore());
    }

    @Override
    public AtomicOperation atomic() {
        return new AtomicBuilder(service);
    }

    @Override
    public <T> TransactionResult<T> transaction(TransactionFunction<T> fn, TransactionOptions options) {
        return transactions.run(fn, options);
    }

    @Override
    public Object uuidv7() {
        return Key.uuidv7Placeholder();
    }

    @Override
    public Subscription addTrigger(Key prefix, Set<KvChange.Type> events, Consumer<KvChange> handler) {
        return triggers.subscribe(prefix, events, handler);
    }

    @Override
    public Subscription watch(List<Key> keys, WatchOptions options, Consumer<List<KvEntry<JsonNode>>> listener) {
        return watches.watchKeys(keys, options.initial(), toListener(listener))::close;
    }

    @Override
    public Subscription watchPrefix(Key prefix, WatchOptions options, Consumer<List<KvEntry<JsonNode>>> listener) {
        return watches.watchPrefix(prefix, options.limit(), options.initial(), toListener(listener))::close;
    }

    /** A sink that calls a Java listener with typed entries, on the hub's delivery thread. */
    private static WatchSink toListener(Consumer<List<KvEntry<JsonNode>>> listener) {
        return (batch, done) -> {
            try {
                listener.accept(batch.stream().map(s -> entry(s.toEntry(), JsonValues::tree)).toList());
            } catch (RuntimeException e) {
                LOG.warn("Watch listener failed", e);
            }
            done.run();
        };
    }

    @Override
    public KvMetrics metrics() {
        return metrics.orElseThrow(() -> new KvException("Metrics are disabled (metrics.enabled: false)"));
    }

    private static JsonNode filter(Filter f) {
        return f == null ? null : f.json();
    }

    private static <T> KvEntry<T> entry(StoredEntry e, Function<String, T> convert) {
        return new KvEntry<>(e.key(), e.exists() ? convert.apply(e.json()) : null, e.versionstamp());
    }
}
