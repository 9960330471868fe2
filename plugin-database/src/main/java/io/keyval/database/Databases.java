package io.keyval.database;

import io.keyval.database.internal.DefaultDatabaseService;
import io.keyval.host.api.PluginConfig;
import java.nio.file.Path;

/** Builds a {@link DatabaseService} without a host, e.g. for tests and benchmarks. */
public final class Databases {

    private Databases() {
    }

    /**
     * @param config the database plugin's configuration (its {@code adapters} list, see manifest.yaml)
     * @param dataDir the directory relative SQLite paths resolve against
     * @return a service; {@link AutoCloseable} closes every adapter it opened
     */
    public static ClosableDatabaseService create(PluginConfig config, Path dataDir) {
        return new DefaultDatabaseService(config, dataDir);
    }

    /** A database service that owns its adapters. */
    public interface ClosableDatabaseService extends DatabaseService, AutoCloseable {
        @Override
        void close();
    }
}
