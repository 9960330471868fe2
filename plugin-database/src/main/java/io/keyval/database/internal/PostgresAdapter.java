package io.keyval.database.internal;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.keyval.database.DatabaseException;
import io.keyval.database.DatabaseUnavailableException;
import io.keyval.database.Notifications;
import io.keyval.database.SqlWork;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Optional;
import org.postgresql.ds.PGSimpleDataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@code postgres} adapter: a HikariCP pool over PgJDBC. Transactions run at READ COMMITTED on a
 * pooled connection; callers that need more take row locks ({@code SELECT ... FOR UPDATE}).
 *
 * <p>Session statements are prepared per session and closed when the work ends: PgJDBC already
 * caches server-side prepared statements per connection, keyed by SQL text.
 */
final class PostgresAdapter extends JdbcAdapter {

    private static final Logger LOG = LoggerFactory.getLogger(PostgresAdapter.class);
    private static final String TYPE = "postgres";

    private final PostgresSettings settings;
    private final PGSimpleDataSource dataSource;
    private final HikariDataSource pool;
    private final String durability;
    private final PostgresNotifications notifications;

    private PostgresAdapter(PostgresSettings settings, PGSimpleDataSource dataSource, HikariDataSource pool,
            String durability) {
        super(TYPE);
        this.settings = settings;
        this.dataSource = dataSource;
        this.pool = pool;
        this.durability = durability;
        this.notifications = new PostgresNotifications(this::openDedicatedConnection, settings.schema());
    }

