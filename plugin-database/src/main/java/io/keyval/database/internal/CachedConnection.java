package io.keyval.database.internal;

import io.keyval.database.SqlSession;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A connection with its statement cache, handed to work as a {@link SqlSession}. Used by one thread
 * at a time.
 */
final class CachedConnection implements SqlSession, AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(CachedConnection.class);
    private static final String NOTIFY_AND_COMMIT =
            "SELECT pg_notify(c, p) FROM unnest(?::text[], ?::text[]) AS n(c, p); COMMIT";

    private final String type;
    private final Connection connection;
    private final StatementCache statements;
    private final List<Object> notifyChannels = new ArrayList<>();
    private final List<Object> notifyPayloads = new ArrayList<>();

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

    /**
     * Queues a notification for {@link #commitWithNotifications}.
     *
     * @param channel the scoped channel
     * @param payload the payload
     */
    void notifyOnCommit(String channel, String payload) {
        notifyChannels.add(channel);
        notifyPayloads.add(payload);
    }

    /**
     * Commits the transaction. Queued notifications go in the same round trip as {@code COMMIT}
     * (PostgreSQL runs the two statements of one message in order and stops at the first error), so
     * notifying costs a commit nothing but the bytes.
     *
     * @throws SQLException if the notifications or the commit fail; the transaction is then rolled back
     */
    void commitWithNotifications() throws SQLException {
        if (notifyChannels.isEmpty()) {
            connection.commit();
            return;
        }
        try {
            PreparedStatement ps = prepare(NOTIFY_AND_COMMIT);
            ps.setArray(1, connection.createArrayOf("text", notifyChannels.toArray()));
            ps.setArray(2, connection.createArrayOf("text", notifyPayloads.toArray()));
            ps.execute();
        } finally {
            discardNotifications();
        }
        connection.commit(); // PgJDBC sees the transaction has ended: nothing is sent
    }

    /** Drops the notifications queued by a transaction that rolls back. */
    void discardNotifications() {
        notifyChannels.clear();
        notifyPayloads.clear();
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
