package io.keyval.database.internal;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Prepared statements of one connection, keyed by SQL text, least recently used evicted beyond a
 * bound. Not thread-safe: a connection is used by one session at a time.
 */
final class StatementCache implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(StatementCache.class);

    private final Connection connection;
    private final Map<String, PreparedStatement> statements;
    // Evicted statements may still be in use by the running work, so they are closed only when it ends.
    private final List<PreparedStatement> evicted = new ArrayList<>();

    /**
     * @param connection the connection the statements belong to
     * @param capacity how many statements to keep open
     */
    StatementCache(Connection connection, int capacity) {
        this.connection = connection;
        this.statements = new LinkedHashMap<>(16, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, PreparedStatement> eldest) {
                boolean full = size() > capacity;
                if (full) {
                    evicted.add(eldest.getValue());
                }
                return full;
            }
        };
    }

    /**
     * @return the statement for {@code sql}, prepared on first use, with its parameters cleared; prepared
     *     again if the driver finalized it (sqlite-jdbc does so to a statement that fails with a
     *     disk-full or I/O error, leaving the Java object looking open)
     */
    PreparedStatement prepare(String sql) throws SQLException {
        PreparedStatement statement = statements.get(sql);
        if (statement != null) {
            try {
                statement.clearParameters();
                return statement;
            } catch (SQLException finalized) {
                closeQuietly(statement);
            }
        }
        statement = connection.prepareStatement(sql);
        statements.put(sql, statement);
        return statement;
    }

    /** Closes the statements evicted while the work that just ended was running. */
    void endOfWork() {
        evicted.forEach(StatementCache::closeQuietly);
        evicted.clear();
    }

    /** Closes every statement. */
    @Override
    public void close() {
        endOfWork();
        statements.values().forEach(StatementCache::closeQuietly);
        statements.clear();
    }

    private static void closeQuietly(PreparedStatement statement) {
        try {
            statement.close();
        } catch (SQLException e) {
            LOG.debug("Closing a prepared statement failed", e);
        }
    }
}
