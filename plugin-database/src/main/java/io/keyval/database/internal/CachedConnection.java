package io.keyval.database.internal;

import io.keyval.database.SqlSession;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
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
    private final boolean writesWithCommit;
    private final StringBuilder atCommitSql = new StringBuilder();
    private final List<Object> atCommitArgs = new ArrayList<>();

    /**
     * @param type the adapter type
     * @param connection the connection, owned from now on
     * @param statementCapacity how many prepared statements to keep open
     * @param writesWithCommit whether {@link #executeAtCommit} defers statements to the commit (where
     *     every statement is a round trip)
     */
    CachedConnection(String type, Connection connection, int statementCapacity, boolean writesWithCommit) {
        this.type = type;
        this.writesWithCommit = writesWithCommit;
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

    @Override
    public void executeAtCommit(String sql, Object... args) throws SQLException {
        if (!writesWithCommit || connection.getAutoCommit()) {
            PreparedStatement ps = prepare(sql);
            Rows.bind(ps, Arrays.asList(args)); // nulls allowed
            ps.execute();
            return;
        }
        atCommitSql.append(sql).append("; ");
        atCommitArgs.addAll(Arrays.asList(args));
    }

    /**
     * Commits the transaction. Deferred writes ({@link #executeAtCommit}, notifications among them)
     * go in the same round trip as {@code COMMIT}: PostgreSQL runs the statements of one message in
     * order and stops at the first error, so they cost a commit nothing but the bytes.
     *
     * @throws SQLException if they or the commit fail; the transaction is then rolled back
     */
    void commitWithDeferredWrites() throws SQLException {
        if (atCommitSql.length() == 0) {
            connection.commit();
            return;
        }
        try {
            PreparedStatement ps = prepare(atCommitSql.append("COMMIT").toString());
            Rows.bind(ps, atCommitArgs);
            ps.execute();
        } finally {
            discardDeferredWrites();
        }
        connection.commit(); // PgJDBC sees the transaction has ended: nothing is sent
    }

    /** Drops the writes deferred by a transaction that rolls back. */
    void discardDeferredWrites() {
        atCommitSql.setLength(0);
        atCommitArgs.clear();
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
