package io.keyval.database.internal;

import io.keyval.database.DatabaseAdapter;
import io.keyval.database.DatabaseUnavailableException;
import io.keyval.database.SqlSession;
import io.keyval.database.SqlStatement;
import io.keyval.database.SqlWork;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * What both engines share: joining a transaction already running on the calling thread, and the
 * {@code execute}/{@code executeOne}/{@code batch} conveniences built on {@link #transaction}.
 * Subclasses provide fresh read sessions and fresh transactions.
 */
abstract class JdbcAdapter implements DatabaseAdapter, AutoCloseable {

    private final String type;
    // The session of the transaction this thread is running on this adapter, if any.
    private final ThreadLocal<SqlSession> currentTransaction = new ThreadLocal<>();

    /** @param type the adapter type */
    JdbcAdapter(String type) {
        this.type = type;
    }

    @Override
    public final String type() {
        return type;
    }

    /**
     * Runs work on a fresh auto-commit connection.
     *
     * @param work the work
     * @param <T> the result type
     * @return what it returned
     */
    protected abstract <T> T readInNewSession(SqlWork<T> work);

    /**
     * Runs work in a fresh transaction: commit on return, rollback and rethrow on exception
     * ({@link java.sql.SQLException} wrapped by {@link SqlErrors}).
     *
     * @param work the work
     * @param <T> the result type
     * @return what the work returned, once the commit is durable
     */
    protected abstract <T> T runInNewTransaction(SqlWork<T> work);

    /** Closes every connection. */
    @Override
    public abstract void close();

    /**
     * {@inheritDoc}
     *
     * <p>Inside a {@link #transaction} on the same thread the work joins that transaction, so it sees
     * the transaction's own writes and needs no second connection.
     */
    @Override
    public final <T> T read(SqlWork<T> work) {
        SqlSession outer = currentTransaction.get();
        return outer != null ? SqlErrors.run(type, work, outer) : retriedOnce(() -> readInNewSession(work));
    }

    /**
     * {@inheritDoc}
     *
     * <p>Joins a transaction running on the same thread, like {@link #read}.
     */
    @Override
    public final <T> T readStreaming(SqlWork<T> work) {
        SqlSession outer = currentTransaction.get();
        return outer != null ? SqlErrors.run(type, work, outer) : retriedOnce(() -> readStreamingInNewSession(work));
    }

    /**
     * Runs read-only work for {@link #readStreaming} on a fresh session; by default as {@link #read} does.
     *
     * @param work the work
     * @param <T> the result type
     * @return what it returned
     */
    protected <T> T readStreamingInNewSession(SqlWork<T> work) {
        return readInNewSession(work);
    }

    /**
     * Read-only work whose connection was lost (the server ended the session) changed nothing: it runs
     * once more, on a fresh connection. When no connection could be had at all, trying again at once
     * would only wait again.
     */
    private static <T> T retriedOnce(Supplier<T> read) {
        try {
            return read.get();
        } catch (DatabaseUnavailableException lost) {
            if (!lost.connectionLost()) {
                throw lost;
            }
            return read.get();
        }
    }

    /**
     * {@inheritDoc}
     *
     * <p>A transaction started while another one runs on the same thread joins it: it commits or
     * rolls back with the outer one (an exception it throws still reaches the outer work).
     */
    @Override
    public final <T> T transaction(SqlWork<T> work) {
        SqlSession outer = currentTransaction.get();
        if (outer != null) {
            return SqlErrors.run(type, work, outer);
        }
        return runInNewTransaction(session -> {
            currentTransaction.set(session);
            try {
                return work.run(session);
            } finally {
                currentTransaction.remove();
            }
        });
    }

    @Override
    public final List<Map<String, Object>> execute(String sql, Object... args) {
        return transaction(session -> run(session, sql, Arrays.asList(args), Integer.MAX_VALUE));
    }

    @Override
    public final Map<String, Object> executeOne(String sql, Object... args) {
        List<Map<String, Object>> rows = transaction(session -> run(session, sql, Arrays.asList(args), 1));
        return rows.isEmpty() ? null : rows.get(0);
    }

    @Override
    public final void batch(List<SqlStatement> statements) {
        if (statements.isEmpty()) {
            return;
        }
        transaction(session -> {
            for (SqlStatement statement : statements) {
                run(session, statement.sql(), statement.args(), 0);
            }
            return null;
        });
    }

    private static List<Map<String, Object>> run(SqlSession session, String sql, List<?> args, int maxRows)
            throws SQLException {
        PreparedStatement statement = session.prepare(sql);
        Rows.bind(statement, args);
        return Rows.execute(statement, maxRows);
    }
}
