package io.keyval.bench;

import java.util.List;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One round on one engine: every workload through the raw JDBC baseline and the Java API, W1/W2 once
 * more with the plugin's metrics off (before or after, alternating by round), W4b through the
 * group-commit reference, then W1/W2 over HTTP against the raw Undertow baseline and the KeyVal API
 * (metrics on and off, alternating), each store on a fresh database.
 */
final class BenchmarkRound {

    /** The HTTP client counts of the HTTP comparison (docs/benchmarks.md). */
    static final List<Integer> HTTP_CLIENTS = List.of(1, 4);

    private static final Logger LOG = LoggerFactory.getLogger(BenchmarkRound.class);

    private final Engine engine;
    private final WorkloadParameters p;
    private final Dataset data;
    private final int run;
    private final Consumer<Result> sink;

    /**
     * @param engine the engine
     * @param p the sizes
     * @param data the data for {@code p.keys()} keys
     * @param run the round number (0 for the warm-up)
     * @param sink receives the results
     */
    BenchmarkRound(Engine engine, WorkloadParameters p, Dataset data, int run, Consumer<Result> sink) {
        this.engine = engine;
        this.p = p;
        this.data = data;
        this.run = run;
        this.sink = sink;
    }

    /**
     * @throws VerificationException if a workload read back a wrong result
     * @throws Exception on any other failure
     */
    void run() throws Exception {
        try (StoreUnderTest raw = new RawJdbcStore(engine.create(), data)) {
            inProcess(raw);
        }
        // Metrics on and off alternate which goes first, round by round, so that neither always has
        // the warmer JVM or the colder caches.
        boolean metricsOffFirst = run % 2 == 0;
        if (metricsOffFirst) {
            inProcessMetricsOff();
        }
        try (StoreUnderTest api = new KvApiStore(engine.create(), data)) {
            inProcess(api);
        }
        if (!metricsOffFirst) {
            inProcessMetricsOff();
        }
        try (GroupCommitReference reference = new GroupCommitReference(engine.create())) {
            LOG.info("{} {} run {}: W4b", engine.variant(), GroupCommitReference.SYSTEM, run);
            new Labels(GroupCommitReference.SYSTEM, reference.durability(), "jdbc")
                    .emit(CounterWorkloads.groupCommitReference(reference, p));
        }
        for (int clients : HTTP_CLIENTS) {
            try (HttpEndpoint rawUndertow = HttpEndpoint.rawUndertow(data)) {
                overHttp(rawUndertow, clients);
            }
            for (boolean metrics : metricsOffFirst ? List.of(false, true) : List.of(true, false)) {
                try (HttpEndpoint keyval = HttpEndpoint.keyval(new KvApiStore(engine.create(), data, metrics), data)) {
                    overHttp(keyval, clients);
                }
            }
        }
    }

    /** W1 and W2 on a store with the plugin's metrics off: the baseline of the metrics overhead. */
    private void inProcessMetricsOff() throws Exception {
        try (StoreUnderTest store = new KvApiStore(engine.create(), data, false)) {
            LOG.info("{} {} run {}: W1, W2", engine.variant(), store.system(), run);
            pointWorkloads(store.clients(), 1, new Labels(store.system(), store.durability(), store.mode()));
        }
    }

    /** W1 fills the store that W2 reads back and W3 scans; W4 and W4b use their own counters. */
    private void inProcess(StoreUnderTest store) throws Exception {
        LOG.info("{} {} run {}: W1-W4b", engine.variant(), store.system(), run);
        ClientFactory<StoreClient> clients = store.clients();
        Labels labels = new Labels(store.system(), store.durability(), store.mode());
        pointWorkloads(clients, 1, labels);
        labels.emit(ScanWorkload.run(clients, p));
        labels.emit(CounterWorkloads.contended(clients, p));
        labels.emit(CounterWorkloads.uncontended(clients, p));
    }

    private void overHttp(HttpEndpoint endpoint, int clients) throws Exception {
        LOG.info("{} {} run {}: W1, W2 over HTTP, {} clients", engine.variant(), endpoint.system(), run, clients);
        pointWorkloads(endpoint.clients(), clients, new Labels(endpoint.system(), endpoint.durability(),
                "http c=" + clients));
    }

    /** W1 (sets), then W2 (gets of what W1 wrote). */
    private void pointWorkloads(ClientFactory<? extends PointClient> clients, int threads, Labels labels)
            throws Exception {
        labels.emit(PointWorkload.sets(clients, threads, p));
        labels.emit(PointWorkload.gets(clients, threads, p));
    }

    /** What the result lines of one system and mode share. */
    private final class Labels {
        private final String system;
        private final String durability;
        private final String mode;

        Labels(String system, String durability, String mode) {
            this.system = system;
            this.durability = durability;
            this.mode = mode;
        }

        void emit(List<Figure> figures) {
            for (Figure f : figures) {
                sink.accept(new Result(system, engine.variant(), durability, f.workload(), f.metric(), f.value(),
                        f.unit(), run, mode));
            }
        }
    }
}
