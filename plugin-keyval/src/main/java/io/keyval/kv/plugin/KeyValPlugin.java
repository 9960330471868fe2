package io.keyval.kv.plugin;

import io.keyval.database.DatabaseAdapter;
import io.keyval.database.DatabaseService;
import io.keyval.host.api.HostPlugin;
import io.keyval.host.api.PluginConfig;
import io.keyval.host.api.PluginContext;
import io.keyval.host.api.PluginException;
import io.keyval.kv.Kv;
import io.keyval.kv.atomic.TriggerDispatcher;
import io.keyval.kv.http.KvHttpApi;
import io.keyval.kv.store.KvStore;
import java.time.Clock;
import org.pf4j.Extension;

/**
 * The KeyVal plugin: opens the store on the database plugin's adapter, serves the HTTP API under
 * {@code {base}/api} and publishes {@link Kv} under the id {@code plugin-keyval}.
 */
@Extension
public final class KeyValPlugin implements HostPlugin {

    static final String DATABASE_PLUGIN = "plugin-database";

    private KvStore store;
    private TtlPurger purger;
    private TriggerDispatcher triggers;

    @Override
    public void onInit(PluginContext ctx) {
        PluginConfig config = ctx.config();
        DatabaseService databases;
        try {
            databases = ctx.getPlugin(DATABASE_PLUGIN, DatabaseService.class);
        } catch (PluginException e) {
            throw new PluginException("plugin-keyval requires {} to be loaded first", DATABASE_PLUGIN, e);
        }
        // unset or blank: the database plugin's default adapter
        DatabaseAdapter adapter = databases.getRootAdapter(config.getString("database", null));
        store = KvStore.open(adapter, Clock.systemUTC());
        try {
            purger = new TtlPurger(store, config.getLong("ttl.purgeInterval", 60_000));
            ctx.mount("/api", new KvHttpApi(store, config.getLong("maxBodySize", 10L * 1024 * 1024)).handler());
            triggers = TriggerDispatcher.attachTo(store.pipeline());
            ctx.provide(Kv.class, new DefaultKv(store, triggers));
        } catch (RuntimeException e) {
            onShutdown(); // the host calls onShutdown only for plugins whose onInit succeeded
            throw e;
        }
        ctx.logger().info("KeyVal initialized (database: {})", adapter.type());
    }

    @Override
    public void onShutdown() {
        if (purger != null) {
            purger.close();
        }
        if (store != null) {
            store.close();
        }
        if (triggers != null) {
            triggers.close(); // after the store: events of the last commits are still delivered
        }
        purger = null;
        store = null;
        triggers = null;
    }
}
