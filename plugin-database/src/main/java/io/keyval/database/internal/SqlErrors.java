package io.keyval.database.internal;

import io.keyval.database.DatabaseException;
import io.keyval.database.DatabaseFullException;
import io.keyval.database.DatabaseUnavailableException;
import io.keyval.database.SqlSession;
import io.keyval.database.SqlWork;
import java.sql.SQLException;
import java.util.Set;

/**
 * Turns JDBC failures into {@link DatabaseException}s that carry the SQL state, classified so that
 * callers can tell a full disk ({@link DatabaseFullException}) and a lost or unreachable server
 * ({@link DatabaseUnavailableException}) from other failures.
 */
final class SqlErrors {

    private static final int SQLITE_FULL = 13;
    /** PostgreSQL {@code disk_full}. */
    private static final String PG_DISK_FULL = "53100";
    /** PostgreSQL: admin_shutdown, crash_shutdown, cannot_connect_now (the server ended the session). */
    private static final Set<String> PG_SESSION_ENDED = Set.of("57P01", "57P02", "57P03");

    private SqlErrors() {
    }

    /**
     * @param type the adapter type, for the message
     * @param e the failure
     * @return a {@link DatabaseException} with the SQL state (or vendor code) and message, caused by {@code e}
     */
    static DatabaseException wrap(String type, SQLException e) {
        // sqlite-jdbc sets no SQL state, only the SQLite result code.
        String state = e.getSQLState();
        String code = state != null ? "SQLState " + state : "error code " + e.getErrorCode();
        String message = type + " error [" + code + "]: " + e.getMessage();
        if (isDiskFull(state, e)) {
            return new DatabaseFullException(type + " storage is full (disk full): " + e.getMessage(), e);
        }
        if (isConnectionLost(state)) {
            return new DatabaseUnavailableException(message, e, true, false);
        }
        return new DatabaseException(message, e);
    }

    /**
     * Like {@link #wrap}, for a failure of {@code COMMIT} itself: a connection lost then leaves the
     * transaction's outcome unknown.
     *
     * @param type the adapter type, for the message
     * @param e the failure
     * @return the exception to throw
     */
    static DatabaseException wrapCommitFailure(String type, SQLException e) {
        DatabaseException wrapped = wrap(type, e);
        if (wrapped instanceof DatabaseUnavailableException lost && lost.connectionLost()) {
            return new DatabaseUnavailableException(wrapped.getMessage()
                    + " (lost during COMMIT: the transaction may or may not have committed)", e, true, true);
        }
        return wrapped;
    }

    private static boolean isDiskFull(String state, SQLException e) {
        return PG_DISK_FULL.equals(state) || (state == null && (e.getErrorCode() & 0xFF) == SQLITE_FULL);
    }

    /** SQL states the server (or the driver, for a broken socket) gives for a session that ended. */
    private static boolean isConnectionLost(String state) {
        return state != null && (state.startsWith("08") || PG_SESSION_ENDED.contains(state));
    }

    /**
     * Runs work, wrapping a {@link SQLException}; runtime exceptions pass unchanged.
     *
     * @param type the adapter type
     * @param work the work
     * @param session the session it runs on
     * @param <T> the result type
     * @return what the work returned
     */
    static <T> T run(String type, SqlWork<T> work, SqlSession session) {
        try {
            return work.run(session);
        } catch (SQLException e) {
            throw wrap(type, e);
        }
    }
}
