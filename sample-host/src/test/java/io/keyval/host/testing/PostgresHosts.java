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
 * Two host processes whose KeyVal store lives in one fresh PostgreSQL schema: one store served by
 * two hosts. Skips the calling test class (or fails it under {@code KEYVAL_REQUIRE_POSTGRES}) when
 * PostgreSQL is unreachable; {@link #close()} stops both hosts and drops the schema.
 *
 * <pre>{@code
 * hosts = PostgresHosts.startTwo();
 * hosts.a().http().put(...);
 * hosts.b().http().get(...);
 * }</pre>
 */
public final class PostgresHosts implements AutoCloseable {

    private final String schema = "kv_hosts_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
    private HostProcess a;
    private HostProcess b;

    private PostgresHosts() {
    }

    /** @return two started hosts on a new schema (created by the first host) */
    public static PostgresHosts startTwo() {
        TestDatabases.assumePostgres();
        PostgresHosts hosts = new PostgresHosts();
        try {
            hosts.a = hosts.setup().startProcess();
            hosts.b = hosts.setup().startProcess();
        } catch (RuntimeException e) {
            hosts.closeQuietly();
            throw e;
        }
        return hosts;
    }

    /** @return the first host */
    public HostProcess a() {
        return a;
    }

    /** @return the second host */
    public HostProcess b() {
        return b;
    }

    private HostSetup setup() {
        return HostSetup.withShippedPlugins()
                .override("plugin-database", Map.of("adapters", List.of(Map.of("type", "postgres", "default", true,
                        "url", TestDatabases.postgresUrl(), "schema", schema))))
                .override("plugin-keyval", Map.of("database", "postgres"));
    }

    private void closeQuietly() {
        try {
            close();
        } catch (SQLException e) {
            // start-up already failed; that failure is the one to report
        }
    }

    /** Stops both hosts, then drops the schema and everything in it. */
    @Override
    public void close() throws SQLException {
        if (a != null) {
            a.close();
        }
        if (b != null) {
            b.close();
        }
        PGSimpleDataSource ds = new PGSimpleDataSource();
        ds.setUrl(TestDatabases.postgresUrl());
        try (Connection c = ds.getConnection(); Statement st = c.createStatement()) {
            st.execute("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
        }
    }
}
