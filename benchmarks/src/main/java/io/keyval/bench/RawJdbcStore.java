package io.keyval.bench;

import java.sql.Connection;
import java.sql.SQLException;

/** The raw JDBC baseline on a fresh database: one connection per benchmark thread. */
final class RawJdbcStore implements StoreUnderTest {

    private final Engine.FreshDatabase database;
    private final Dataset data;
    private final String durability;

    /**
     * Creates the baseline's tables.
     *
     * @param database a fresh database; closed with this store
     * @param data the benchmark data
     * @throws SQLException on failure
     */
    RawJdbcStore(Engine.FreshDatabase database, Dataset data) throws SQLException {
        this.database = database;
        this.data = data;
        try (Connection c = database.connect()) {
            database.dialect().createTablesOn(c);
            durability = database.dialect().durability(c);
        }
    }

    @Override
    public String system() {
        return "raw-jdbc";
    }

    @Override
    public String mode() {
        return "jdbc";
    }

    @Override
    public String durability() {
        return durability;
    }

    @Override
    public ClientFactory<StoreClient> clients() {
        return () -> new RawJdbcClient(database.connect(), database.dialect(), data);
    }

    @Override
    public void close() throws Exception {
        database.close();
    }
}
