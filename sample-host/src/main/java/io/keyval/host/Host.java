package io.keyval.host;

import io.keyval.host.api.HostName;
import io.keyval.host.api.HostPlugin;
import io.keyval.host.api.PluginCommand;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import org.pf4j.PluginManager;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The KeyVal host: loads the PF4J plugins, initialises them in dependency order and serves their
 * routes on one HTTP server. {@link #stop()} undoes {@link #start()} in reverse.
 */
public class Host {

    private static final Logger LOG = LoggerFactory.getLogger(Host.class);

    private final HostSettings settings;
    private final List<String> running = new CopyOnWriteArrayList<>();
    private final PluginLifecycle lifecycle = new PluginLifecycle();
    /** The plugins' command-line commands, by name. */
    private final Map<String, PluginCommand> commands = new ConcurrentHashMap<>();
    private final String instanceName;
    private PluginManager pluginManager;
    private HttpServer http;

    /** @param settings what to load and where to listen */
    public Host(HostSettings settings) {
        this.settings = settings;
        // A port picked at start-up would not name the same instance after a restart: the pid does no worse.
        long port = settings.port() != 0 ? settings.port() : ProcessHandle.current().pid();
        this.instanceName = HostName.local() + ":" + port;
    }

    /**
     * Starts the host; on failure everything started so far is stopped again.
     *
     * @throws HostStartException or {@link ManifestException} with a message naming the plugin
     */
    public synchronized void start() {
        startPlugins();
        try {
            http.start();
        } catch (RuntimeException e) {
            stop();
            throw e;
        }
        LOG.info("KeyVal host listening on http://{}:{}", settings.bindHost(), port());
    }

    /**
     * Runs a plugin's command-line command: starts the plugins, serving no HTTP, runs the command and
     * stops the host again.
     *
     * @param name the command's name
     * @param args its arguments
     * @return the exit code: the command's, 2 for an unknown command
     * @throws Exception what the command threw
     */
    public int runCommand(String name, List<String> args) throws Exception {
        startPlugins();
        try {
            PluginCommand command = commands.get(name);
            if (command == null) {
                System.err.println("Unknown command '" + name + "'. Commands:");
                commands.values().forEach(c -> System.err.println("  " + c.usage()));
                return 2;
            }
            return command.run(args, System.in, System.out, System.err);
        } finally {
            stop();
        }
    }

    private synchronized void startPlugins() {
        try {
            Files.createDirectories(settings.dataDir());
            pluginManager = createPluginManager(settings.pluginsDir());
            http = createHttpServer(settings, () -> List.copyOf(running));
            List<HostedPlugin> plugins = new PluginCatalog(pluginManager,
                    new ManifestLoader(settings.env()), settings.pluginOverrides()).load();
            List<HostedPlugin> ordered = order(plugins);
            ServiceRegistry registry = new ServiceRegistry(
                    ordered.stream().map(HostedPlugin::id).collect(Collectors.toSet()));
            for (HostedPlugin plugin : ordered) {
                initialise(plugin, registry);
            }
        } catch (IOException e) {
            stop();
            throw new UncheckedIOException("Cannot create data directory " + settings.dataDir(), e);
        } catch (RuntimeException e) {
            stop();
            throw e;
        }
    }

    private List<HostedPlugin> order(List<HostedPlugin> plugins) {
        Map<String, HostedPlugin> enabled = new LinkedHashMap<>();
        Map<String, List<String>> dependencies = new LinkedHashMap<>();
        for (HostedPlugin plugin : plugins) {
            if (plugin.enabled()) {
                enabled.put(plugin.id(), plugin);
                dependencies.put(plugin.id(), plugin.dependencies());
            } else {
                LOG.info("Plugin '{}' is disabled", plugin.id());
            }
        }
        Set<String> disabled = plugins.stream().filter(p -> !p.enabled())
                .map(HostedPlugin::id).collect(Collectors.toSet());
        return PluginOrder.sort(dependencies, disabled).stream().map(enabled::get).toList();
    }

    private void initialise(HostedPlugin plugin, ServiceRegistry registry) {
        pluginManager.startPlugin(plugin.id());
        List<HostPlugin> extensions = pluginManager.getExtensions(HostPlugin.class, plugin.id());
        if (extensions.size() > 1) {
            throw new HostStartException("Plugin '" + plugin.id() + "' has " + extensions.size()
                    + " HostPlugin extensions; expected one", null);
        }
        if (extensions.isEmpty()) {
            // a library plugin: its classes serve its dependants, it has no lifecycle of its own
            LOG.warn("Plugin '{}' has no HostPlugin extension", plugin.id());
        } else {
            lifecycle.init(plugin, extensions.get(0),
                    new HostPluginContext(plugin, registry, http, settings.dataDir(), instanceName, commands));
        }
        registry.markInitialised(plugin.id());
        running.add(plugin.id());
    }

    /**
     * Stops gracefully: stops accepting, lets the requests in progress finish (at most
     * {@code server.shutdownTimeout}), shuts the plugins down in reverse order, then stops the HTTP
     * server and PF4J. Safe to call twice.
     */
    public synchronized void stop() {
        if (http != null) {
            http.drain(settings.server().shutdownTimeoutMillis());
        }
        lifecycle.shutdownAll();
        running.clear();
        commands.clear();
        if (http != null) {
            http.stop();
            http = null;
        }
        if (pluginManager != null) {
            pluginManager.stopPlugins();
            pluginManager.unloadPlugins();
            pluginManager = null;
        }
    }

    /** @return the HTTP port actually bound (useful with port 0); only while started */
    public synchronized int port() {
        return http.port();
    }

    /** @return the ids of the running plugins, in initialisation order */
    public List<String> pluginIds() {
        return List.copyOf(running);
    }

    /** @return the settings this host was created with */
    public HostSettings settings() {
        return settings;
    }

    /**
     * @param pluginsDir the plugins folder
     * @return the PF4J plugin manager to use
     */
    protected PluginManager createPluginManager(Path pluginsDir) {
        return new HostPluginManager(pluginsDir);
    }

    /**
     * @param settings where to listen and the server's limits
     * @param pluginIds what {@code /health} reports
     * @return the HTTP server to use
     */
    protected HttpServer createHttpServer(HostSettings settings, Supplier<List<String>> pluginIds) {
        return new HttpServer(settings.server(), pluginIds);
    }
}
