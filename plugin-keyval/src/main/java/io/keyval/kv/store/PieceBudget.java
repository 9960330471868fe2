package io.keyval.kv.store;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

/**
 * How much one piece of a read holds in memory: reads that may return many large values (lists,
 * batch gets) deliver them in pieces of about {@link #PIECE_CHARS} characters of values, each read
 * with one query and handed on before the next is read, so that a response of 1,000 one-megabyte
 * values never sits in memory whole. One budget counts the rows of one query.
 *
 * <pre>{@code
 * PieceBudget budget = PieceBudget.start(ps, PieceBudget.PIECE_CHARS);
 * while (rs.next() && !budget.full()) {
 *     budget.count(rs, keyBytes, json); // after reading the row's value
 * }
 * }</pre>
 */
final class PieceBudget {

    /** Value characters a piece holds before it ends (the entry that crosses the mark is its last). */
    static final long PIECE_CHARS = 4L << 20;
    /** What an entry costs besides its value's characters and its key's bytes (object, versionstamp). */
    private static final int ENTRY_OVERHEAD = 64;
    /**
     * Rows a streamed query fetches in its first round trip (PostgreSQL; SQLite steps one by one):
     * few, since nothing is known yet of their size.
     */
    private static final int FIRST_FETCH_ROWS = 16;
    private static final int MAX_FETCH_ROWS = 1000;

    private final long limit;
    private long size;
    private long largest;

    private PieceBudget(long limit) {
        this.limit = limit;
    }

    /**
     * Starts a piece on a query about to run.
     *
     * @param ps the query
     * @param limit the piece's size mark ({@link #PIECE_CHARS}, or {@link Long#MAX_VALUE} for one piece)
     * @return the piece's budget
     * @throws SQLException on a database failure
     */
    static PieceBudget start(PreparedStatement ps, long limit) throws SQLException {
        ps.setFetchSize(FIRST_FETCH_ROWS);
        return new PieceBudget(limit);
    }

    /**
     * @return whether the piece has reached its mark: a row the result set stands on now is left for
     *     the next piece (stepping to a row does not read its value)
     */
    boolean full() {
        return size >= limit;
    }

    /**
     * Counts a row read, and fetches as many rows per round trip as a piece holds, judged by the
     * largest row so far: small rows come a thousand at a time, values of megabytes a few at a time.
     *
     * @param rs the result set, on the row
     * @param keyBytes the size of the row's key encoding
     * @param json the row's value, or {@code null}
     * @throws SQLException on a database failure
     */
    void count(ResultSet rs, int keyBytes, String json) throws SQLException {
        long row = ENTRY_OVERHEAD + keyBytes + (json == null ? 0 : json.length());
        size += row;
        if (row > largest) {
            largest = row;
            int rows = (int) Math.max(1, Math.min(MAX_FETCH_ROWS, PIECE_CHARS / largest));
            if (rs.getFetchSize() != rows) {
                rs.setFetchSize(rows);
            }
        }
    }
}
