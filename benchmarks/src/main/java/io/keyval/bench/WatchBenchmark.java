package io.keyval.bench;

import io.keyval.database.Databases;
import io.keyval.host.api.PluginConfig;
import io.keyval.kv.Key;
import io.keyval.kv.Kv;
import io.keyval.kv.WatchOptions;
import io.keyval.kv.store.KvStore;
import java.io.IOException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * W6, watch (docs/benchmarks.md), on the plugin as it runs (its composition root, its HTTP API on a
 * real socket):
 * <ul>
 *   <li>write → notification latency over {@value #WRITES} writes, each awaited before the next: (a) a
 *       Java listener, (b) an SSE stream, (c) on PostgreSQL, an SSE stream of a second host (its own
 *       store and connections on the same schema); the baseline is W1's latency, the write alone;</li>
 *   <li>fan-out: one write to a key watched by many SSE streams, until the last one received it;</li>
 *   <li>W1 throughput with 1,000 idle streams and 10 stalled ones watching, as a ratio to none,
 *       in interleaved bursts on one store.</li>
 * </ul>
 */
final class WatchBenchmark {

    private static final String SYSTEM = KvApiStore.SYSTEM;
    private static final int WRITES = 500;
    private static final int PAIRS = 6;
    private static final PluginConfig HOST_CONFIG =
            PluginConfig.of(Map.of("watch", Map.of("maxWatchers", 20_000, "heartbeat", 60_000)));
    private static final Logger LOG = LoggerFactory.getLogger(WatchBenchmark.class);

    private final Engine engine;
    private final WorkloadParameters p;
    private final Dataset data;
    private final Consumer<Result> sink;
    private final int fanOut;

    /**
     * @param engine the engine
     * @param p the sizes (W1 for the throughput ratio)
     * @param data the benchmark data
     * @param fanOut the number of streams of the fan-out (two sockets each in this process)
     * @param sink receives the results
     */
    WatchBenchmark(Engine engine, WorkloadParameters p, Dataset data, int fanOut, Consumer<Result> sink) {
        this.engine = engine;
        this.p = p;
        this.data = data;
        this.fanOut = fanOut;
        this.sink = sink;
    }

    void run() throws Exception {
        try (Engine.FreshDatabase database = engine.create();
                Databases.ClosableDatabaseService first = database.openService();
                PluginServer a = new PluginServer(first.getRootAdapter(null), HOST_CONFIG)) {
            String durability = first.getRootAdapter(null).durability();
            LOG.info("{} W6: write -> notification latency", engine.variant());
            Latencies java = new Latencies(WRITES);
            Latencies sse = new Latencies(WRITES);
            Signal arrivals = new Signal();
            try (Kv.Subscription s = a.kv().watch(List.of(Key.of("w6", "java")), WatchOptions.defaults().initial(false),
                    entries -> arrivals.arrived(entries.get(0).value().asLong()))) {
                measure(a.kv(), Key.of("w6", "java"), arrivals, java);
            }
            try (Stream stream = new Stream(a.port(), "/keyval/api/watch?initial=false&keys=w6/sse")) {
                stream.readUntil("event: ping");
                measure(a.kv(), Key.of("w6", "sse"), stream, sse);
            }
            emit(durability, "java listener", java);
            emit(durability, "sse", sse);
            emit(durability, "reference: 1 hand-off", oneHandOffReference(database));
            if (first.getRootAdapter(null).notifications().isPresent()) {
                try (Databases.ClosableDatabaseService second = database.openService();
                        PluginServer b = new PluginServer(second.getRootAdapter(null), HOST_CONFIG);
                        Stream stream = new Stream(b.port(), "/keyval/api/watch?initial=false&keys=w6/remote")) {
                    stream.readUntil("event: ping");
                    Latencies remote = new Latencies(WRITES);
                    measure(a.kv(), Key.of("w6", "remote"), stream, remote);
                    emit(durability, "sse second host", remote);
                }
            }
            fanOut(a, durability);
            idleAndStalled(a, durability);
        }
    }

    /**
     * The least a notification off the committing thread can cost: the store's writes (no Kv layer),
     * and a commit listener that hands each change to one waiting thread, which signals the writer.
     * Any design that calls listeners on a thread of the store's pays this hand-off.
     */
    private static Latencies oneHandOffReference(Engine.FreshDatabase database) throws Exception {
        Latencies out = new Latencies(WRITES);
        try (Databases.ClosableDatabaseService service = database.openService();
                KvStore store = KvStore.open(service.getRootAdapter(null), Clock.systemUTC())) {
            ExecutorService thread = Executors.newSingleThreadExecutor();
            Signal signal = new Signal();
            store.pipeline().addListener(changes -> {
                long value = Long.parseLong(changes.get(changes.size() - 1).json());
                thread.execute(() -> signal.arrived(value));
            });
            try {
                for (int i = 1; i <= WRITES; i++) {
                    long start = System.nanoTime();
                    store.set(Key.of("w6", "reference"), Integer.toString(i), null);
                    signal.await(i);
                    out.record(System.nanoTime() - start);
                }
            } finally {
                thread.shutdownNow();
            }
        }
        return out;
    }

    /** Writes 1..WRITES to a key, each awaited at the watcher, recording write-to-arrival times. */
    private static void measure(Kv kv, Key key, Arrival arrival, Latencies out) throws Exception {
        for (int i = 1; i <= WRITES; i++) {
            long start = System.nanoTime();
            kv.set(key, i);
            arrival.await(i);
            out.record(System.nanoTime() - start);
        }
    }

    private void emit(String durability, String mode, Latencies l) {
        sink.accept(new Result(SYSTEM, engine.variant(), durability, "W6", "p50_ms", l.percentileMillis(50), "ms", 1, mode));
        sink.accept(new Result(SYSTEM, engine.variant(), durability, "W6", "p99_ms", l.percentileMillis(99), "ms", 1, mode));
    }

    private void fanOut(PluginServer a, String durability) throws Exception {
        LOG.info("{} W6 fan-out to {} streams", engine.variant(), fanOut);
        List<Stream> streams = new ArrayList<>(fanOut);
        try {
            for (int i = 0; i < fanOut; i += 50) {
                List<Stream> round = new ArrayList<>();
                for (int j = i; j < Math.min(fanOut, i + 50); j++) {
                    round.add(new Stream(a.port(), "/keyval/api/watch?initial=false&keys=w6/fan"));
                }
                for (Stream s : round) {
                    s.readUntil("event: ping");
                }
                streams.addAll(round);
            }
            long start = System.nanoTime();
            a.kv().set(Key.of("w6", "fan"), "go");
            for (Stream s : streams) {
                s.readUntil("\"go\"");
            }
            double millis = (System.nanoTime() - start) / 1e6;
            sink.accept(new Result(SYSTEM, engine.variant(), durability, "W6", "fanout_ms", millis, "ms", 1,
                    "sse x" + fanOut));
        } finally {
            for (Stream s : streams) {
                s.close();
            }
        }
    }

    /** W1 bursts with no watcher, then with 1,000 idle streams and 10 stalled ones on the written keys. */
    private void idleAndStalled(PluginServer a, String durability) throws Exception {
        LOG.info("{} W1 with 1,000 idle and 10 stalled watch streams: {} interleaved pairs", engine.variant(), PAIRS);
        WorkloadParameters burst = p.scaledDown(4);
        ClientFactory<StoreClient> clients = () -> new KvApiClient(a.kv(), data);
        for (int pair = 1; pair <= PAIRS; pair++) {
            boolean watchedFirst = pair % 2 == 0;
            for (boolean watched : watchedFirst ? List.of(true, false) : List.of(false, true)) {
                List<Stream> streams = new ArrayList<>();
                try {
                    if (watched) {
                        for (int i = 0; i < 1000; i++) {
                            streams.add(new Stream(a.port(), "/keyval/api/watch?initial=false&keys=w6/idle/" + i));
                        }
                        for (int i = 0; i < 10; i++) { // never read after this: they stall on the bench's writes
                            streams.add(new Stream(a.port(), "/keyval/api/watch/prefix?initial=false&prefix=bench"));
                        }
                        for (Stream s : streams) {
                            s.readUntil("event: ping"); // every stream set up before the burst starts
                        }
                    }
                    double ops = PointWorkload.sets(clients, 1, burst).get(0).value();
                    sink.accept(new Result(SYSTEM, engine.variant(), durability, "W1", "ops_per_s", ops, "ops/s", pair,
                            watched ? "api, 1000 idle + 10 stalled watchers" : "api, no watcher"));
                } finally {
                    for (Stream s : streams) {
                        s.close();
                    }
                }
            }
        }
    }


    /** Where a write is awaited. */
    private interface Arrival {
        void await(long value) throws Exception;
    }

    /** The last value that arrived, awaited without spinning (a spinning writer slows what it waits for). */
    private static final class Signal implements Arrival {
        private long last;

        synchronized void arrived(long value) {
            last = value;
            notifyAll();
        }

        @Override
        public synchronized void await(long value) throws InterruptedException {
            while (last < value) {
                wait();
            }
        }
    }

    /** A watch stream awaited for a written value. */
    private static final class Stream implements Arrival, AutoCloseable {
        private final SseStream sse;

        Stream(int port, String path) throws IOException {
            sse = new SseStream(port, path);
        }

        void readUntil(String marker) throws IOException {
            sse.readUntil(marker);
        }

        @Override
        public void await(long value) throws IOException {
            sse.readUntil("\"value\":" + value + ",");
        }

        @Override
        public void close() throws IOException {
            sse.close();
        }
    }
}
