package io.keyval.host;

import io.keyval.host.api.PluginCommand;
import io.keyval.host.api.PluginConfig;
import io.keyval.host.api.PluginContext;
import io.keyval.host.api.PluginException;
import io.undertow.server.HttpHandler;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
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
    private final Map<String, PluginCommand> commands;

    HostPluginContext(HostedPlugin plugin, ServiceRegistry registry, HttpServer http, Path dataDir, String instanceName,
            Map<String, PluginCommand> commands) {
        this.plugin = plugin;
        this.commands = commands;
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
        mount(path, handler, false);
    }

    @Override
    public void mountPublic(String path, HttpHandler handler) {
        mount(path, handler, true);
    }

    private void mount(String path, HttpHandler handler, boolean tokenFree) {
        if (!path.startsWith("/")) {
            throw new PluginException("Plugin '{}' mounts '{}': the path must start with /", plugin.id(), path);
        }
        String prefix = path.equals("/") ? basePath : (basePath.equals("/") ? "" : basePath) + path;
        ClassLoader loader = plugin.classLoader();
        try {
            http.mount(prefix, exchange -> ContextClassLoader.run(loader, () -> handler.handleRequest(exchange)), tokenFree);
        } catch (IllegalArgumentException e) {
            throw new PluginException("Plugin '{}' cannot mount '{}': {}", plugin.id(), prefix, e.getMessage());
        }
    }

    @Override
    public void command(PluginCommand command) {
        ClassLoader loader = plugin.classLoader();
        PluginCommand inPluginLoader = new PluginCommand() {
            @Override
            public String name() {
                return command.name();
            }

            @Override
            public String usage() {
                return command.usage();
            }

            @Override
            public int run(List<String> args, InputStream in, PrintStream out, PrintStream err) throws Exception {
                int[] code = new int[1];
                ContextClassLoader.run(loader, () -> code[0] = command.run(args, in, out, err));
                return code[0];
            }
        };
        if (commands.putIfAbsent(command.name(), inPluginLoader) != null) {
            throw new PluginException("Plugin '{}' offers the command '{}', which another plugin offers already",
                    plugin.id(), command.name());
        }
    }
}
