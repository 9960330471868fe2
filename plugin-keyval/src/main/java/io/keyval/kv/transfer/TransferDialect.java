package io.keyval.kv.transfer;

import io.keyval.database.DatabaseAdapter;
import io.keyval.database.DatabaseException;
import io.keyval.database.SqlSession;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
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

    /**
     * Copies the whole database into a new file, online and consistent, if the engine can.
     *
     * @param db the database
     * @param file the copy, which must not exist
     * @return whether a copy was made; {@code false} when the engine has no file copy (use an export)
     */
    boolean copyTo(DatabaseAdapter db, Path file);

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

        /** {@code VACUUM INTO}: a read transaction, so writers go on; the copy is compact and consistent. */
        @Override
        public boolean copyTo(DatabaseAdapter db, Path file) {
            // Its own connection: VACUUM cannot run inside a transaction, and must not hold a pooled one.
            try (Connection c = db.openDedicatedConnection(); PreparedStatement ps = c.prepareStatement("VACUUM INTO ?")) {
                ps.setString(1, file.toAbsolutePath().toString());
                ps.execute();
                return true;
            } catch (SQLException e) {
                throw new DatabaseException("Backup to " + file + " failed: " + e.getMessage(), e);
            }
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

        /** The database is the server's: back it up with an export, or {@code pg_dump}. */
        @Override
        public boolean copyTo(DatabaseAdapter db, Path file) {
            return false;
        }
    }
}
