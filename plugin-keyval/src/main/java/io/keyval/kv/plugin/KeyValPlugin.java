package io.keyval.kv.plugin;

import io.keyval.database.DatabaseAdapter;
import io.keyval.database.DatabaseService;
import io.keyval.host.api.HostPlugin;
import io.keyval.host.api.PluginContext;
import io.keyval.host.api.PluginException;
import io.keyval.kv.Kv;
import io.keyval.kv.ui.UiHandler;
import java.time.Clock;
import org.pf4j.Extension;

/**
 * The KeyVal plugin: opens the store on the database plugin's adapter ({@link KeyValRuntime}), serves
 * the HTTP API under {@code {base}/api} and publishes {@link Kv} under the id {@code plugin-keyval}.
 */
@Extension
public final class KeyValPlugin implements HostPlugin {

    static final String DATABASE_PLUGIN = "plugin-database";

    private KeyValRuntime runtime; // from onInit to onShutdown

    @Override
    public void onInit(PluginContext ctx) {
        KeyValSettings settings = KeyValSettings.from(ctx.config(), ctx.instanceName());
        DatabaseService databases;
        try {
            databases = ctx.getPlugin(DATABASE_PLUGIN, DatabaseService.class);
        } catch (PluginException e) {
            throw new PluginException("plugin-keyval requires {} to be loaded first", DATABASE_PLUGIN, e);
        }
        // unset or blank: the database plugin's default adapter
        DatabaseAdapter adapter = databases.getRootAdapter(settings.database());
        KeyValRuntime started = KeyValRuntime.start(adapter, settings, Clock.systemUTC());
        try {
            ctx.mount("/api", started.httpApi());
            ctx.mountPublic("/", new UiHandler(ctx.basePath()));
            ctx.provide(Kv.class, started.kv());
            TransferCommands.of(started.transfer()).forEach(ctx::command);
        } catch (RuntimeException e) {
            started.close(); // the host calls onShutdown only for plugins whose onInit succeeded
            throw e;
        }
        runtime = started;
        ctx.logger().info("KeyVal initialized (database: {})", adapter.type());
    }

    @Override
    public void onShutdown() {
        runtime.close();
    }
}
