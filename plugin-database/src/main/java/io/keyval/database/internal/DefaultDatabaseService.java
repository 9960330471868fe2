package io.keyval.database.internal;

import io.keyval.database.DatabaseAdapter;
import io.keyval.database.Databases;
import io.keyval.host.api.PluginConfig;
import java.nio.file.Path;
import java.util.List;

/** The database service: adapters by type, created on first use. */
public final class DefaultDatabaseService implements Databases.ClosableDatabaseService {

    public DefaultDatabaseService(PluginConfig config, Path dataDir) {
        throw new UnsupportedOperationException("TODO");
    }

    @Override
    public DatabaseAdapter getRootAdapter(String type) {
        throw new UnsupportedOperationException("TODO");
    }

    @Override
    public String getDefaultType() {
        throw new UnsupportedOperationException("TODO");
    }

    @Override
    public List<String> getAvailableTypes() {
        throw new UnsupportedOperationException("TODO");
    }

    @Override
    public void close() {
    }
}
