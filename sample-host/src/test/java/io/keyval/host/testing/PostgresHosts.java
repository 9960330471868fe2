package io.keyval.host.testing;

import java.sql.SQLException;

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

    private final PostgresSchema schema = PostgresSchema.create();
    private HostProcess a;
    private HostProcess b;

    private PostgresHosts() {
    }

    /** @return two started hosts on a new schema (created by the first host) */
    public static PostgresHosts startTwo() {
        PostgresHosts hosts = new PostgresHosts();
        try {
            hosts.a = hosts.schema.hostSetup().startProcess();
            hosts.b = hosts.schema.hostSetup().startProcess();
        } catch (RuntimeException e) {
            hosts.closeQuietly();
            throw e;
        }
        return hosts;
    }

    /** @return the schema both hosts' store lives in */
    public PostgresSchema schema() {
        return schema;
    }

    /** @return the first host */
    public HostProcess a() {
        return a;
    }

    /** @return the second host */
    public HostProcess b() {
        return b;
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
        schema.close();
    }
}
