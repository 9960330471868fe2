package io.keyval.bench;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicInteger;

/** PostgreSQL at the server's settings; each fresh database is a new schema, dropped on close. */
final class PostgresEngine implements Engine {

    private static final AtomicInteger SCHEMAS = new AtomicInteger();

    private final String url;
    private final String user;

    /**
     * @param url the JDBC URL
     * @param user the user (trust authentication)
     */
    PostgresEngine(String url, String user) {
        this.url = url;
        this.user = user;
    }

    @Override
    public String type() {
        return "postgres";
    }

    @Override
    public String variant() {
        return "postgres";
    }

    @Override
    public FreshDatabase create() throws SQLException {
        String schema = "bench_" + ProcessHandle.current().pid() + "_" + SCHEMAS.incrementAndGet();
        execute("CREATE SCHEMA " + schema);
        return new FreshDatabase() {
            @Override
            public Map<String, Object> adapterConfig() {
                return Map.of("type", "postgres", "url", url, "user", user, "schema", schema);
            }

            @Override
            public Connection connect() throws SQLException {
                Properties props = new Properties();
                props.setProperty("user", user);
                props.setProperty("currentSchema", schema);
                return DriverManager.getConnection(url, props);
            }

            @Override
            public RawDialect dialect() {
                return new PostgresRawDialect();
            }

            @Override
            public void close() throws SQLException {
                execute("DROP SCHEMA " + schema + " CASCADE");
            }
        };
    }

    private void execute(String sql) throws SQLException {
        Properties props = new Properties();
        props.setProperty("user", user);
        try (Connection c = DriverManager.getConnection(url, props); Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }
}
