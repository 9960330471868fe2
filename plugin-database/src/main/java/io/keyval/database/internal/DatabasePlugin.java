package io.keyval.database.internal;

import io.keyval.database.DatabaseService;
import io.keyval.database.Databases;
import io.keyval.host.api.HostPlugin;
import io.keyval.host.api.PluginContext;
import org.pf4j.Extension;

/**
 * The {@code plugin-database} host plugin: builds the {@link DatabaseService} from the plugin's
 * configuration and publishes it. Adapters open on first use; configuration errors stop start-up.
 */
@Extension
public class DatabasePlugin implements HostPlugin {

    private Databases.ClosableDatabaseService service;

    @Override
    public void onInit(PluginContext context) {
        service = Databases.create(context.config(), context.dataDir());
        context.provide(DatabaseService.class, service);
        // Which adapter a plugin uses is that plugin's to say (KeyVal logs its own); adapters open on first use.
        context.logger().info("Database service ready (adapters: {}; each connects when a plugin first uses it)",
                String.join(", ", service.getAvailableTypes()));
    }

    @Override
    public void onShutdown() {
        if (service != null) {
            service.close();
        }
    }
}
