package io.keyval.database;

import java.sql.Connection;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One database, reached through pooled JDBC connections. Owned by the database plugin: users never
 * close it.
 *
 * <p>Writes go through {@link #transaction}: the work runs in one transaction that commits when it
 * returns and rolls back when it throws. SQLite write transactions are serialised inside the process
 * on one writer connection ({@code BEGIN IMMEDIATE}), so concurrent writers wait their turn instead
 * of failing with "database is locked". PostgreSQL transactions run at READ COMMITTED on pooled
 * connections; callers that need more take row locks.
 *
 * <pre>{@code
 * long n = adapter.transaction(s -> {
 *     PreparedStatement ps = s.prepare("UPDATE counters SET n = n + 1 WHERE id = ?");
 *     ps.setString(1, "hits");
 *     return (long) ps.executeUpdate();
 * });
 * }</pre>
 */
public interface DatabaseAdapter {

    /** @return {@code "sqlite"} or {@code "postgres"} */
    String type();

    /** @return the durability setting in words, e.g. {@code "WAL, synchronous=FULL"} */
    String durability();

    /**
     * Runs read-only work on a pooled connection in auto-commit mode. SQLite reader connections are
     * query-only (a write fails). Called inside {@link #transaction} on the same thread, the work joins
     * that transaction instead and sees its uncommitted writes. Otherwise it sees only committed data,
     * which is durable to the adapter's durability setting: with {@code synchronous=FULL} SQLite makes
     * a commit visible to readers only after its WAL sync. Work whose connection the server ended (see
     * {@link DatabaseUnavailableException#connectionLost()}) runs once more on a fresh connection, so it
     * must be safe to run twice, as reading is.
     *
     * @param work the work
     * @param <T> its result type
     * @return what the work returned
     * @throws DatabaseException wrapping any {@link java.sql.SQLException}
     */
    <T> T read(SqlWork<T> work);

    /**
     * Like {@link #read}, for queries whose rows may be large: a statement given a fetch size
     * ({@link java.sql.Statement#setFetchSize}) delivers its rows in batches of that size as the work
     * reads them, instead of all at once, so that work which stops early or handles rows one by one
     * holds only a few in memory. (PostgreSQL runs the work in a transaction, which row-batched
     * fetching needs; the work must only read. SQLite always steps row by row.)
     *
     * @param work the work
     * @param <T> its result type
     * @return what the work returned
     * @throws DatabaseException wrapping any {@link java.sql.SQLException}
     */
    default <T> T readStreaming(SqlWork<T> work) {
        return read(work);
    }

    /**
     * Runs read-only work at once if nothing can make it wait: the database is embedded (no network
     * round trip) and a connection is idle. Lets an event-loop thread answer a short read itself and
     * hand anything else to a worker thread. The work must not return {@code null} (wrap absent
     * results).
     *
     * @param work the work
     * @param <T> its result type
     * @return the result, or empty when the read would have had to wait for a connection
     * @throws DatabaseException wrapping any {@link java.sql.SQLException}
     */
    default <T> Optional<T> readWithoutWaiting(SqlWork<T> work) {
        return Optional.empty();
    }

    /**
     * Runs work in one transaction: commit on return, rollback on exception. A commit that returns
     * is durable to the adapter's durability setting. A transaction started inside another one on the
     * same thread joins it: it commits or rolls back with the outer transaction.
     *
     * @param work the work
     * @param <T> its result type
     * @return what the work returned
     * @throws DatabaseException wrapping any {@link java.sql.SQLException}; runtime exceptions thrown
     *     by the work propagate unchanged after the rollback
     */
    <T> T transaction(SqlWork<T> work);

    /**
     * Runs one parameterised statement in its own transaction (or in the calling thread's current
     * one).
     *
     * @param sql the statement, with {@code ?} parameters
     * @param args the parameters ({@code byte[]} for BLOB/bytea)
     * @return the rows (column label to value; BLOB/bytea columns as {@code byte[]}); empty for
     *     statements without a result set
     */
    List<Map<String, Object>> execute(String sql, Object... args);

    /**
     * Like {@link #execute} but returns only the first row.
     *
     * @param sql the statement
     * @param args the parameters
     * @return the first row, or {@code null}
     */
    Map<String, Object> executeOne(String sql, Object... args);

    /**
     * Runs statements atomically, in order, in one transaction.
     *
     * @param statements the statements
     */
    void batch(List<SqlStatement> statements);

    /**
     * Opens a connection outside the pool, for long-lived uses such as PostgreSQL
     * {@code LISTEN}. The caller closes it.
     *
     * @return a new connection in auto-commit mode
     */
    Connection openDedicatedConnection();

    /**
     * @return notifications between the processes sharing this database; empty for an engine that a
     *     single process serves (SQLite)
     */
    default Optional<Notifications> notifications() {
        return Optional.empty();
    }
}
