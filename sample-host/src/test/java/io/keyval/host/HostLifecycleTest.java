package io.keyval.host;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.JsonNode;
import io.keyval.host.TestPlugins.FailingPlugin;
import io.keyval.host.TestPlugins.Greeter;
import io.keyval.host.TestPlugins.GreeterPlugin;
import io.keyval.host.TestPlugins.RecorderPlugin;
import io.keyval.host.testing.HostFixture;
import io.keyval.host.testing.HostSetup;
import io.keyval.host.testing.PluginJarBuilder;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Start-up and shutdown of in-process hosts with real plugin jars. */
class HostLifecycleTest {

    @TempDir
    Path data;

    private static PluginJarBuilder recorder(String id, String manifest) {
        return PluginJarBuilder.plugin(id).manifest(manifest).extension(RecorderPlugin.class);
    }

    @Test
    void shutdownRunsInReverseInitOrder() throws Exception {
        HostFixture host = HostSetup.withoutShippedPlugins().dataDir(data)
                .plugin(recorder("c", "dependencies: [b]\n"))
                .plugin(recorder("b", "dependencies: [a]\n"))
                .plugin(recorder("a", ""))
                .start();
        host.close();
        assertEquals(List.of("init a", "init b", "init c", "shutdown c", "shutdown b", "shutdown a"),
                PluginEvents.read(data));
    }

    @Test
    void pluginWithoutManifestDoesNotSeeItsDependencysManifest() {
        // PF4J's plugin-first loader would find the parent's manifest.yaml through the child's loader
        try (HostFixture host = HostSetup.withoutShippedPlugins()
                .plugin(PluginJarBuilder.plugin("parent").manifest("base: /shared\ngreeting: hi\n")
                        .extension(GreeterPlugin.class).classes(Greeter.class))
                .plugin(PluginJarBuilder.plugin("child").dependencies("parent").extension(GreeterPlugin.class))
                .start()) {
            assertEquals("hi", host.http().get("/shared/hello").json().get("greeting").asText());
            JsonNode child = host.http().get("/child/hello").json();
            assertEquals("/child", child.get("basePath").asText());
            assertEquals("?", child.get("greeting").asText());
        }
    }

    @Test
    void missingManifestDependencyStopsStartUp() {
        RuntimeException e = assertThrows(RuntimeException.class, () -> HostSetup.withoutShippedPlugins()
                .plugin(recorder("plugin-keyval", "dependencies: [plugin-database]\n")).start());
        assertEquals("Plugin 'plugin-keyval' depends on 'plugin-database', which is not loaded", e.getMessage());
    }

    @Test
    void missingPf4jDependencyStopsStartUp() {
        RuntimeException e = assertThrows(RuntimeException.class, () -> HostSetup.withoutShippedPlugins()
                .plugin(recorder("needy", "").dependencies("ghost")).start());
        assertEquals("Plugin 'needy' depends on 'ghost', which is not loaded", e.getMessage());
    }

    @Test
    void dependencyCycleStopsStartUp() {
        RuntimeException e = assertThrows(RuntimeException.class, () -> HostSetup.withoutShippedPlugins()
                .plugin(recorder("a", "dependencies: [b]\n"))
                .plugin(recorder("b", "dependencies: [a]\n")).start());
        assertEquals("Dependency cycle: a -> b -> a", e.getMessage());
    }

    @Test
    void dependencyOnDisabledPluginStopsStartUp() {
        RuntimeException e = assertThrows(RuntimeException.class, () -> HostSetup.withoutShippedPlugins()
                .plugin(recorder("a", ""))
                .plugin(recorder("b", "dependencies: [a]\n"))
                .override("a", Map.of("enabled", false)).start());
        assertEquals("Plugin 'b' depends on 'a', which is disabled", e.getMessage());
    }

    @Test
    void unsetVariableInPluginManifestStopsStartUp() {
        RuntimeException e = assertThrows(RuntimeException.class, () -> HostSetup.withoutShippedPlugins()
                .plugin(recorder("a", "url: ${DB_URL}\n")).start());
        assertEquals("Environment variable 'DB_URL' is not set (referenced in manifest.yaml of plugin 'a');"
                + " set it or write ${DB_URL:-default}", e.getMessage());
    }

    @Test
    void failedInitStopsStartUpAndShutsDownTheInitialisedPlugins() throws Exception {
        RuntimeException e = assertThrows(RuntimeException.class, () -> HostSetup.withoutShippedPlugins()
                .dataDir(data)
                .plugin(recorder("a", ""))
                .plugin(PluginJarBuilder.plugin("b").manifest("dependencies: [a]\n").extension(FailingPlugin.class))
                .start());
        assertEquals("Plugin 'b' failed to initialise: no database here", e.getMessage());
        assertEquals(List.of("init a", "shutdown a"), PluginEvents.read(data));
    }
}
