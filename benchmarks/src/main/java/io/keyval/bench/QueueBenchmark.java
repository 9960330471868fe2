package io.keyval.bench;

import io.keyval.database.Databases;
import io.keyval.host.api.PluginConfig;
import io.keyval.kv.EnqueueOptions;
import io.keyval.kv.KvQueue;
import io.keyval.kv.QueueListenOptions;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * W5, queue (docs/benchmarks.md), on the plugin as it runs (its composition root; its HTTP API on a
 * real socket for the SSE probe), against a raw-JDBC queue on the same engine and durability
 * ({@code INSERT}; {@code UPDATE … RETURNING} of the first ready row, {@code SKIP LOCKED} on
 * PostgreSQL; {@code DELETE}; each its own transaction):
 * <ul>
 *   <li>enqueue: {@code W5_MESSAGES} messages, one thread, no consumer;</li>
 *   <li>consume and ack them all with 1 and with 4 consumers (the store: a Java listener of that
 *       concurrency; the baseline: threads looping dequeue, delete);</li>
 *   <li>latency from just before an enqueue to the handler's entry, {@code W5_LATENCY_MESSAGES}
 *       probes one at a time, through a Java listener and through an SSE listen stream.</li>
 * </ul>
 */
final class QueueBenchmark {

    static final String RAW = "raw-jdbc";
    private static final String SYSTEM = KvApiStore.SYSTEM;
    private static final Logger LOG = LoggerFactory.getLogger(QueueBenchmark.class);

    private final Engine engine;
    private final WorkloadParameters p;
    private final int run;
    private final Consumer<Result> sink;

    /**
     * @param engine the engine
     * @param p the sizes
     * @param run the round number of the result lines
     * @param sink receives the results
     */
    QueueBenchmark(Engine engine, WorkloadParameters p, int run, Consumer<Result> sink) {
        this.engine = engine;
        this.p = p;
        this.run = run;
        this.sink = sink;
    }

    void run() throws Exception {
        LOG.info("{} W5 queue, round {}: {} messages, {} latency probes", engine.variant(), run, p.queueMessages(),
                p.queueLatencyMessages());
        try (Engine.FreshDatabase database = engine.create()) {
            raw(database);
        }
        try (Engine.FreshDatabase database = engine.create();
                Databases.ClosableDatabaseService service = database.openService();
                PluginServer host = new PluginServer(service.getRootAdapter(null), PluginConfig.of(Map.of()))) {
            String durability = service.getRootAdapter(null).durability();
            KvQueue queue = host.kv().queue();
            long start = System.nanoTime();
            for (int i = 0; i < p.queueMessages(); i++) {
                queue.enqueue(i, EnqueueOptions.defaults());
            }
            emit(SYSTEM, durability, "api", "enqueue_msgs_per_s", rate(p.queueMessages(), start), "msgs/s");
            for (int consumers : List.of(1, 4)) {
                if (consumers == 4) {
                    for (int i = 0; i < p.queueMessages(); i++) {
                        queue.enqueue(i, EnqueueOptions.defaults());
                    }
                }
                CountDownLatch all = new CountDownLatch(p.queueMessages());
                long consumeStart = System.nanoTime();
                KvQueue.Listener listener = queue.listen(m -> all.countDown(),
                        QueueListenOptions.defaults().concurrency(consumers));
                all.await();
                listener.stop();
                emit(SYSTEM, durability, "api c=" + consumers, "consume_msgs_per_s",
                        rate(p.queueMessages(), consumeStart), "msgs/s");
            }
            latencies(host, durability);
        }
    }

    private static double rate(int messages, long startNanos) {
        return messages / ((System.nanoTime() - startNanos) / 1e9);
    }

    private void emit(String system, String durability, String mode, String metric, double value, String unit) {
        sink.accept(new Result(system, engine.variant(), durability, "W5", metric, value, unit, run, mode));
    }

