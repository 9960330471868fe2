package io.keyval.host;

import io.keyval.host.api.PluginConfig;
import io.keyval.host.api.PluginContext;
import io.keyval.host.api.PluginException;
import io.undertow.server.HttpHandler;
import java.nio.file.Path;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The host's {@link PluginContext} for one plugin. */
final class HostPluginContext implements PluginContext {

    private final HostedPlugin plugin;
    private final ServiceRegistry registry;
    private final HttpServer http;
    private final Path dataDir;
    private final String basePath;
    private final String instanceName;

    HostPluginContext(HostedPlugin plugin, ServiceRegistry registry, HttpServer http, Path dataDir, String instanceName) {
        this.plugin = plugin;
        this.instanceName = instanceName;
        this.registry = registry;
        this.http = http;
        this.dataDir = dataDir;
        this.basePath = normaliseBase(plugin.config().getString("base", "/" + plugin.id()));
    }

    private static String normaliseBase(String base) {
        String withSlash = base.startsWith("/") ? base : "/" + base;
        return withSlash.length() > 1 && withSlash.endsWith("/")
                ? withSlash.substring(0, withSlash.length() - 1)
                : withSlash;
    }

    @Override
    public String pluginId() {
        return plugin.id();
    }

    @Override
    public PluginConfig config() {
        return plugin.config();
    }

    @Override
    public Path dataDir() {
        return dataDir;
    }

    @Override
    public String basePath() {
        return basePath;
    }

    @Override
    public String instanceName() {
        return instanceName;
    }

    @Override
    public Logger logger() {
        return LoggerFactory.getLogger(plugin.id());
    }

    @Override
    public <T> void provide(Class<T> type, T service) {
        registry.provide(plugin.id(), type, service);
    }

    @Override
    public <T> T getPlugin(String pluginId, Class<T> type) {
        return registry.getPlugin(pluginId, type);
    }

    @Override
    public void mount(String path, HttpHandler handler) {
        if (!path.startsWith("/")) {
            throw new PluginException("Plugin '{}' mounts '{}': the path must start with /", plugin.id(), path);
        }
        String prefix = path.equals("/") ? basePath : (basePath.equals("/") ? "" : basePath) + path;
        ClassLoader loader = plugin.classLoader();
        try {
            http.mount(prefix, exchange -> ContextClassLoader.run(loader, () -> handler.handleRequest(exchange)));
        } catch (IllegalArgumentException e) {
            throw new PluginException("Plugin '{}' cannot mount '{}': {}", plugin.id(), prefix, e.getMessage());
        }
    }
}
