package io.keyval.database.internal;

import io.keyval.database.DatabaseException;
import io.keyval.database.SqlSession;
import io.keyval.database.SqlWork;
import java.sql.SQLException;

/** Turns JDBC failures into {@link DatabaseException}s that carry the SQL state. */
final class SqlErrors {

    private SqlErrors() {
    }

    /**
     * @param type the adapter type, for the message
     * @param e the failure
     * @return a {@link DatabaseException} with the SQL state (or vendor code) and message, caused by {@code e}
     */
    static DatabaseException wrap(String type, SQLException e) {
        // sqlite-jdbc sets no SQL state, only the SQLite result code.
        String code = e.getSQLState() != null ? "SQLState " + e.getSQLState() : "error code " + e.getErrorCode();
        return new DatabaseException(type + " error [" + code + "]: " + e.getMessage(), e);
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
