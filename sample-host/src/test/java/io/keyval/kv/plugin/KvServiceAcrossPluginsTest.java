package io.keyval.kv.plugin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.keyval.host.testing.HostFixture;
import io.keyval.host.testing.HostSetup;
import io.keyval.host.testing.HttpClientHelper.Response;
import io.keyval.host.testing.PluginJarBuilder;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The service registry across PF4J class loaders: a plugin built in the test depends on
 * {@code plugin-keyval}, obtains {@code Kv} with {@code getPlugin("plugin-keyval", Kv.class)} and
 * uses it; what it wrote is visible over the KeyVal HTTP API of the real host.
 */
class KvServiceAcrossPluginsTest {

    private static HostFixture host;

    @BeforeAll
    static void start() {
        host = HostSetup.withShippedPlugins()
                .plugin(PluginJarBuilder.plugin("kv-probe")
                        .dependencies("plugin-keyval")
                        .manifest("name: kv-probe\nbase: /probe\ndependencies: [plugin-keyval]\n")
                        .extension(KvProbe.ProbePlugin.class)
                        .classes(KvProbe.class))
                .start();
    }

    @AfterAll
    static void stop() {
        host.close();
    }

    @Test
    void probeWroteThroughKvDuringOnInit() {
        Response probe = host.http().get("/probe/?name=ada");
        assertEquals(200, probe.status(), probe.body());
        Response stored = host.http().get("/keyval/api/keys/probe/init");
        assertEquals(200, stored.status(), stored.body());
        JsonNode entry = stored.json();
        assertEquals("probe", entry.get("value").get("from").asText());
        assertEquals(1, entry.get("value").get("n").asInt());
        assertEquals(probe.json().get("initVersionstamp").asText(), entry.get("versionstamp").asText());
    }

    @Test
    void probeKeepsUsingKvFromItsOwnRoutes() {
        Response probe = host.http().get("/probe/?name=grace");
        assertEquals(200, probe.status(), probe.body());
        assertTrue(probe.json().get("count").asLong() >= 2, probe.body());
        Response stored = host.http().get("/keyval/api/keys/probe/req/grace");
        assertEquals("grace", stored.json().get("value").asText());
        assertEquals(probe.json().get("versionstamp").asText(), stored.json().get("versionstamp").asText());
    }
}
