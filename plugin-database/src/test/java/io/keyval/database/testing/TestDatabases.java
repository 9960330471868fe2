package io.keyval.database.testing;

import io.keyval.database.DatabaseAdapter;
import io.keyval.database.DatabaseException;
import io.keyval.database.Databases;
import io.keyval.host.api.PluginConfig;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Assumptions;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * Real databases for tests, shared with other modules through this module's test-jar.
 *
 * <p>Contract tests are written once and run per engine:
 *
 * <pre>{@code
 * abstract class FooContract {
 *     abstract Engine engine();
 *     @TempDir Path dir;
 *     @Test void works() {
 *         try (var db = TestDatabases.open(engine(), dir)) { ... db.getRootAdapter(null) ... }
 *     }
 * }
 * class SqliteFooTest extends FooContract { Engine engine() { return Engine.SQLITE; } }
 * class PostgresFooTest extends FooContract { Engine engine() { return Engine.POSTGRES; } }
 * }</pre>
 *
 * <p>PostgreSQL suites are skipped with a visible notice when the server is not reachable, unless
 * {@code KEYVAL_REQUIRE_POSTGRES=true} (CI), which turns that into a failure.
 */
public final class TestDatabases {

    /** The storage engines tests run against. */
    public enum Engine { SQLITE, POSTGRES }

    private static final String DEFAULT_POSTGRES_URL = "jdbc:postgresql://127.0.0.1:5432/test?user=postgres";
    // null until checked; then the reason PostgreSQL is unreachable, or "" when it is reachable.
    private static String postgresProblem;

    private TestDatabases() {
    }

    /**
     * Opens a database service whose default adapter is a fresh database of the engine.
     *
     * @param engine the engine
     * @param tempDir a per-test directory (the SQLite file goes there)
     * @return the service; closing it closes the adapters (and drops the PostgreSQL schema)
     */
    public static Databases.ClosableDatabaseService open(Engine engine, Path tempDir) {
        return switch (engine) {
            case SQLITE -> Databases.create(config(Map.of("type", "sqlite")), tempDir);
            case POSTGRES -> openPostgres(tempDir);
        };
    }

    private static Databases.ClosableDatabaseService openPostgres(Path tempDir) {
        assumePostgres();
        String schema = "kv_test_" + UUID.randomUUID().toString().replace("-", "").substring(0, 16);
        return new SchemaDroppingService(openPostgresSchema(schema, tempDir), schema);
    }

    private static Databases.ClosableDatabaseService openPostgresSchema(String schema, Path tempDir) {
        // Sessions named after the schema: a test can end its own without touching anyone else's.
        String url = postgresUrl() + (postgresUrl().contains("?") ? "&" : "?") + "ApplicationName=" + schema;
        return Databases.create(config(Map.of("type", "postgres", "url", url, "schema", schema)), tempDir);
    }

    /**
     * Opens a second service on the database of {@code first}, with connections of its own, as a
     * second host sharing the database would (PostgreSQL: the same schema; SQLite: the same file).
     * Close it before {@code first}, which drops the database.
     *
     * @param first a service from {@link #open}
     * @param tempDir the directory {@code first} was opened with
     * @return the second service
     */
    public static Databases.ClosableDatabaseService openAnother(Databases.ClosableDatabaseService first, Path tempDir) {
        if (first instanceof SchemaDroppingService postgres) {
            return openPostgresSchema(postgres.schema(), tempDir);
        }
        return Databases.create(config(Map.of("type", "sqlite")), tempDir);
    }

    private static PluginConfig config(Map<String, Object> adapter) {
        return PluginConfig.of(Map.of("adapters", List.of(adapter)));
    }

    /** @return the PostgreSQL URL tests use: env {@code KEYVAL_TEST_POSTGRES_URL} or the local server */
    public static String postgresUrl() {
        String url = System.getenv("KEYVAL_TEST_POSTGRES_URL");
        return url == null || url.isBlank() ? DEFAULT_POSTGRES_URL : url;
    }

