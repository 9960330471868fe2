package io.keyval.host.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PluginConfigTest {

    private final PluginConfig config = PluginConfig.of(Map.of(
            "queue", Map.of("lockDuration", 30000, "text", "45", "flag", "true"),
            "database", "sqlite",
            "tags", List.of("a", 1),
            "routes", List.of(Map.of("path", "/x"))));

    @Test
    void readsNestedValuesWithConversionsAndDefaults() {
        assertEquals(30000L, config.getLong("queue.lockDuration", 0));
        assertEquals(45, config.getInt("queue.text", 0));
        assertTrue(config.getBoolean("queue.flag", false));
        assertEquals("sqlite", config.getString("database", null));
        assertEquals("30000", config.getString("queue.lockDuration", null));
        assertEquals(7, config.getInt("queue.missing", 7));
        assertFalse(config.has("database.deeper"));
        assertEquals(List.of("a", "1"), config.getStringList("tags"));
        assertEquals("/x", config.getSectionList("routes").get(0).getString("path", null));
        assertEquals(30000, config.getSection("queue").getInt("lockDuration", 0));
        assertTrue(config.getSection("absent").asMap().isEmpty());
    }

    @Test
    void wrongTypesNameThePath() {
        assertEquals("Configuration 'database' must be an integer, found: sqlite",
                assertThrows(PluginException.class, () -> config.getInt("database", 0)).getMessage());
        assertEquals("Configuration 'queue' must be a text, found: " + config.getSection("queue"),
                assertThrows(PluginException.class, () -> config.getString("queue", null)).getMessage());
        assertEquals("Configuration 'database' must be true or false, found: sqlite",
                assertThrows(PluginException.class, () -> config.getBoolean("database", false)).getMessage());
    }

    @Test
    void exceptionFormatsPlaceholdersAndTakesATrailingCause() {
        IllegalStateException cause = new IllegalStateException("x");
        PluginException e = new PluginException("Plugin '{}' failed: {}", "a", "boom", cause);
        assertEquals("Plugin 'a' failed: boom", e.getMessage());
        assertSame(cause, e.getCause());
    }
}
