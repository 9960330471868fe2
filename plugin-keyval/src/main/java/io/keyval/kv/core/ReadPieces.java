package io.keyval.kv.core;

import java.sql.ResultSet;
import java.sql.SQLException;

/**
 * How much a read holds in memory at once: reads that may return many large values (lists, batch
 * gets) deliver them in pieces of about {@link #PIECE_CHARS} characters of values, each read with one
 * query and handed on before the next is read, so that a response of 1,000 one-megabyte values never
 * sits in memory whole.
 */
final class ReadPieces {

    /** Value characters a piece holds before it ends (the entry that crosses the mark is its last). */
    static final long PIECE_CHARS = 4L << 20;
    /** What an entry costs besides its value's characters (key, versionstamp, object). */
    static final int ENTRY_OVERHEAD = 64;
    /**
     * Rows a streamed query fetches in its first round trip (PostgreSQL; SQLite steps one by one):
     * few, since nothing is known yet of their size.
     */
    static final int FIRST_FETCH_ROWS = 16;
    private static final int MAX_FETCH_ROWS = 1000;

    private ReadPieces() {
    }

    /**
     * Fetches as many rows per round trip as a piece holds, judged by the largest row so far: small
     * rows come a thousand at a time, values of megabytes a few at a time.
     *
     * @param rs the result set being read
     * @param largestRow the largest row size seen (as {@link #size} counts)
     * @throws SQLException on a database failure
     */
    static void adaptFetchSize(ResultSet rs, long largestRow) throws SQLException {
        long rows = Math.max(1, Math.min(MAX_FETCH_ROWS, PIECE_CHARS / Math.max(1, largestRow)));
        if (rs.getFetchSize() != rows) {
            rs.setFetchSize((int) rows);
        }
    }

    /**
     * @param entry an entry read
     * @return what it counts against {@link #PIECE_CHARS}
     */
    static long size(StoredEntry entry) {
        return ENTRY_OVERHEAD + (entry.json() == null ? 0 : entry.json().length()) + entry.key().toBytes().length;
    }
}
