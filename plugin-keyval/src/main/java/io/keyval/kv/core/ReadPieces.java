package io.keyval.kv.core;

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
    /** Rows a streamed query fetches ahead of the reader (PostgreSQL; SQLite steps one by one). */
    static final int FETCH_ROWS = 8;

    private ReadPieces() {
    }

    /**
     * @param entry an entry read
     * @return what it counts against {@link #PIECE_CHARS}
     */
    static long size(StoredEntry entry) {
        return ENTRY_OVERHEAD + (entry.json() == null ? 0 : entry.json().length()) + entry.key().toBytes().length;
    }
}