    /** Enqueue → handler entry, one probe at a time: a Java listener, then an SSE listen stream (acked over HTTP). */
    private void latencies(PluginServer host, String durability) throws Exception {
        KvQueue queue = host.kv().queue();
        Latencies java = new Latencies(p.queueLatencyMessages());
        AtomicInteger arrived = new AtomicInteger(-1);
        Object signal = new Object();
        long[] sent = new long[1];
        KvQueue.Listener listener = queue.listen(m -> {
            long at = System.nanoTime();
            synchronized (signal) {
                java.record(at - sent[0]);
                arrived.set(m.value().asInt());
                signal.notifyAll();
            }
        }, QueueListenOptions.defaults());
        try {
            for (int i = 0; i < p.queueLatencyMessages(); i++) {
                synchronized (signal) {
                    sent[0] = System.nanoTime();
                }
                queue.enqueue(i, EnqueueOptions.defaults());
                synchronized (signal) {
                    while (arrived.get() < i) {
                        signal.wait();
                    }
                }
            }
        } finally {
            listener.stop();
        }
        emitLatency(durability, "java listener", java);

        Latencies sse = new Latencies(p.queueLatencyMessages());
        HttpClient acks = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        try (SseStream stream = new SseStream(host.port(), "/keyval/api/queue/listen")) {
            stream.readUntil("event: ping");
            for (int i = 0; i < p.queueLatencyMessages(); i++) {
                long start = System.nanoTime();
                queue.enqueue(i, EnqueueOptions.defaults());
                String event = stream.readUntil("\"value\":" + i + ","); // {"id":"...", then the value
                String id = event.substring(event.lastIndexOf("\"id\":\"") + 6, event.lastIndexOf('"'));
                sse.record(System.nanoTime() - start);
                acks.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + host.port() + "/keyval/api/queue/ack"))
                        .POST(HttpRequest.BodyPublishers.ofString("{\"id\":\"" + id + "\"}")).build(),
                        HttpResponse.BodyHandlers.discarding());
            }
        }
        emitLatency(durability, "sse", sse);
    }

    private void emitLatency(String durability, String mode, Latencies l) {
        emit(SYSTEM, durability, mode, "latency_p50_ms", l.percentileMillis(50), "ms");
        emit(SYSTEM, durability, mode, "latency_p99_ms", l.percentileMillis(99), "ms");
    }

    /** The raw-JDBC queue: enqueue, then consume and delete with 1 and 4 threads. */
    private void raw(Engine.FreshDatabase database) throws Exception {
        RawDialect dialect = database.dialect();
        String durability;
        try (Connection c = database.connect(); Statement s = c.createStatement()) {
            s.execute(dialect.createQueueTable());
            s.execute("CREATE INDEX raw_queue_ready ON raw_queue (priority DESC, ready_at, id) WHERE status = 'pending'");
            durability = dialect.durability(c);
        }
        try (Connection c = database.connect()) {
            long start = System.nanoTime();
            enqueueRaw(c, p.queueMessages());
            emit(RAW, durability, "jdbc", "enqueue_msgs_per_s", rate(p.queueMessages(), start), "msgs/s");
        }
        for (int consumers : List.of(1, 4)) {
            if (consumers == 4) {
                try (Connection c = database.connect()) {
                    enqueueRaw(c, p.queueMessages());
                }
            }
            AtomicInteger left = new AtomicInteger(p.queueMessages());
            List<Connection> connections = new ArrayList<>();
            for (int t = 0; t < consumers; t++) {
                connections.add(database.connect());
            }
            try {
                long nanos = Parallel.run(consumers, t -> consumeRaw(connections.get(t), dialect, left));
                emit(RAW, durability, "jdbc c=" + consumers, "consume_msgs_per_s",
                        p.queueMessages() / (nanos / 1e9), "msgs/s");
            } finally {
                for (Connection c : connections) {
                    c.close();
                }
            }
        }
    }

    private static void enqueueRaw(Connection c, int messages) throws SQLException {
        try (PreparedStatement insert = c.prepareStatement(
                "INSERT INTO raw_queue (value, priority, ready_at, status) VALUES (?, 0, ?, 'pending')")) {
            for (int i = 0; i < messages; i++) {
                insert.setString(1, Integer.toString(i));
                insert.setLong(2, System.currentTimeMillis());
                insert.executeUpdate();
            }
        }
    }

    private static void consumeRaw(Connection c, RawDialect dialect, AtomicInteger left) throws SQLException {
        try (PreparedStatement dequeue = c.prepareStatement("UPDATE raw_queue SET status = 'processing',"
                + " locked_until = ? WHERE id = (SELECT id FROM raw_queue WHERE status = 'pending' AND ready_at <= ?"
                + " ORDER BY priority DESC, ready_at, id LIMIT 1" + dialect.skipLocked() + ") RETURNING id, value");
                PreparedStatement delete = c.prepareStatement("DELETE FROM raw_queue WHERE id = ?")) {
            while (left.get() > 0) {
                long now = System.currentTimeMillis();
                dequeue.setLong(1, now + 30_000);
                dequeue.setLong(2, now);
                long id;
                try (ResultSet rs = dequeue.executeQuery()) {
                    if (!rs.next()) {
                        continue; // another consumer holds the last rows' locks for a moment
                    }
                    id = rs.getLong(1);
                }
                delete.setLong(1, id);
                delete.executeUpdate();
                left.decrementAndGet();
            }
        }
    }
}
