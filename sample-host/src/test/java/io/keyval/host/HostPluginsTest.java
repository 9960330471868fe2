package io.keyval.host;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.keyval.host.TestPlugins.ConsumerPlugin;
import io.keyval.host.TestPlugins.Greeter;
import io.keyval.host.TestPlugins.GreeterPlugin;
import io.keyval.host.TestPlugins.RecorderPlugin;
import io.keyval.host.testing.HostFixture;
import io.keyval.host.testing.HostSetup;
import io.keyval.host.testing.HttpClientHelper.Response;
import io.keyval.host.testing.PluginJarBuilder;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Real PF4J plugin jars in a host on a real socket: routes, services, order, configuration, disabling. */
class HostPluginsTest {

    private static HostFixture host;

    @BeforeAll
    static void start() {
        host = HostSetup.withoutShippedPlugins()
                // the provider sorts after its consumer, so only the dependency can put it first
                .plugin(PluginJarBuilder.plugin("zeta-greeter")
                        .manifest("""
                                base: /greeter
                                greeting: ${GREETING:-Hello} ${WHO}
                                nested: {a: 1, b: 2}
                                """)
                        .extension(GreeterPlugin.class).classes(Greeter.class))
                .plugin(PluginJarBuilder.plugin("alpha-consumer").dependencies("zeta-greeter")
                        .manifest("dependencies: [zeta-greeter]\n")
                        .extension(ConsumerPlugin.class))
                .plugin(PluginJarBuilder.plugin("off-in-manifest").manifest("enabled: false\n")
                        .extension(RecorderPlugin.class))
                .plugin(PluginJarBuilder.plugin("off-by-override").extension(RecorderPlugin.class))
                .override("off-by-override", Map.of("enabled", false))
                .override("zeta-greeter", Map.of("nested", Map.of("b", "${B_VALUE}")))
                .env("WHO", "world")
                .env("B_VALUE", "3")
                .start();
    }

    @AfterAll
    static void stop() {
        host.close();
    }

    @Test
    void healthListsTheRunningPluginsInInitOrder() {
        Response r = host.http().get("/health");
        assertEquals(200, r.status());
        assertEquals("application/json", r.header("Content-Type"));
        assertEquals("ok", r.json().get("status").asText());
        assertEquals("[\"zeta-greeter\",\"alpha-consumer\"]", r.json().get("plugins").toString());
    }

    @Test
    void initRunsInDependencyOrderAndSkipsDisabledPlugins() throws Exception {
        assertEquals(List.of("init zeta-greeter", "init alpha-consumer"), PluginEvents.read(host.dataDir()));
    }

    @Test
    void pluginRouteIsServedBelowItsBaseWithSubstitutedAndMergedConfig() {
        JsonNode body = host.http().get("/greeter/hello").json();
        assertEquals("Hello world", body.get("greeting").asText());
        assertEquals("{a=1, b=3}", body.get("nested").asText());
        assertEquals("/greeter", body.get("basePath").asText());
        assertTrue(body.get("contextLoaderIsPlugin").asBoolean());
    }

    @Test
    void prefixMountServesSubPathsOnly() {
        assertEquals(200, host.http().get("/greeter/hello/more").status());
        assertEquals(404, host.http().get("/greeter/helloX").status());
    }

    @Test
    void serviceIsSharedAcrossPluginClassLoadersAndDefaultBaseIsThePluginId() {
        JsonNode body = host.http().get("/alpha-consumer").json();
        assertEquals("Hello world, alpha-consumer", body.get("message").asText());
        assertTrue(body.get("greeterFromPluginJar").asBoolean());
    }

    @Test
    void unknownPathIsJson404() {
        Response r = host.http().get("/no/such/path");
        assertEquals(404, r.status());
        assertEquals("{\"error\":\"Not found\"}", r.body());
        assertEquals(404, host.http().get("/off-in-manifest").status());
    }

    @Test
    void failingHandlerGivesJson500WithoutInternals() {
        Response r = host.http().get("/greeter/boom");
        assertEquals(500, r.status());
        assertEquals("Internal server error", r.json().get("error").asText());
        assertFalse(r.body().contains("secret internals"));
    }
}
