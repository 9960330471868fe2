package io.keyval.database;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;

/** A borrowed connection for the duration of one {@link SqlWork}. */
public interface SqlSession {

    /** @return the adapter type, {@code "sqlite"} or {@code "postgres"} */
    String type();

    /**
     * Prepares (or reuses) a statement. The session owns it: callers set parameters and execute it
     * but never close it. Parameters left over from an earlier use are cleared.
     *
     * @param sql the SQL text; identical text reuses the same statement on this connection
     * @return the statement
     * @throws SQLException if the statement cannot be prepared
     */
    PreparedStatement prepare(String sql) throws SQLException;

    /**
     * Runs a write whose result the work does not need, as late as the engine makes worthwhile: on
     * PostgreSQL, inside a transaction, it is sent in the same round trip as {@code COMMIT} (after the
     * statements executed before, in the order given); its failure then fails the commit. Elsewhere,
     * and outside a transaction, it runs at once.
     *
     * @param sql one statement
     * @param args its parameters, in order
     * @throws SQLException if it runs at once and fails
     */
    void executeAtCommit(String sql, Object... args) throws SQLException;

    /** @return the underlying connection; do not close it or change its auto-commit mode */
    Connection connection();
}
