package io.keyval.database.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.keyval.database.DatabaseAdapter;
import io.keyval.database.DatabaseException;
import io.keyval.database.DatabaseService;
import io.keyval.host.api.PluginConfig;
import io.keyval.host.api.PluginContext;
import io.undertow.server.HttpHandler;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.yaml.snakeyaml.Yaml;

class DatabasePluginTest {

    /** {@code ${VAR:-default}}: the host substitutes the environment; here every variable is unset. */
    private static final Pattern VARIABLE = Pattern.compile("\\$\\{[A-Z0-9_]+:-([^}]*)}");

    @TempDir
    Path dataDir;

    @Test
    void publishesAWorkingServiceFromTheShippedManifestAndClosesItOnShutdown() throws Exception {
        FakeContext context = new FakeContext(shippedManifestWithDefaults(), dataDir);
        DatabasePlugin plugin = new DatabasePlugin();

        plugin.onInit(context);
        DatabaseService service = assertInstanceOf(DatabaseService.class, context.provided.get(DatabaseService.class));
        DatabaseAdapter adapter = service.getRootAdapter(null);

        assertEquals("sqlite", service.getDefaultType());
        assertEquals(List.of("sqlite", "postgres"), service.getAvailableTypes());
        assertEquals("WAL, synchronous=FULL", adapter.durability());
        assertTrue(Files.isRegularFile(dataDir.resolve("sqlite/_default.db")));

        plugin.onShutdown();
        assertThrows(DatabaseException.class, () -> adapter.execute("SELECT 1"));
    }

    private static PluginConfig shippedManifestWithDefaults() throws IOException {
        try (InputStream in = DatabasePlugin.class.getResourceAsStream("/manifest.yaml")) {
            String text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            String substituted = VARIABLE.matcher(text).replaceAll(m -> Matcher.quoteReplacement(m.group(1)));
            Map<String, Object> tree = new Yaml().load(substituted);
            return PluginConfig.of(tree);
        }
    }

    /** The host's side of the plugin contract, reduced to what the database plugin uses. */
    private record FakeContext(PluginConfig config, Path dataDir, Map<Class<?>, Object> provided)
            implements PluginContext {

        FakeContext(PluginConfig config, Path dataDir) {
            this(config, dataDir, new HashMap<>());
        }

        @Override
        public String pluginId() {
            return "plugin-database";
        }

        @Override
        public String basePath() {
            return "/database";
        }

        @Override
        public Logger logger() {
            return LoggerFactory.getLogger(pluginId());
        }

        @Override
        public <T> void provide(Class<T> type, T service) {
            provided.put(type, service);
        }

        @Override
        public <T> T getPlugin(String pluginId, Class<T> type) {
            throw new UnsupportedOperationException("the database plugin depends on no other plugin");
        }

        @Override
        public void mount(String path, HttpHandler handler) {
            throw new UnsupportedOperationException("the database plugin serves no routes");
        }
    }
}