    /**
     * Skips the calling test when PostgreSQL is not reachable (or fails it when
     * {@code KEYVAL_REQUIRE_POSTGRES=true}). The check runs once per JVM.
     */
    public static void assumePostgres() {
        String problem = postgresProblem();
        if (problem.isEmpty()) {
            return;
        }
        if ("true".equalsIgnoreCase(System.getenv("KEYVAL_REQUIRE_POSTGRES"))) {
            throw new AssertionError("PostgreSQL is required (KEYVAL_REQUIRE_POSTGRES=true) but not reachable at "
                    + postgresUrl() + ": " + problem);
        }
        Assumptions.abort("PostgreSQL not reachable at " + postgresUrl() + ": " + problem);
    }

    private static synchronized String postgresProblem() {
        if (postgresProblem == null) {
            postgresProblem = checkPostgres();
            if (!postgresProblem.isEmpty()) {
                System.err.println("*** PostgreSQL not reachable at " + postgresUrl()
                        + ": PostgreSQL suites SKIPPED ***");
            }
        }
        return postgresProblem;
    }

    private static String checkPostgres() {
        try (Connection connection = dataSource().getConnection()) {
            return "";
        } catch (SQLException e) {
            return String.valueOf(e.getMessage());
        }
    }

    /**
     * Ends every session a service from {@link #open} has open, as an administrator's
     * {@code pg_terminate_backend} (or a server restart) would; other sessions are left alone.
     *
     * @param service a PostgreSQL service opened by {@link #open}
     * @return how many sessions were terminated
     */
    public static int terminateSessions(Databases.ClosableDatabaseService service) {
        String name = ((SchemaDroppingService) service).schema();
        try (Connection connection = dataSource().getConnection();
             java.sql.PreparedStatement statement = connection.prepareStatement("SELECT count(pg_terminate_backend(pid))"
                     + " FROM pg_stat_activity WHERE application_name = ? AND datname = current_database()")) {
            statement.setString(1, name);
            java.sql.ResultSet rs = statement.executeQuery();
            rs.next();
            return rs.getInt(1);
        } catch (SQLException e) {
            throw new DatabaseException("Terminating KeyVal sessions failed: " + e.getMessage(), e);
        }
    }

    /**
     * Ends one PostgreSQL session and waits until it is gone, as an administrator or a server restart
     * would end it.
     *
     * @param pid the session's backend process id ({@code pg_backend_pid()})
     */
    public static void terminateSession(int pid) {
        try (Connection connection = dataSource().getConnection();
             java.sql.PreparedStatement statement = connection.prepareStatement("SELECT pg_terminate_backend(?, 10000)")) {
            statement.setInt(1, pid);
            statement.executeQuery().close();
        } catch (SQLException e) {
            throw new DatabaseException("Terminating session " + pid + " failed: " + e.getMessage(), e);
        }
    }

    private static PGSimpleDataSource dataSource() {
        PGSimpleDataSource dataSource = new PGSimpleDataSource();
        dataSource.setURL(postgresUrl());
        dataSource.setConnectTimeout(5);
        return dataSource;
    }

    /** Drops the test's schema after closing the service. */
    private record SchemaDroppingService(Databases.ClosableDatabaseService delegate, String schema)
            implements Databases.ClosableDatabaseService {

        @Override
        public DatabaseAdapter getRootAdapter(String type) {
            return delegate.getRootAdapter(type);
        }

        @Override
        public String getDefaultType() {
            return delegate.getDefaultType();
        }

        @Override
        public List<String> getAvailableTypes() {
            return delegate.getAvailableTypes();
        }

        @Override
        public void close() {
            delegate.close();
            try (Connection connection = dataSource().getConnection();
                 Statement statement = connection.createStatement()) {
                statement.execute("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
            } catch (SQLException e) {
                throw new DatabaseException("Dropping test schema " + schema + " failed: " + e.getMessage(), e);
            }
        }
    }
}
