package io.keyval.kv.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.keyval.database.Databases;
import io.keyval.database.testing.TestDatabases;
import io.keyval.host.api.PluginConfig;
import io.keyval.kv.DeleteOptions;
import io.keyval.kv.Key;
import io.keyval.kv.Kv;
import io.keyval.kv.KvValidationException;
import io.keyval.kv.ListOptions;
import io.keyval.kv.PageOptions;
import io.keyval.kv.TransactionOptions;
import io.keyval.kv.plugin.KeyValSettings;
import io.keyval.kv.testing.RuntimeServer;
import io.keyval.kv.testing.SettableClock;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * Metrics through the real interfaces: each call over HTTP or the Java API counted exactly once,
 * internal reads not at all, failures as errors, and the outputs in the contract's shapes, the
 * Prometheus ones read by real Prometheus parsers.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class MetricsContract {

    @TempDir
    static Path tempDir;

    private final SettableClock clock = new SettableClock(1_700_000_000_000L);
    private Databases.ClosableDatabaseService databases;
    private RuntimeServer server;
    private Kv kv;
    private Key root;

    protected abstract TestDatabases.Engine engine();

    @BeforeAll
    void start() {
        databases = TestDatabases.open(engine(), tempDir);
        PluginConfig config = PluginConfig.of(Map.of("metrics", Map.of("storageRefresh", 20)));
        server = new RuntimeServer(databases.getRootAdapter(null), KeyValSettings.from(config, "test-host"), clock);
        kv = server.kv();
    }

    @AfterAll
    void stop() {
        if (server != null) {
            server.close();
        }
        if (databases != null) {
            databases.close();
        }
    }

    @BeforeEach
    void freshCounters(TestInfo test) {
        root = Key.of(test.getTestMethod().orElseThrow().getName());
        kv.metrics().reset();
    }

    @Test
    void infoNamesTheEngineAndWhatIsServed() throws Exception {
        HttpResponse<String> info = server.send("GET", "/info", null);
        assertEquals(200, info.statusCode());
        assertEquals(Map.of("engine", engine() == TestDatabases.Engine.SQLITE ? "sqlite" : "postgres", "metrics", true,
                "watch", true), new ObjectMapper().readValue(info.body(), Map.class));
        assertEquals(Map.of(), counts(), "not an operation");
    }

    @Test
    void everyJavaApiCallCountsOnceAndInternalReadsNotAtAll() {
        String vs = kv.set(root.append("a"), 1).versionstamp();
        kv.set(root.append("b"), 2);
        kv.get(root.append("a"));
        kv.get(root.append("missing")); // absent: a call, not an error
        kv.getMany(List.of(root.append("a"), root.append("b")));
        kv.list(root, ListOptions.defaults());
        kv.count(root);
        kv.paginate(root, PageOptions.defaults());
        kv.delete(root.append("b"), DeleteOptions.defaults());
        // a failed check is an outcome; the check's read is internal
        kv.atomic().check(root.append("a"), "00000000000000000001").set(root.append("a"), 3).commit();
        kv.atomic().check(root.append("a"), vs).sum(root.append("n"), 1).commit();
        // the transaction's reads are part of it; its one commit counts
        kv.transaction(tx -> {
            tx.set(root.append("t"), tx.get(root.append("a")).value());
            return null;
        }, TransactionOptions.defaults());
        assertEquals(Map.of("set", 2L, "get", 3L, "list", 1L, "count", 1L, "paginate", 1L, "delete", 1L,
                "atomic_commit", 3L), counts());
        assertEquals(Map.of(), errors());
    }

    @Test
    void everyHttpCallCountsOnceAndRequestsRejectedBeforeTheOperationNotAtAll() throws Exception {
        String p = "/keys/" + root.parts().get(0);
        assertEquals(200, server.send("PUT", p + "/a", "1").statusCode());
        assertEquals(200, server.send("PUT", p + "/b", "{\"x\":2}").statusCode());
        assertEquals(200, server.send("GET", p + "/a", null).statusCode());
        assertEquals(404, server.send("GET", p + "/missing", null).statusCode());
        String keys = "[[\"" + root.parts().get(0) + "\",\"a\"],[\"" + root.parts().get(0) + "\",\"b\"],[\""
                + root.parts().get(0) + "\",\"c\"]]";
        assertEquals(200, server.send("POST", "/keys/batch", "{\"keys\":" + keys + "}").statusCode());
        assertEquals(200, server.send("GET", "/keys?prefix=" + root.parts().get(0), null).statusCode());
        assertEquals(200, server.send("POST", "/keys/list", "{\"prefix\":[\"" + root.parts().get(0) + "\"]}").statusCode());
        assertEquals(200, server.send("GET", "/keys/count?prefix=" + root.parts().get(0), null).statusCode());
        assertEquals(200, server.send("GET", "/keys/paginate?prefix=" + root.parts().get(0), null).statusCode());
        assertEquals(200, server.send("POST", "/atomic", "{\"mutations\":[{\"type\":\"sum\",\"key\":[\""
                + root.parts().get(0) + "\",\"n\"],\"value\":1}]}").statusCode());
        assertEquals(200, server.send("POST", "/keys/delete-batch", "{\"keys\":" + keys + "}").statusCode());
        // rejected before any operation: malformed JSON, a path that is no key, an unknown route
        assertEquals(400, server.send("POST", "/keys/list", "{\"prefix\":").statusCode());
        assertEquals(400, server.send("GET", "/keys/" + "a/".repeat(21), null).statusCode()); // 21 parts
        assertEquals(404, server.send("GET", "/nothing", null).statusCode());
        assertEquals(Map.of("set", 2L, "get", 3L, "list", 2L, "count", 1L, "paginate", 1L, "atomic_commit", 1L,
                "delete", 3L), counts());
        assertEquals(Map.of(), errors());
    }

    @Test
    void aCallThatThrowsIsAnErrorValidationOfItsOperandsIncluded() throws Exception {
        Key tooDeep = Key.of(1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21);
        assertThrows(KvValidationException.class, () -> kv.set(tooDeep, 1));
        kv.set(root.append("s"), "text");
        HttpResponse<String> sumOnText = server.send("POST", "/atomic", "{\"mutations\":[{\"type\":\"sum\",\"key\":[\""
                + root.parts().get(0) + "\",\"s\"],\"value\":1}]}");
        assertEquals(400, sumOnText.statusCode(), sumOnText.body());
        assertEquals(Map.of("set", 2L, "atomic_commit", 1L), counts());
        assertEquals(Map.of("set", 1L, "atomic_commit", 1L), errors());
        JsonNode totals = kv.metrics().json().path("operations").path("totals");
        assertEquals(3, totals.path("operations").asLong());
        assertEquals(2, totals.path("errors").asLong());
    }

    @Test
    void theJsonOutputHasTheContractShape() throws Exception {
        kv.set(root.append("a"), 1);
        JsonNode json = server.metricsJson();
        assertEquals(Set.of("operations", "queue", "storage"), fields(json));
        assertEquals(Set.of("operations", "totals"), fields(json.path("operations")));
        assertEquals(Set.of("set"), fields(json.path("operations").path("operations")), "only operations called so far");
        assertEquals(Set.of("avgLatencyMs", "count", "errors"), fields(json.path("operations").path("operations").path("set")));
        assertTrue(json.path("operations").path("operations").path("set").path("avgLatencyMs").isNumber());
        assertEquals(Set.of("errors", "operations"), fields(json.path("operations").path("totals")));
        assertEquals(Set.of("dlq", "pending", "processing", "total"), fields(json.path("queue")));
        assertEquals(Set.of("entries", "sizeBytes"), fields(json.path("storage")));
        assertEquals(0, json.path("queue").path("total").asLong(), "no queue yet");
    }

    @Test
    void theStorageGaugesCountLiveEntriesInTheBackground() throws Exception {
        kv.set(root.append("live"), "x".repeat(1000));
        kv.set(root.append("expiring"), 1, java.time.Duration.ofSeconds(1));
        clock.advance(2_000); // expired: invisible, so not counted, although still stored
        long live = kv.count(Key.of());
        long deadline = System.nanoTime() + 10_000_000_000L;
        JsonNode storage;
        do {
            Thread.sleep(20);
            storage = server.metricsJson().path("storage");
            // A pass that began before the writes may still land with the same count by chance: wait
            // for one that includes the 1000-character value.
        } while ((storage.path("entries").asLong() != live || storage.path("sizeBytes").asLong() <= 1000)
                && System.nanoTime() < deadline);
        assertEquals(live, storage.path("entries").asLong(), storage::toString);
        assertTrue(storage.path("sizeBytes").asLong() > 1000, storage::toString);
    }

    @Test
    void thePrometheusTextFormatPassesTheRealParsersWithTheContractNames() throws Exception {
        kv.set(root.append("a"), 1);
        kv.get(root.append("a"));
        kv.get(root.append("a"));
        assertThrows(KvValidationException.class, () -> kv.get(Key.of()));
        HttpResponse<String> r = server.send("GET", "/metrics/prometheus", null);
        assertEquals(200, r.statusCode());
        assertEquals("text/plain; version=0.0.4; charset=utf-8", r.headers().firstValue("Content-Type").orElse(""));
        String text = r.body();
        assertTrue(text.endsWith("\n"));
        for (String help : List.of("# HELP keyval_operations_total Total operations by type",
                "# TYPE keyval_operations_total counter",
                "# HELP keyval_errors_total Total errors by operation type",
                "# TYPE keyval_errors_total counter",
                "# HELP keyval_operation_duration_ms Operation latency in milliseconds",
                "# TYPE keyval_operation_duration_ms histogram",
                "# HELP keyval_queue_pending Pending messages in queue",
                "# HELP keyval_queue_processing Messages being processed",
                "# HELP keyval_queue_dlq Messages in dead letter queue",
                "# HELP keyval_queue_total Total messages in queue",
                "# HELP keyval_entries_total Total entries in store",
                "# TYPE keyval_entries_total gauge",
                "# HELP keyval_storage_bytes Storage size in bytes",
                "# TYPE keyval_storage_bytes gauge")) {
            assertTrue(text.contains(help + "\n"), () -> "missing '" + help + "' in\n" + text);
        }
        PrometheusParsers.promtoolCheck(text);
        Map<String, Double> samples = samples(PrometheusParsers.parseText(text));
        assertEquals(1.0, samples.get("keyval_operations_total set"));
        assertEquals(3.0, samples.get("keyval_operations_total get"));
        assertEquals(1.0, samples.get("keyval_errors_total get"));
        assertEquals(null, samples.get("keyval_errors_total set"), "only operations with errors");
        assertEquals(3.0, samples.get("keyval_operation_duration_ms_count get"));
        assertEquals(3.0, samples.get("keyval_operation_duration_ms_bucket get +Inf"));
        for (String le : List.of("1.0", "5.0", "10.0", "25.0", "50.0", "100.0", "250.0", "500.0", "1000.0", "2500.0",
                "5000.0")) {
            assertTrue(samples.containsKey("keyval_operation_duration_ms_bucket get " + le), le);
        }
        assertTrue(samples.containsKey("keyval_entries_total"));
        assertEquals(0.0, samples.get("keyval_queue_pending"));
    }

    @Test
    void aScraperThatAsksForOpenMetricsGetsIt() throws Exception {
        kv.set(root.append("a"), 1);
        HttpResponse<String> r = server.send("GET", "/metrics/prometheus", null,
                "application/openmetrics-text; version=1.0.0,text/plain;version=0.0.4;q=0.5");
        assertEquals(200, r.statusCode());
        assertTrue(r.headers().firstValue("Content-Type").orElse("").startsWith("application/openmetrics-text"));
        assertTrue(r.body().endsWith("# EOF\n"), r.body());
        Map<String, Double> samples = samples(PrometheusParsers.parseOpenMetrics(r.body()));
        assertEquals(1.0, samples.get("keyval_operations_total set"));
        assertTrue(r.body().contains("# TYPE keyval_entries_total gauge\n"), r.body());
    }

    @Test
    void aListSentInSeveralPiecesCountsOnce() throws Exception {
        String megabyte = "\"" + "x".repeat(1 << 20) + "\"";
        for (int i = 0; i < 6; i++) { // more than one ~4 MB piece
            assertEquals(200, server.send("PUT", "/keys/" + root.parts().get(0) + "/" + i, megabyte).statusCode());
        }
        HttpResponse<String> list = server.send("GET", "/keys?prefix=" + root.parts().get(0), null);
        assertEquals(200, list.statusCode());
        assertTrue(list.headers().firstValue("Content-Length").isEmpty(), "sent in pieces (chunked)");
        assertEquals(Map.of("set", 6L, "list", 1L), counts());
    }

    @Test
    void theQueueGaugesComeFromTheQueue() throws Exception {
        StoreMetrics metrics = (StoreMetrics) kv.metrics();
        metrics.setQueueGauges(() -> new QueueGauges.Counts(3, 2, 1));
        try {
            JsonNode queue = server.metricsJson().path("queue");
            assertEquals(Map.of("pending", 3L, "processing", 2L, "dlq", 1L, "total", 6L), Map.of(
                    "pending", queue.path("pending").asLong(), "processing", queue.path("processing").asLong(),
                    "dlq", queue.path("dlq").asLong(), "total", queue.path("total").asLong()));
            String text = server.send("GET", "/metrics/prometheus", null).body();
            assertTrue(text.contains("keyval_queue_total 6"), text);
        } finally {
            metrics.setQueueGauges(QueueGauges.NONE);
        }
    }

    @Test
    void resetZeroesTheCounters() {
        kv.set(root.append("a"), 1);
        kv.metrics().reset();
        assertEquals(Map.of(), counts());
        kv.get(root.append("a"));
        assertEquals(Map.of("get", 1L), counts());
    }

    /** @return the JSON output's count per operation */
    private Map<String, Long> counts() {
        return perOperation("count");
    }

    /** @return the JSON output's errors per operation, for operations with errors */
    private Map<String, Long> errors() {
        Map<String, Long> errors = perOperation("errors");
        errors.values().removeIf(n -> n == 0);
        return errors;
    }

    private Map<String, Long> perOperation(String field) {
        Map<String, Long> out = new TreeMap<>();
        kv.metrics().json().path("operations").path("operations").fields()
                .forEachRemaining(e -> out.put(e.getKey(), e.getValue().path(field).asLong()));
        return out;
    }

    private static Set<String> fields(JsonNode node) {
        Set<String> names = new TreeSet<>();
        for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
            names.add(it.next());
        }
        return names;
    }

    /** @return parser output lines ({@code type name operation le value}) as "name operation le" → value */
    private static Map<String, Double> samples(String parsed) {
        Map<String, Double> out = new TreeMap<>();
        for (String line : parsed.split("\n")) {
            String[] f = line.trim().split(" ");
            if (f.length < 3) {
                continue;
            }
            StringBuilder name = new StringBuilder(f[1]);
            for (int i = 2; i < f.length - 1; i++) {
                if (!f[i].isEmpty()) {
                    name.append(' ').append(f[i]);
                }
            }
            out.put(name.toString(), Double.parseDouble(f[f.length - 1]));
        }
        return out;
    }
}
