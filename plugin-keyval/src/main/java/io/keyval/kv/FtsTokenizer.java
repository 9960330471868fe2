package io.keyval.kv;

import java.util.Locale;

/**
 * How a search index splits text into terms; queries are split the same way. The behaviour is the
 * same on SQLite (FTS5's tokenizers of the same names) and on PostgreSQL (the plugin tokenises in
 * Java and stores the terms).
 */
public enum FtsTokenizer {

    /** The default: splits on every character that is not a Unicode letter or digit, folds case and strips diacritics ({@code É} matches {@code e}). */
    UNICODE61("unicode61"),
    /** {@link #UNICODE61}, then the original English Porter stemmer: {@code running}, {@code runs} and {@code run} match each other. */
    PORTER("porter"),
    /** Splits on ASCII characters that are not letters or digits (any other character belongs to a term) and folds ASCII case only: {@code é} matches only {@code é}. */
    ASCII("ascii");

    private final String id;

    FtsTokenizer(String id) {
        this.id = id;
    }

    /** @return the name used over HTTP: {@code unicode61}, {@code porter} or {@code ascii} */
    public String id() {
        return id;
    }

    /**
     * @param id a tokenizer name, as in {@code "tokenize": "porter"}
     * @return the tokenizer
     * @throws KvValidationException for any other name
     */
    public static FtsTokenizer of(String id) {
        for (FtsTokenizer t : values()) {
            if (t.id.equals(id)) {
                return t;
            }
        }
        throw new KvValidationException("Unknown tokenizer '" + id + "': use unicode61, porter or ascii"
                + (id != null && !id.equals(id.toLowerCase(Locale.ROOT)) ? " (lower case)" : ""));
    }
}
