package io.keyval.kv.commit;

import io.keyval.database.SqlSession;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

/**
 * Allocates commit sequence numbers, from which versionstamps are made, inside a write
 * transaction. Numbers grow in commit order across every writer of the database and never repeat;
 * they may skip. One instance per store: implementations may keep state between transactions.
 */
public interface VersionstampSequence {

    /**
     * Allocates {@code count} consecutive numbers, all greater than any allocated before, and reads
     * the catalog version in the same statement.
     *
     * @param session the write transaction's session
     * @param count how many numbers
     * @return the last of them, and the catalog version
     * @throws SQLException on a database error
     */
    Allocation allocate(SqlSession session, int count) throws SQLException;

    /**
     * What a transaction's allocation read.
     *
     * @param last the last number allocated
     * @param catalog the catalog version ({@link CatalogVersion}) as this transaction sees it
     */
    record Allocation(long last, long catalog) {
    }

    /**
     * Reads the row of a single-row query on the sequence.
     *
     * @param statement a prepared query returning the value and the catalog version, parameters bound
     * @return the first and second columns of its first row
     * @throws SQLException if the query returns no row (the sequence row is missing)
     */
    private static Allocation single(PreparedStatement statement) throws SQLException {
        try (ResultSet rs = statement.executeQuery()) {
            if (!rs.next()) {
                throw new SQLException("kv_sequence row missing");
            }
            return new Allocation(rs.getLong(1), rs.getLong(2));
        }
    }

    /**
     * Bumps the sequence row in every transaction. On PostgreSQL this is also what serialises writers
     * across host instances: the row lock is held until commit, so whatever a transaction reads after
     * it is current and sequence order is commit order.
     */
    final class RowBump implements VersionstampSequence {
        private static final String BUMP = "UPDATE kv_sequence SET value = value + ? WHERE id = 1 RETURNING value, catalog";

        @Override
        public Allocation allocate(SqlSession session, int count) throws SQLException {
            PreparedStatement ps = session.prepare(BUMP);
            ps.setLong(1, count);
            return single(ps);
        }
    }

    /**
     * Hands out numbers from a block reserved in the sequence row, so that a transaction usually
     * only reads the row: writing it would add a page to every commit's WAL. SQLite transactions are
     * already serialised across processes by {@code BEGIN IMMEDIATE}.
     *
     * <p>The row holds the end of the block last reserved. When it differs from what this instance
     * wrote — another store or process reserved since, or this instance's reservation was rolled
     * back — the next block starts above it, so numbers still grow in commit order. After a crash the
     * numbers continue above the persisted end: they skip but never repeat.
     */
    final class BlockReservation implements VersionstampSequence {
        static final long BLOCK = 4096;
        private static final String READ = "SELECT value, catalog FROM kv_sequence WHERE id = 1";
        private static final String RESERVE = "UPDATE kv_sequence SET value = ? WHERE id = 1";

        // Used inside write transactions only, which the adapter runs one at a time.
        private long reservedEnd = -1;
        private long next;

        @Override
        public Allocation allocate(SqlSession session, int count) throws SQLException {
            Allocation row = single(session.prepare(READ));
            long persisted = row.last();
            if (persisted != reservedEnd) {
                reservedEnd = persisted;
                next = persisted + 1;
            }
            long last = next + count - 1;
            if (last > reservedEnd) {
                PreparedStatement reserve = session.prepare(RESERVE);
                reserve.setLong(1, last + BLOCK);
                reserve.executeUpdate();
                reservedEnd = last + BLOCK;
            }
            next = last + 1;
            return new Allocation(last, row.catalog());
        }
    }
}