    /**
     * Connects, creates the configured schema if needed and starts the pool.
     *
     * @param settings the validated settings
     * @return the adapter
     * @throws DatabaseException naming the URL (never the password) if the server cannot be reached
     */
    static PostgresAdapter open(PostgresSettings settings) {
        PGSimpleDataSource dataSource = dataSource(settings);
        String durability;
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement()) {
            if (settings.schema() != null) {
                createSchema(statement, settings.schema());
            }
            try (ResultSet rs = statement.executeQuery("SHOW synchronous_commit")) {
                rs.next();
                durability = "synchronous_commit=" + rs.getString(1);
            }
        } catch (SQLException e) {
            throw unreachable(settings, e);
        }
        HikariDataSource pool = new HikariDataSource(poolConfig(settings, dataSource));
        LOG.info("PostgreSQL {} connected ({}, pool {}, schema {})", settings.safeUrl(), durability,
                settings.poolSize(), settings.schema() == null ? "default" : settings.schema());
        return new PostgresAdapter(settings, dataSource, pool, durability);
    }

    private static PGSimpleDataSource dataSource(PostgresSettings settings) {
        PGSimpleDataSource dataSource = new PGSimpleDataSource();
        dataSource.setURL(settings.url());
        if (settings.user() != null) {
            dataSource.setUser(settings.user());
        }
        if (settings.password() != null) {
            dataSource.setPassword(settings.password());
        }
        if (settings.schema() != null) {
            // Sets search_path on every connection this data source opens, pooled or dedicated.
            dataSource.setCurrentSchema(settings.schema());
        }
        if (!settings.url().toLowerCase(java.util.Locale.ROOT).contains("applicationname=")) {
            dataSource.setApplicationName("keyval"); // how its sessions show in pg_stat_activity, unless the URL says
        }
        // JIT compiles expressions of plans above a cost estimate: seconds of LLVM work for a query
        // that runs in milliseconds (a wide where filter took 6 s instead of 0.1 s). Short queries
        // are all KeyVal runs.
        dataSource.setOptions("-c jit=off");
        return dataSource;
    }

    private static void createSchema(Statement statement, String schema) throws SQLException {
        try {
            statement.execute("CREATE SCHEMA IF NOT EXISTS " + schema);
        } catch (SQLException e) {
            // Two instances starting together can race on IF NOT EXISTS: the loser sees a unique violation.
            if (!"23505".equals(e.getSQLState())) {
                throw e;
            }
        }
    }

    private static HikariConfig poolConfig(PostgresSettings settings, PGSimpleDataSource dataSource) {
        HikariConfig config = new HikariConfig();
        // The data source itself, not a JDBC URL: DriverManager does not see drivers in plugin class loaders.
        config.setDataSource(dataSource);
        config.setPoolName("keyval-postgres");
        config.setMaximumPoolSize(settings.poolSize());
        // Connections are opened on demand up to poolSize, so idle hosts and test suites stay cheap.
        config.setMinimumIdle(1);
        // A server that is down fails calls after 10 s instead of HikariCP's default 30 s.
        config.setConnectionTimeout(10_000);
        config.setAutoCommit(true);
        config.setTransactionIsolation("TRANSACTION_READ_COMMITTED");
        return config;
    }

    @Override
    public String durability() {
        return durability;
    }

    @Override
    protected <T> T readInNewSession(SqlWork<T> work) {
        try (CachedConnection session = borrow()) {
            return SqlErrors.run(TYPE, work, session);
        } catch (DatabaseUnavailableException e) {
            throw connectionLost(e);
        }
    }

    /** PgJDBC fetches rows in batches (through a portal) only inside a transaction, so the work runs in one. */
    @Override
    protected <T> T readStreamingInNewSession(SqlWork<T> work) {
        return runInNewTransaction(work);
    }

    /**
     * A session ended by the server (terminated backend, restart) usually means its idle siblings in
     * the pool are dead too: they are replaced at once instead of failing one call each. HikariCP
     * already discards the connection that failed.
     */
    private DatabaseUnavailableException connectionLost(DatabaseUnavailableException e) {
        if (e.connectionLost()) {
            LOG.warn("PostgreSQL connection lost ({}); renewing the pool's connections", e.getMessage());
            pool.getHikariPoolMXBean().softEvictConnections();
        }
        return e;
    }

    @Override
    protected <T> T runInNewTransaction(SqlWork<T> work) {
        try {
            return runOnPooledConnection(work);
        } catch (DatabaseUnavailableException e) {
            throw connectionLost(e);
        }
    }

    private <T> T runOnPooledConnection(SqlWork<T> work) {
        try (CachedConnection session = borrow()) {
            Connection connection = session.connection();
            try {
                // synchronous_commit: PostgreSQL flushes (and groups) commits itself before COMMIT returns.
                return Transactions.run(TYPE, session, new Transactions.Control() {
                    @Override
                    public void begin() throws SQLException {
                        connection.setAutoCommit(false);
                    }

                    @Override
                    public void commit() throws SQLException {
                        session.commitWithDeferredWrites();
                    }

                    @Override
                    public void rollback() throws SQLException {
                        session.discardDeferredWrites();
                        connection.rollback();
                    }
                }, work);
            } finally {
                restoreAutoCommit(connection);
            }
        }
    }

    private static void restoreAutoCommit(Connection connection) {
        try {
            connection.setAutoCommit(true);
        } catch (SQLException e) {
            // HikariCP resets the connection state (or evicts a broken connection) when it is returned.
            LOG.debug("Restoring auto-commit failed: {}", e.getMessage());
        }
    }

    private CachedConnection borrow() {
        try {
            // Unbounded: the session's statements are closed together when the work ends.
            return new CachedConnection(TYPE, pool.getConnection(), Integer.MAX_VALUE, true);
        } catch (SQLException e) {
            throw new DatabaseUnavailableException("No PostgreSQL connection from " + settings.safeUrl() + ": "
                    + e.getMessage(), e, false, false);
        }
    }

    @Override
    public Connection openDedicatedConnection() {
        try {
            return dataSource.getConnection();
        } catch (SQLException e) {
            throw unreachable(settings, e);
        }
    }

    private static DatabaseUnavailableException unreachable(PostgresSettings settings, SQLException e) {
        return new DatabaseUnavailableException("Cannot connect to PostgreSQL at " + settings.safeUrl() + ": "
                + e.getMessage(), e, false, false);
    }

    @Override
    public Optional<Notifications> notifications() {
        return Optional.of(notifications);
    }

    @Override
    public void close() {
        notifications.close();
        pool.close();
    }
}
