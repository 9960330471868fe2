package io.keyval.host;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.keyval.host.api.PluginException;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ServiceRegistryTest {

    private final ServiceRegistry registry = new ServiceRegistry(Set.of("db", "later"));

    @Test
    void servicesAreFoundByPluginIdAndType() {
        StringBuilder service = new StringBuilder();
        registry.provide("db", CharSequence.class, service);
        registry.markInitialised("db");
        assertSame(service, registry.getPlugin("db", CharSequence.class));
        assertSame(service, registry.getPlugin("db", StringBuilder.class));
    }

    @Test
    void lookupFailuresSayWhy() {
        registry.provide("db", CharSequence.class, "x");
        registry.markInitialised("db");
        assertEquals("Plugin 'nope' is not loaded",
                assertThrows(PluginException.class, () -> registry.getPlugin("nope", Runnable.class)).getMessage());
        assertEquals("Plugin 'later' is not initialised yet; list it under 'dependencies' in manifest.yaml",
                assertThrows(PluginException.class, () -> registry.getPlugin("later", Runnable.class)).getMessage());
        assertEquals("Plugin 'db' provides no service of type java.lang.Runnable (it provides: [java.lang.CharSequence])",
                assertThrows(PluginException.class, () -> registry.getPlugin("db", Runnable.class)).getMessage());
    }
}
