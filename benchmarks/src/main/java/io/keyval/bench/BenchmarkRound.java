package io.keyval.bench;

import java.util.List;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One round on one engine: every workload through the raw JDBC baseline and the Java API, W4b through
 * the group-commit reference, then W1/W2 over HTTP against the raw Undertow baseline and the KeyVal
 * API, each store on a fresh database.
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
        try (StoreUnderTest api = new KvApiStore(engine.create(), data)) {
            inProcess(api);
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
            try (HttpEndpoint keyval = HttpEndpoint.keyval(new KvApiStore(engine.create(), data), data)) {
                overHttp(keyval, clients);
            }
        }
    }

    /** W1 fills the store that W2 reads back and W3 scans; W4 and W4b use their own counters. */
    private void inProcess(StoreUnderTest store) throws Exception {
        LOG.info("{} {} run {}: W1-W4b", engine.variant(), store.system(), run);
        ClientFactory<StoreClient> clients = store.clients();
        Labels labels = new Labels(store.system(), store.durability(), store.mode());
        labels.emit(PointWorkload.sets(clients, 1, p));
        labels.emit(PointWorkload.gets(clients, 1, p));
        labels.emit(ScanWorkload.run(clients, p));
        labels.emit(CounterWorkloads.contended(clients, p));
        labels.emit(CounterWorkloads.uncontended(clients, p));
    }

    private void overHttp(HttpEndpoint endpoint, int clients) throws Exception {
        LOG.info("{} {} run {}: W1, W2 over HTTP, {} clients", engine.variant(), endpoint.system(), run, clients);
        Labels labels = new Labels(endpoint.system(), endpoint.durability(), "http c=" + clients);
        labels.emit(PointWorkload.sets(endpoint.clients(), clients, p));
        labels.emit(PointWorkload.gets(endpoint.clients(), clients, p));
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
