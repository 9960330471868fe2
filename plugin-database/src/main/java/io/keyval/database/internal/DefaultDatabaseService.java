package io.keyval.database.internal;

import io.keyval.database.DatabaseAdapter;
import io.keyval.database.DatabaseException;
import io.keyval.database.Databases;
import io.keyval.host.api.PluginConfig;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The database service: adapters by type, opened on first use and then cached. Opening lazily keeps
 * an unreachable PostgreSQL from breaking a host that only uses the SQLite default. Configuration
 * errors still surface at construction.
 */
public final class DefaultDatabaseService implements Databases.ClosableDatabaseService {

    private static final Logger LOG = LoggerFactory.getLogger(DefaultDatabaseService.class);

    private final AdapterCatalog catalog;
    private final Map<String, JdbcAdapter> open = new ConcurrentHashMap<>();
    private volatile boolean closed;

    /**
     * @param config the database plugin's configuration (its {@code adapters} list)
     * @param dataDir the directory relative SQLite paths resolve against
     * @throws DatabaseException if the configuration is invalid or names an unsupported type
     */
    public DefaultDatabaseService(PluginConfig config, Path dataDir) {
        this.catalog = AdapterCatalog.from(config, dataDir);
    }

    @Override
    public DatabaseAdapter getRootAdapter(String type) {
        String wanted = type == null || type.isBlank() ? catalog.defaultType() : type.trim().toLowerCase(Locale.ROOT);
        Supplier<JdbcAdapter> opener = catalog.opener(wanted);
        if (opener == null) {
            throw new DatabaseException("Adapter type \"" + type + "\" not configured. Available: "
                    + String.join(", ", catalog.types()));
        }
        ensureOpen();
        // computeIfAbsent opens each type once; a failed open is not cached, so a later call retries.
        JdbcAdapter adapter = open.computeIfAbsent(wanted, t -> opener.get());
        if (closed) {
            // Lost a race with close(): do not hand out (or leak) an adapter nobody will close.
            closeAll();
            ensureOpen();
        }
        return adapter;
    }

    @Override
    public String getDefaultType() {
        return catalog.defaultType();
    }

    @Override
    public List<String> getAvailableTypes() {
        return catalog.types();
    }

    private void ensureOpen() {
        if (closed) {
            throw new DatabaseException("The database service is closed");
        }
    }

    /** Closes every adapter opened so far. */
    @Override
    public void close() {
        closed = true;
        closeAll();
    }

    private void closeAll() {
        for (String type : List.copyOf(open.keySet())) {
            JdbcAdapter adapter = open.remove(type);
            if (adapter == null) {
                continue;
            }
            try {
                adapter.close();
            } catch (RuntimeException e) {
                LOG.warn("Closing the {} adapter failed", type, e);
            }
        }
    }
}
