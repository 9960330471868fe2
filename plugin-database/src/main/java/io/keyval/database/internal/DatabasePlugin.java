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
        context.logger().info("Database service ready (default: {}; available: {})", service.getDefaultType(),
                String.join(", ", service.getAvailableTypes()));
    }

    @Override
    public void onShutdown() {
        if (service != null) {
            service.close();
        }
    }
}
