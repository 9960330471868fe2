package io.keyval.bench;

import io.keyval.database.DatabaseAdapter;
import io.keyval.database.Databases;
import io.keyval.host.api.PluginConfig;
import io.keyval.kv.Kv;
import io.keyval.kv.KvFts;
import io.keyval.kv.KvQueue;
import io.keyval.kv.atomic.TriggerDispatcher;
import io.keyval.kv.fts.DefaultFts;
import io.keyval.kv.fts.FtsService;
import io.keyval.kv.http.AtomicRoutes;
import io.keyval.kv.http.KeysRoutes;
import io.keyval.kv.http.KvHttpApi;
import io.keyval.kv.metrics.MetricsRecorder;
import io.keyval.kv.metrics.Operation;
import io.keyval.kv.metrics.PostgresMetricsDialect;
import io.keyval.kv.metrics.SqliteMetricsDialect;
import io.keyval.kv.metrics.StoreMetrics;
import io.keyval.kv.plugin.DefaultKv;
import io.keyval.kv.plugin.KeyValSettings;
import io.keyval.kv.queue.DefaultQueue;
import io.keyval.kv.queue.QueueService;
import io.keyval.kv.service.KvService;
import io.keyval.kv.store.KvStore;
import io.keyval.kv.transfer.StoreTransfer;
import io.keyval.kv.watch.WatchHub;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What the plugin's metrics cost W1 and W2, through the Java API and over HTTP. Run to run, this
 * machine's throughput varies by 10-20 %, far more than the few percent to be measured, so the two
 * sides share everything but the metrics: one store, one JVM, one warm cache; one service operations
 * layer records into the metrics, its twin into nothing. Bursts of W1 (a quarter of the keys) and W2
 * (all keys) alternate between the sides, in alternating order, {@value #PAIRS} times per mode; the
 * summary takes the median of the per-pair ratios.
 */
final class MetricsOverhead {

    /** The {@code system} of the bursts with metrics on. */
    static final String ON = "java-kv-metrics-on";
    /** The {@code system} of the bursts with metrics off. */
    static final String OFF = "java-kv-metrics-off";
    private static final int PAIRS = 8;
    private static final Logger LOG = LoggerFactory.getLogger(MetricsOverhead.class);

    private final Engine engine;
    private final WorkloadParameters p;
    private final Dataset data;
    private final Consumer<Result> sink;

    /**
     * @param engine the engine
     * @param p the sizes
     * @param data the data for {@code p.keys()} keys
     * @param sink receives the results (one run number per pair)
     */
    MetricsOverhead(Engine engine, WorkloadParameters p, Dataset data, Consumer<Result> sink) {
        this.engine = engine;
        this.p = p;
        this.data = data;
        this.sink = sink;
    }

    void run() throws Exception {
        try (Engine.FreshDatabase database = engine.create();
                Databases.ClosableDatabaseService service = database.openService()) {
            DatabaseAdapter adapter = service.getRootAdapter(null);
            KvStore store = KvStore.open(adapter, Clock.systemUTC());
            StoreMetrics metrics = StoreMetrics.start(adapter,
                    io.keyval.kv.engine.Engine.of(adapter.type()).select(SqliteMetricsDialect::new,
                            PostgresMetricsDialect::new),
                    KeyValSettings.from(PluginConfig.of(Map.of()), "bench").metrics(), Clock.systemUTC());
            TriggerDispatcher triggers = TriggerDispatcher.attachTo(store.pipeline());
            WatchHub watches = WatchHub.attachTo(store, Clock.systemUTC(), Optional.empty());
            QueueService queue = QueueService.open(adapter, store);
            FtsService fts = FtsService.open(adapter, store, Clock.systemUTC());
            try {
                KvQueue kvQueue = new DefaultQueue(queue);
                KvFts kvFts = new DefaultFts(fts);
                StoreTransfer transfer = new StoreTransfer(adapter, io.keyval.kv.engine.Engine.of(adapter.type()),
                        store, fts, queue, Clock.systemUTC());
                Side on = new Side(ON, new KvService(store, metrics), triggers, watches, kvQueue, kvFts, transfer,
                        adapter.durability());
                Side off = new Side(OFF, new KvService(store, MetricsRecorder.NONE), triggers, watches, kvQueue, kvFts,
                        transfer, adapter.durability());
                PointWorkload.sets(off.apiClients(), 1, p); // every key W2 reads
                measure("api", 1, on.apiClients(), off.apiClients(), on, off);
                for (int clients : BenchmarkRound.HTTP_CLIENTS) {
                    try (HttpEndpoint onHttp = on.endpoint(); HttpEndpoint offHttp = off.endpoint()) {
                        measure("http c=" + clients, clients, onHttp.clients(), offHttp.clients(), on, off);
                    }
                }
                sink.accept(new Result(ON, engine.variant(), adapter.durability(), "record", "ns_per_call",
                        recordingCost(metrics), "ns", 1, "api"));
            } finally {
                fts.close();
                queue.close();
                watches.close();
                metrics.close();
                store.close();
                triggers.close();
            }
        }
    }

    private void measure(String mode, int threads, ClientFactory<? extends PointClient> onClients,
            ClientFactory<? extends PointClient> offClients, Side on, Side off) throws Exception {
        LOG.info("{} metrics overhead, {}: {} alternating pairs of W1/W2 bursts", engine.variant(), mode, PAIRS);
        WorkloadParameters burst = p.scaledDown(4);
        for (int pair = 1; pair <= PAIRS; pair++) {
            boolean onFirst = pair % 2 == 1;
            for (Side side : onFirst ? List.of(on, off) : List.of(off, on)) {
                ClientFactory<? extends PointClient> clients = side == on ? onClients : offClients;
                side.emit(PointWorkload.sets(clients, threads, burst), mode, pair);
                side.emit(PointWorkload.gets(clients, threads, p), mode, pair);
            }
        }
    }

    /**
     * What the service layer adds to one call with metrics on, measured alone: two clock reads and
     * the recording, on one thread, as an upper bound of the cost per operation.
     *
     * @return ns per call
     */
    private static double recordingCost(StoreMetrics metrics) {
        int calls = 5_000_000;
        long elapsed = 0;
        for (int round = 0; round < 3; round++) { // the last round, compiled, is the one kept
            long start = System.nanoTime();
            for (int i = 0; i < calls; i++) {
                metrics.record(Operation.GET, System.nanoTime(), false);
            }
            elapsed = System.nanoTime() - start;
        }
        return (double) elapsed / calls;
    }

    /** One side of the comparison: its service operations, its Java API and its HTTP API. */
    private final class Side {
        private final String system;
        private final Kv kv;
        private final KvService service;
        private final String durability;

        Side(String system, KvService service, TriggerDispatcher triggers, WatchHub watches, KvQueue queue, KvFts fts,
                StoreTransfer transfer, String durability) {
            this.system = system;
            this.service = service;
            this.kv = new DefaultKv(service, triggers, Optional.empty(), watches, queue, fts, transfer);
            this.durability = durability;
        }

        ClientFactory<StoreClient> apiClients() {
            return () -> new KvApiClient(kv, data);
        }

        HttpEndpoint endpoint() {
            KvHttpApi api = new KvHttpApi(List.of(new KeysRoutes(service), new AtomicRoutes(service)), 10L << 20);
            return HttpEndpoint.keyval(system, durability, api.handler(), data);
        }

        void emit(List<Figure> figures, String mode, int pair) {
            for (Figure f : figures) {
                if (f.metric().equals("ops_per_s")) {
                    sink.accept(new Result(system, engine.variant(), durability, f.workload(), f.metric(), f.value(),
                            f.unit(), pair, mode));
                }
            }
        }
    }
}
