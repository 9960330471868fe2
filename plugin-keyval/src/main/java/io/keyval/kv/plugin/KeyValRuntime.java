package io.keyval.kv.plugin;

import io.keyval.database.DatabaseAdapter;
import io.keyval.kv.Kv;
import io.keyval.kv.KvMetrics;
import io.keyval.kv.atomic.TriggerDispatcher;
import io.keyval.kv.engine.Engine;
import io.keyval.kv.engine.Migrations;
import io.keyval.kv.fts.DefaultFts;
import io.keyval.kv.fts.FtsService;
import io.keyval.kv.fts.PostgresFtsDialect;
import io.keyval.kv.fts.SqliteFtsDialect;
import io.keyval.kv.http.AtomicRoutes;
import io.keyval.kv.http.FtsRoutes;
import io.keyval.kv.http.InfoRoutes;
import io.keyval.kv.http.KeysRoutes;
import io.keyval.kv.http.KvHttpApi;
import io.keyval.kv.http.MetricsRoutes;
import io.keyval.kv.http.QueueRoutes;
import io.keyval.kv.http.Routes;
import io.keyval.kv.http.TransferRoutes;
import io.keyval.kv.http.WatchRoutes;
import io.keyval.kv.metrics.MetricsRecorder;
import io.keyval.kv.metrics.PostgresMetricsDialect;
import io.keyval.kv.metrics.SqliteMetricsDialect;
import io.keyval.kv.metrics.StoreMetrics;
import io.keyval.kv.queue.DefaultQueue;
import io.keyval.kv.queue.PostgresQueueDialect;
import io.keyval.kv.queue.QueueService;
import io.keyval.kv.queue.SqliteQueueDialect;
import io.keyval.kv.service.KvService;
import io.keyval.kv.store.KvStore;
import io.keyval.kv.store.PostgresStoreDialect;
import io.keyval.kv.store.SqliteStoreDialect;
import io.keyval.kv.transfer.StoreTransfer;
import io.keyval.kv.watch.WatchHub;
import io.keyval.kv.watch.WatchSettings;
import io.keyval.kv.where.PostgresWhereDialect;
import io.keyval.kv.where.SqliteWhereDialect;
import io.undertow.server.HttpHandler;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The composition root: builds every service of the store from the settings and the database
 * adapter, once, and owns their start and stop order. The engine is chosen here, once; each
 * capability gets its own dialect, and the schema scripts of all capabilities run in one pass before
 * anything starts.
 *
 * <pre>{@code
 * try (KeyValRuntime runtime = KeyValRuntime.start(adapter, settings, Clock.systemUTC())) {
 *     Kv kv = runtime.kv();
 *     HttpHandler api = runtime.httpApi();
 * }
 * }</pre>
 */
public final class KeyValRuntime implements AutoCloseable {

    private final KvStore store;
    private final TriggerDispatcher triggers;
    private final Optional<StoreMetrics> metrics;
    private final TtlPurger purger;
    private final WatchHub watches;
    private final Optional<WatchRoutes> watchRoutes;
    private final QueueService queue;
    private final QueueRoutes queueRoutes;
    private final FtsService fts;
    private final StoreTransfer transfer;
    private final Kv kv;
    private final HttpHandler httpApi;

    private KeyValRuntime(KvStore store, TriggerDispatcher triggers, Optional<StoreMetrics> metrics,
            MetricsRecorder recorder, TtlPurger purger, WatchHub watches, QueueService queue, FtsService fts,
            StoreTransfer transfer, Engine engine, KeyValSettings settings) {
        this.store = store;
        this.triggers = triggers;
        this.metrics = metrics;
        this.purger = purger;
        this.watches = watches;
        this.queue = queue;
        this.fts = fts;
        this.transfer = transfer;
        KvService service = new KvService(store, recorder);
        this.kv = new DefaultKv(service, triggers, metrics.map(m -> (KvMetrics) m), watches, new DefaultQueue(queue),
                new DefaultFts(fts), transfer);
        this.queueRoutes = new QueueRoutes(queue, settings.watch().heartbeat());
        List<Routes> routes = new ArrayList<>(List.of(new KeysRoutes(service), new AtomicRoutes(service), queueRoutes,
                new FtsRoutes(fts), new TransferRoutes(transfer)));
        metrics.ifPresent(m -> routes.add(new MetricsRoutes(m)));
        WatchSettings watch = settings.watch();
        this.watchRoutes = watch.enabled()
                ? Optional.of(new WatchRoutes(store, watches, watch.maxWatchers(), watch.heartbeat()))
                : Optional.empty();
        watchRoutes.ifPresent(routes::add);
        routes.add(new InfoRoutes(engine.id(), metrics.isPresent(), watch.enabled()));
        this.httpApi = new KvHttpApi(routes, settings.maxBodySize()).handler();
    }

