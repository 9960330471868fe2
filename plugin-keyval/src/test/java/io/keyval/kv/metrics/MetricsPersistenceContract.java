package io.keyval.kv.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.JsonNode;
import io.keyval.database.DatabaseAdapter;
import io.keyval.database.Databases;
import io.keyval.database.testing.TestDatabases;
import io.keyval.host.api.PluginConfig;
import io.keyval.kv.Key;
import io.keyval.kv.Kv;
import io.keyval.kv.KvValidationException;
import io.keyval.kv.plugin.KeyValRuntime;
import io.keyval.kv.plugin.KeyValSettings;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code metrics.persistent}: two hosts on one database each restore only their own counters after a
 * restart, histograms included.
 */
abstract class MetricsPersistenceContract {

    @TempDir
    Path tempDir;

    private Databases.ClosableDatabaseService databases;
    private DatabaseAdapter adapter;

    protected abstract TestDatabases.Engine engine();

    @BeforeEach
    void open() {
        databases = TestDatabases.open(engine(), tempDir);
        adapter = databases.getRootAdapter(null);
    }

    @AfterEach
    void close() {
        databases.close();
    }

    private KeyValRuntime host(String instance) {
        PluginConfig config = PluginConfig.of(Map.of("metrics", Map.of("persistent", true, "instance", instance)));
        return KeyValRuntime.start(adapter, KeyValSettings.from(config, "unused"), Clock.systemUTC());
    }

    @Test
    void eachHostRestoresOnlyItsOwnCountersAfterARestart() {
        try (KeyValRuntime a = host("host-a"); KeyValRuntime b = host("host-b")) {
            for (int i = 0; i < 3; i++) {
                a.kv().set(Key.of("a", i), i);
            }
            assertThrows(KvValidationException.class, () -> a.kv().get(Key.of()));
            b.kv().get(Key.of("a", 0));
            b.kv().get(Key.of("a", 1));
        } // closing saves
        try (KeyValRuntime a = host("host-a")) {
            JsonNode ops = operations(a.kv());
            assertEquals(3, ops.path("set").path("count").asLong());
            assertEquals(1, ops.path("get").path("count").asLong(), "host-b's gets are not host-a's");
            assertEquals(1, ops.path("get").path("errors").asLong());
            a.kv().set(Key.of("a", 9), 9);
            assertEquals(4, operations(a.kv()).path("set").path("count").asLong(), "restored, then counted on");
            String text = a.kv().metrics().prometheusText();
            assertEquals(4.0, sample(text, "keyval_operation_duration_ms_bucket{operation=\"set\",le=\"+Inf\"}"),
                    "the restored histogram buckets, plus the new call");
        }
        try (KeyValRuntime b = host("host-b")) {
            JsonNode ops = operations(b.kv());
            assertEquals(2, ops.path("get").path("count").asLong());
            assertEquals(0, ops.path("set").path("count").asLong());
        }
    }

    @Test
    void aResetAlsoForgetsTheSavedCounters() {
        try (KeyValRuntime a = host("host-a")) {
            a.kv().set(Key.of("x"), 1);
        }
        try (KeyValRuntime a = host("host-a")) {
            assertEquals(1, operations(a.kv()).path("set").path("count").asLong());
            a.kv().metrics().reset();
        }
        try (KeyValRuntime a = host("host-a")) {
            assertEquals(0, operations(a.kv()).size());
        }
    }

    private static JsonNode operations(Kv kv) {
        return kv.metrics().json().path("operations").path("operations");
    }

    private static double sample(String text, String series) {
        for (String line : text.split("\n")) {
            if (line.startsWith(series + " ")) {
                return Double.parseDouble(line.substring(series.length() + 1));
            }
        }
        throw new AssertionError(series + " not in\n" + text);
    }
}
