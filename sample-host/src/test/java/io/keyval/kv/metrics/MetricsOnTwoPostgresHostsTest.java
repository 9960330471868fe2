package io.keyval.kv.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import io.keyval.host.testing.HostProcess;
import io.keyval.host.testing.PostgresSchema;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Two host processes on one PostgreSQL database, each with persistent metrics under its own instance
 * name: after both restart, each shows its own calls only.
 */
class MetricsOnTwoPostgresHostsTest {

    private static final String API = "/keyval/api";

    private static HostProcess host(PostgresSchema schema, String instance) {
        return schema.hostSetup()
                .override("plugin-keyval", Map.of("database", "postgres",
                        "metrics", Map.of("persistent", true, "instance", instance)))
                .startProcess();
    }

    @Test
    void eachHostRestoresOnlyItsOwnCountersAfterARestart() throws Exception {
        try (PostgresSchema schema = PostgresSchema.create()) {
            try (HostProcess a = host(schema, "web-a"); HostProcess b = host(schema, "web-b")) {
                for (int i = 0; i < 3; i++) {
                    assertEquals(200, a.http().put(API + "/keys/shared/" + i, "1").status());
                }
                assertEquals(200, b.http().get(API + "/keys/shared/0").status());
                assertEquals(200, b.http().get(API + "/keys/shared/1").status());
            } // a graceful stop saves
            try (HostProcess a = host(schema, "web-a")) {
                JsonNode ops = operations(a);
                assertEquals(3, ops.path("set").path("count").asLong());
                assertEquals(0, ops.path("get").path("count").asLong(), "web-b's gets are not web-a's");
            }
            try (HostProcess b = host(schema, "web-b")) {
                JsonNode ops = operations(b);
                assertEquals(2, ops.path("get").path("count").asLong());
                assertEquals(0, ops.path("set").path("count").asLong());
            }
        }
    }

    private static JsonNode operations(HostProcess host) {
        return host.http().get(API + "/metrics").json().path("operations").path("operations");
    }
}
