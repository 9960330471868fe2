package io.keyval.host.testing;

import io.keyval.database.testing.TestDatabases;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * A fresh PostgreSQL schema for host tests: hosts set up with {@link #hostSetup()} keep their KeyVal
 * store in it; {@link #close()} drops it. Skips the calling test (or fails it under
 * {@code KEYVAL_REQUIRE_POSTGRES}) when PostgreSQL is unreachable.
 */
public final class PostgresSchema implements AutoCloseable {

    private final String name = "kv_hosts_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);

    private PostgresSchema() {
    }

    /** @return a new schema name (the first host creates the schema) */
    public static PostgresSchema create() {
        TestDatabases.assumePostgres();
        return new PostgresSchema();
    }

    /** @return a setup whose KeyVal store lives in this schema */
    public HostSetup hostSetup() {
        return HostSetup.withShippedPlugins()
                .override("plugin-database", Map.of("adapters", List.of(Map.of("type", "postgres", "default", true,
                        "url", url(), "schema", name))))
                .override("plugin-keyval", Map.of("database", "postgres"));
    }

    /** @return the schema's name, also the application name of the hosts' sessions */
    public String name() {
        return name;
    }

    /** Sessions named after the schema: a test can end its hosts' sessions without touching others. */
    private String url() {
        String url = TestDatabases.postgresUrl();
        return url + (url.contains("?") ? "&" : "?") + "ApplicationName=" + name;
    }

    /** Drops the schema and everything in it. */
    @Override
    public void close() throws SQLException {
        PGSimpleDataSource ds = new PGSimpleDataSource();
        ds.setUrl(TestDatabases.postgresUrl());
        try (Connection c = ds.getConnection(); Statement st = c.createStatement()) {
            st.execute("DROP SCHEMA IF EXISTS " + name + " CASCADE");
        }
    }
}
