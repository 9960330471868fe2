package io.keyval.bench;

import io.keyval.database.Databases;
import io.keyval.host.api.PluginConfig;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;

/** A database engine under test, handing out fresh empty databases. */
interface Engine {

    /** @return the adapter type, {@code sqlite} or {@code postgres} */
    String type();

    /** @return the configuration label of the result lines, e.g. {@code sqlite-full} */
    String variant();

    /**
     * @return a new empty database; closing it deletes it
     * @throws Exception if it cannot be created
     */
    FreshDatabase create() throws Exception;

    /** An empty database, reachable both as a plugin-database adapter and over raw JDBC. */
    interface FreshDatabase extends AutoCloseable {

        /** @return one entry of plugin-database's {@code adapters} list pointing at this database */
        Map<String, Object> adapterConfig();

        /**
         * @return plugin-database's service with this database as its one adapter; each call opens
         *     another (a second host's connections)
         */
        default Databases.ClosableDatabaseService openService() {
            return Databases.create(PluginConfig.of(Map.of("adapters", List.of(adapterConfig()))), Path.of("."));
        }

        /**
         * @return a new raw JDBC connection to this database, auto-commit, same durability setting
         * @throws SQLException on failure
         */
        Connection connect() throws SQLException;

        /** @return the raw baseline's SQL differences */
        RawDialect dialect();
    }
}
