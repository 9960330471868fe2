package io.keyval.kv.fts;

import java.util.List;

/**
 * A parsed search query: the supported subset of FTS5's syntax, as a tree that each engine renders
 * in its own syntax ({@link FtsDialect}), never as the user's text.
 */
public sealed interface SearchQuery {

    /**
     * A bare term or a quoted phrase; the index's tokenizer splits its text into one or more terms,
     * which must then follow each other.
     *
     * @param text the text as written (without the quotes)
     * @param prefix whether it ends with {@code *}: its last term matches as a prefix
     */
    record Phrase(String text, boolean prefix) implements SearchQuery {
    }

    /** @param parts queries that must all match (two or more) */
    record And(List<SearchQuery> parts) implements SearchQuery {
    }

    /** @param parts queries of which one must match (two or more) */
    record Or(List<SearchQuery> parts) implements SearchQuery {
    }

    /**
     * @param match what must match
     * @param without what must not
     */
    record Not(SearchQuery match, SearchQuery without) implements SearchQuery {
    }
}
