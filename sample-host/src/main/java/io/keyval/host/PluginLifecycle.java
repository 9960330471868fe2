package io.keyval.host;

import io.keyval.host.api.HostPlugin;
import io.keyval.host.api.PluginContext;
import java.util.ArrayDeque;
import java.util.Deque;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Calls {@code onInit} on plugins one by one and {@code onShutdown} on the initialised ones in reverse. */
final class PluginLifecycle {

    private static final Logger LOG = LoggerFactory.getLogger(PluginLifecycle.class);

    private record Initialised(HostedPlugin plugin, HostPlugin extension) {
    }

    private final Deque<Initialised> initialised = new ArrayDeque<>();

    /** @throws HostStartException naming the plugin if {@code onInit} fails */
    void init(HostedPlugin plugin, HostPlugin extension, PluginContext context) {
        LOG.info("Initialising plugin '{}'", plugin.id());
        try {
            ContextClassLoader.run(plugin.classLoader(), () -> extension.onInit(context));
        } catch (Exception e) {
            throw new HostStartException("Plugin '" + plugin.id() + "' failed to initialise: " + e.getMessage(), e);
        }
        initialised.push(new Initialised(plugin, extension));
    }

    /** Shuts down every initialised plugin, last initialised first; failures are logged and skipped. */
    void shutdownAll() {
        while (!initialised.isEmpty()) {
            Initialised next = initialised.pop();
            LOG.info("Shutting down plugin '{}'", next.plugin().id());
            try {
                ContextClassLoader.run(next.plugin().classLoader(), next.extension()::onShutdown);
            } catch (Exception e) {
                LOG.error("Plugin '{}' failed to shut down", next.plugin().id(), e);
            }
        }
    }
}
