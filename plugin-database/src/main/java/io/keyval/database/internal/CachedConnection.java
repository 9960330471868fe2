package io.keyval.database.internal;

import io.keyval.database.SqlSession;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A connection with its statement cache, handed to work as a {@link SqlSession}. Used by one thread
 * at a time.
 */
final class CachedConnection implements SqlSession, AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(CachedConnection.class);

    private final String type;
    private final Connection connection;
    private final StatementCache statements;

    /**
     * @param type the adapter type
     * @param connection the connection, owned from now on
     * @param statementCapacity how many prepared statements to keep open
     */
    CachedConnection(String type, Connection connection, int statementCapacity) {
        this.type = type;
        this.connection = connection;
        this.statements = new StatementCache(connection, statementCapacity);
    }

    @Override
    public String type() {
        return type;
    }

    @Override
    public PreparedStatement prepare(String sql) throws SQLException {
        return statements.prepare(sql);
    }

    @Override
    public Connection connection() {
        return connection;
    }

    /** Called when a piece of work is done with this session. */
    void endOfWork() {
        statements.endOfWork();
    }

    /** Closes the statements and the connection. */
    @Override
    public void close() {
        statements.close();
        try {
            connection.close();
        } catch (SQLException e) {
            LOG.warn("Closing a {} connection failed: {}", type, e.getMessage());
        }
    }
}