    /**
     * Migrates the schema, then starts the store, the metrics (restoring saved counters before any
     * call is served) and the TTL purge.
     *
     * @param adapter the database adapter
     * @param settings the plugin's settings
     * @param clock the time source
     * @return the running services
     */
    public static KeyValRuntime start(DatabaseAdapter adapter, KeyValSettings settings, Clock clock) {
        Engine engine = Engine.of(adapter.type());
        boolean metered = settings.metrics().enabled();
        Migrations.apply(adapter, engine, metered
                ? List.of(KvStore.SCHEMA, QueueService.SCHEMA, FtsService.SCHEMA, StoreMetrics.SCHEMA)
                : List.of(KvStore.SCHEMA, QueueService.SCHEMA, FtsService.SCHEMA));
        KvStore store = new KvStore(adapter, engine.select(SqliteStoreDialect::new, PostgresStoreDialect::new),
                engine.select(SqliteWhereDialect::new, PostgresWhereDialect::new), clock);
        TriggerDispatcher triggers = TriggerDispatcher.attachTo(store.pipeline());
        WatchHub watches = WatchHub.attachTo(store, clock,
                settings.watch().acrossHosts() ? adapter.notifications() : Optional.empty());
        Optional<StoreMetrics> metrics = Optional.empty();
        TtlPurger purger = null;
        QueueService queue = null;
        FtsService fts = null;
        try {
            // Before anything writes: every commit must see the search indexes.
            fts = FtsService.start(adapter, store, engine.select(SqliteFtsDialect::new, PostgresFtsDialect::new),
                    engine.select(SqliteWhereDialect::new, PostgresWhereDialect::new), clock);
            if (metered) {
                metrics = Optional.of(StoreMetrics.start(adapter,
                        engine.select(SqliteMetricsDialect::new, PostgresMetricsDialect::new), settings.metrics(), clock));
            }
            MetricsRecorder recorder = metrics.<MetricsRecorder>map(m -> m).orElse(MetricsRecorder.NONE);
            purger = new TtlPurger(store, settings.ttlPurgeInterval(), recorder);
            queue = QueueService.start(adapter, store, engine.select(SqliteQueueDialect::new, PostgresQueueDialect::new),
                    settings.queue(), recorder, adapter.notifications());
            QueueService started = queue;
            metrics.ifPresent(m -> m.setQueueGauges(started));
            return new KeyValRuntime(store, triggers, metrics, recorder, purger, watches, queue, fts,
                    new StoreTransfer(adapter, engine, store, fts, queue, clock), engine, settings);
        } catch (RuntimeException e) {
            if (fts != null) {
                fts.close();
            }
            if (queue != null) {
                queue.close();
            }
            if (purger != null) {
                purger.close();
            }
            watches.close();
            store.close();
            metrics.ifPresent(StoreMetrics::close);
            triggers.close();
            throw e;
        }
    }

    /** @return the service other plugins use */
    public Kv kv() {
        return kv;
    }

    /** @return the store's export and import (the command line's) */
    public StoreTransfer transfer() {
        return transfer;
    }

    /** @return the handler of every request below {@code {base}/api} */
    public HttpHandler httpApi() {
        return httpApi;
    }

    /**
     * Stops in order: the TTL purge timer, the watch and queue streams (ended cleanly, held messages
     * released), search (a back-fill resumed at start stops after its batch), the queue (its listeners' handlers finish), the watches (router,
     * expiry timer, deliveries), the store
     * (it takes no more commits; those submitted complete), the metrics (their timer, then a final
     * save that includes the last calls), and last the triggers, which still deliver the last
     * commits' events.
     */
    @Override
    public void close() {
        purger.close();
        watchRoutes.ifPresent(WatchRoutes::close);
        queueRoutes.close();
        fts.close();
        queue.close();
        watches.close();
        store.close();
        metrics.ifPresent(StoreMetrics::close);
        triggers.close();
    }
}
