package io.keyval.kv.transfer;

import io.keyval.database.SqlSession;
import java.sql.SQLException;

/**
 * How each engine holds one consistent snapshot for the length of an export, on a reading session
 * ({@code DatabaseAdapter.readStreaming}): SQLite in a read transaction of its reader connection
 * (WAL readers see the database as of their first read until they end); PostgreSQL in a
 * {@code REPEATABLE READ} transaction.
 */
public interface TransferDialect {

    /**
     * Starts the snapshot, before the export's first read.
     *
     * @param session the reading session
     * @throws SQLException on a database failure
     */
    void beginSnapshot(SqlSession session) throws SQLException;

    /**
     * Ends the snapshot (also after a failure).
     *
     * @param session the reading session
     * @throws SQLException on a database failure
     */
    void endSnapshot(SqlSession session) throws SQLException;

    /** SQLite: {@code BEGIN} on the reader connection; the snapshot starts at the first read. */
    final class Sqlite implements TransferDialect {
        @Override
        public void beginSnapshot(SqlSession session) throws SQLException {
            session.prepare("BEGIN").execute();
        }

        @Override
        public void endSnapshot(SqlSession session) throws SQLException {
            session.prepare("COMMIT").execute();
        }
    }

    /** PostgreSQL: the streaming read's transaction, made {@code REPEATABLE READ}; its owner ends it. */
    final class Postgres implements TransferDialect {
        @Override
        public void beginSnapshot(SqlSession session) throws SQLException {
            session.prepare("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY").execute();
        }

        @Override
        public void endSnapshot(SqlSession session) {
            // the adapter commits the streaming read's transaction
        }
    }
}
