package io.keyval.host.api;

import io.undertow.server.HttpHandler;
import java.nio.file.Path;
import org.slf4j.Logger;

/** What the host gives one plugin during {@link HostPlugin#onInit}. */
public interface PluginContext {

    /** @return the plugin's id (its PF4J id, which is also its service-registry name) */
    String pluginId();

    /**
     * @return the plugin's configuration: its own {@code manifest.yaml} with the host manifest's
     *     per-plugin overrides merged on top and {@code ${VAR}} references substituted
     */
    PluginConfig config();

    /** @return the host's data directory (created if missing); plugins keep their files below it */
    Path dataDir();

    /** @return the HTTP base path of this plugin, e.g. {@code /keyval} (from the manifest's {@code base}) */
    String basePath();

    /** @return a logger named after the plugin */
    Logger logger();

    /**
     * A name for this host instance, meant to tell apart hosts that share a database (for example
     * whose counters or locks a row holds): {@code <hostname>:<port>} with the configured HTTP port.
     * Hosts that pick a free port at start-up, and this default implementation, use the process id
     * in place of the port.
     *
     * @return the instance name, e.g. {@code web-1:8080}
     */
    default String instanceName() {
        return HostName.local() + ":" + ProcessHandle.current().pid();
    }

    /**
     * Publishes a service of this plugin so that other plugins can obtain it with
     * {@link #getPlugin(String, Class)} under this plugin's id.
     *
     * @param type the type others look it up by (an interface exported by this plugin)
     * @param service the implementation
     * @param <T> the service type
     */
    <T> void provide(Class<T> type, T service);

    /**
     * Looks up a service published by another, already initialised plugin.
     *
     * @param pluginId the id of the plugin that provides it, e.g. {@code "plugin-keyval"}
     * @param type the service type
     * @param <T> the service type
     * @return the service
     * @throws PluginException if that plugin is not loaded, not initialised yet, or provides no
     *     service of that type
     */
    <T> T getPlugin(String pluginId, Class<T> type);

    /**
     * Serves every request whose path starts with {@code basePath() + path} with {@code handler}.
     * As with Undertow's {@code PathHandler}, the exchange's resolved path is the mount point and its
     * relative path the rest. Paths are <b>not</b> percent-decoded ({@code getRequestPath()},
     * {@code getRelativePath()} and {@code getRequestURI()} are as the client sent them, so that an
     * escaped {@code %2F} stays distinguishable from {@code /}): decode segments as needed. The host
     * has already checked the request (limits, token, origin) before the handler runs. The handler
     * runs on an I/O thread: dispatch to a worker before blocking.
     *
     * @param path a path below the plugin's base, starting with {@code /} (e.g. {@code /api});
     *     {@code /} mounts the whole base
     * @param handler the handler
     */
    void mount(String path, HttpHandler handler);

    /**
     * As {@link #mount}, for content that holds no data and must load without credentials, such as
     * the pages, scripts and styles of a web UI that a browser fetches by plain navigation: the host
     * does not require its bearer token for GET and HEAD requests there (other methods still need it;
     * its Host and Origin checks still apply). Such content must read data only through routes mounted
     * with {@link #mount}. A host that has no token-free routes mounts the handler as {@link #mount}
     * does.
     *
     * <pre>{@code
     * ctx.mount("/api", apiHandler);          // data: token required when the host has one
     * ctx.mountPublic("/", new UiHandler());  // the UI's static files: no token
     * }</pre>
     *
     * @param path as for {@link #mount}
     * @param handler the handler
     */
    default void mountPublic(String path, HttpHandler handler) {
        mount(path, handler);
    }

    /**
     * Adds a command to the host's command line (see {@link PluginCommand}). A host without a command
     * line ignores it.
     *
     * @param command the command; its name must not be taken by another plugin's command
     */
    default void command(PluginCommand command) {
    }
}
