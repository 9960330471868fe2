package io.keyval.host.api;

import org.pf4j.ExtensionPoint;

/**
 * The extension point every host plugin implements (annotate the implementation with
 * {@link org.pf4j.Extension}).
 *
 * <p>The host calls {@link #onInit} once per plugin, in dependency order, after the plugin's
 * dependencies have finished their own {@code onInit}; it calls {@link #onShutdown} in the reverse
 * order when it stops.
 *
 * <pre>{@code
 * @Extension
 * public class GreeterPlugin implements HostPlugin {
 *     public void onInit(PluginContext ctx) {
 *         Kv kv = ctx.getPlugin("plugin-keyval", Kv.class);
 *         ctx.mount("/hello", exchange -> exchange.getResponseSender().send("hi"));
 *     }
 * }
 * }</pre>
 */
public interface HostPlugin extends ExtensionPoint {

    /**
     * Initialises the plugin: read configuration, look up services, register routes and services.
     *
     * @param context this plugin's view of the host
     * @throws Exception any failure; the host stops start-up and reports it with the plugin's id
     */
    void onInit(PluginContext context) throws Exception;

    /**
     * Releases what {@link #onInit} acquired. Called once, in reverse initialisation order.
     *
     * @throws Exception logged by the host, which carries on shutting down the other plugins
     */
    default void onShutdown() throws Exception {
    }
}
