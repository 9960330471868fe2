package io.keyval.kv.transfer;

/**
 * The export format (docs/export-import.md): NDJSON, one JSON object per line, each with a
 * {@code type}: a {@code header} first, then the search index definitions ({@code index}), the
 * entries ({@code entry}, in key order), for a whole-store export the queue's messages
 * ({@code message}) and dead letters ({@code deadLetter}), and an {@code end} record with the counts. A reader refuses a
 * newer major {@code version}; a minor change only adds fields, which readers ignore.
 */
final class ExportFormat {

    static final String FORMAT = "keyval-export";
    static final int VERSION = 1;

    static final String HEADER = "header";
    static final String INDEX = "index";
    static final String ENTRY = "entry";
    static final String MESSAGE = "message";
    static final String DEAD_LETTER = "deadLetter";
    static final String END = "end";

    private ExportFormat() {
    }
}
