package io.keyval.examples.visitcounter;

import io.keyval.host.api.HostPlugin;
import io.keyval.host.api.PluginContext;
import io.keyval.kv.Kv;
import org.pf4j.Extension;

/**
 * An example sibling plugin of {@code plugin-keyval}: it counts visits per name in KeyVal and serves
 * them over HTTP under its base path ({@code /visits} by default, see {@code manifest.yaml}).
 *
 * <pre>
 * $ curl -X POST localhost:8000/visits/ada
 * {"name":"ada","visits":1}
 * $ curl -X POST localhost:8000/visits/ada
 * {"name":"ada","visits":2}
 * $ curl localhost:8000/visits/ada
 * {"name":"ada","visits":2}
 * $ curl localhost:8000/keyval/api/keys/visits/ada      # the same counter, through KeyVal's own API
 * {"key":["visits","ada"],"value":2,"versionstamp":"..."}
 * </pre>
 *
 * <p>Names are 1 to 100 characters; anything else is {@code 400 {"error": "..."}}. Other methods get
 * {@code 405} with an {@code Allow} header, other paths {@code 404}. The HTTP side lives in
 * {@link VisitsHandler}.
 *
 * <p>{@code @Extension} is what makes PF4J find this class: its annotation processor (on the compile
 * class path through {@code host-api}) lists it in {@code META-INF/extensions.idx}. The host expects
 * exactly one {@link HostPlugin} extension per plugin.
 */
@Extension
public final class VisitCounterPlugin implements HostPlugin {

    private VisitsHandler handler;

    @Override
    public void onInit(PluginContext ctx) {
        // Published by plugin-keyval in its own onInit. The host runs that first because this plugin
        // lists plugin-keyval under `dependencies`, and PF4J lets us see the Kv interface (the same
        // class object plugin-keyval implements) because of plugin.dependencies in plugin.properties.
        Kv kv = ctx.getPlugin("plugin-keyval", Kv.class);
        handler = new VisitsHandler(kv, ctx.logger());
        // "/" mounts the whole base: {base} itself and every path below it.
        ctx.mount("/", handler);
        ctx.logger().info("Counting visits at {}/{name}", ctx.basePath());
    }

    @Override
    public void onShutdown() {
        // The host has no "unmount": the route keeps receiving requests until the HTTP server stops,
        // and plugin-keyval (initialised before us, so shut down right after us) closes its store.
        // From here on the handler answers 503 instead of calling a closing Kv.
        if (handler != null) {
            handler.close();
            handler = null;
        }
    }
}
