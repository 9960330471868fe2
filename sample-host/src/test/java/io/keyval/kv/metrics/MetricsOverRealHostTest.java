package io.keyval.kv.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.keyval.host.testing.HostFixture;
import io.keyval.host.testing.HostSetup;
import io.keyval.host.testing.HttpClientHelper.Response;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Metrics through the real host and the plugin zips Maven built (the Prometheus client's jars
 * included): the endpoints, the manifest's {@code metrics.*} settings, and persistent counters across
 * a restart of the host, restored only for the same instance name.
 */
class MetricsOverRealHostTest {

    private static final String API = "/keyval/api";

    @TempDir
    Path dataDir;

    private HostFixture host(String instance) {
        return HostSetup.withShippedPlugins()
                .dataDir(dataDir)
                .override("plugin-keyval", Map.of("metrics", Map.of("persistent", true, "instance", instance)))
                .start();
    }

    @Test
    void countsAreServedAndSurviveARestartOfTheSameInstanceOnly() {
        try (HostFixture web1 = host("web-1")) {
            assertEquals(200, web1.http().put(API + "/keys/a", "1").status());
            assertEquals(200, web1.http().put(API + "/keys/b", "2").status());
            assertEquals(200, web1.http().get(API + "/keys/a").status());
            Response prometheus = web1.http().get(API + "/metrics/prometheus");
            assertEquals(200, prometheus.status());
            assertEquals("text/plain; version=0.0.4; charset=utf-8", prometheus.header("Content-Type"));
            assertTrue(prometheus.body().contains("keyval_operations_total{operation=\"set\"} 2"), prometheus.body());
        }
        try (HostFixture web1 = host("web-1")) {
            JsonNode ops = web1.http().get(API + "/metrics").json().path("operations").path("operations");
            assertEquals(2, ops.path("set").path("count").asLong());
            assertEquals(1, ops.path("get").path("count").asLong());
        }
        try (HostFixture web2 = host("web-2")) {
            JsonNode totals = web2.http().get(API + "/metrics").json().path("operations").path("totals");
            assertEquals(0, totals.path("operations").asLong(), "web-1's counters are not web-2's");
        }
    }

    @Test
    void disabledMetricsHaveNoEndpoints() {
        try (HostFixture host = HostSetup.withShippedPlugins()
                .override("plugin-keyval", Map.of("metrics", Map.of("enabled", false)))
                .start()) {
            Response r = host.http().get(API + "/metrics");
            assertEquals(404, r.status());
            assertTrue(r.json().path("error").isTextual());
            assertEquals(200, host.http().put(API + "/keys/a", "1").status());
        }
    }
}
