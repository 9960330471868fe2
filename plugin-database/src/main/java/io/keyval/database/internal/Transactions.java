package io.keyval.database.internal;

import io.keyval.database.SqlSession;
import io.keyval.database.SqlWork;
import java.sql.SQLException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The commit-or-rollback template both engines run their transactions with. */
final class Transactions {

    private static final Logger LOG = LoggerFactory.getLogger(Transactions.class);

    /** How an engine begins, commits and rolls back a transaction on its connection. */
    interface Control {
        void begin() throws SQLException;

        void commit() throws SQLException;

        void rollback() throws SQLException;
    }

    private Transactions() {
    }

    /**
     * Begins, runs the work, commits; on any exception rolls back and rethrows it ({@link SQLException}
     * wrapped by {@link SqlErrors}, runtime exceptions and errors unchanged). A connection lost during
     * {@code COMMIT} is reported with its outcome unknown.
     *
     * @param type the adapter type, for messages
     * @param session the session the work runs on
     * @param control the engine's transaction statements
     * @param work the work
     * @param <T> the result type
     * @return what the work returned
     */
    static <T> T run(String type, SqlSession session, Control control, SqlWork<T> work) {
        try {
            control.begin();
        } catch (SQLException e) {
            throw SqlErrors.wrap(type, e);
        }
        boolean committing = false;
        try {
            T result = work.run(session);
            committing = true;
            control.commit();
            return result;
        } catch (SQLException e) {
            rollback(type, control);
            throw committing ? SqlErrors.wrapCommitFailure(type, e) : SqlErrors.wrap(type, e);
        } catch (RuntimeException | Error e) {
            rollback(type, control);
            throw e;
        }
    }

    private static void rollback(String type, Control control) {
        try {
            control.rollback();
        } catch (SQLException e) {
            // Expected when the failure already ended the transaction (e.g. a failed COMMIT).
            LOG.debug("{} rollback failed: {}", type, e.getMessage());
        }
    }
}
