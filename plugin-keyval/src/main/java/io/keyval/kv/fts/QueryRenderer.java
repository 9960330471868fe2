package io.keyval.kv.fts;

import io.keyval.kv.KvValidationException;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Renders a {@link SearchQuery} in an engine's own syntax: the shape is the same for both, the
 * phrases and operators differ. A phrase with nothing to search for under the index's tokenizer
 * (only punctuation, say), or with a term too long to be indexed, is a {@link KvValidationException}.
 */
abstract class QueryRenderer {

    /** The longest term (UTF-8 bytes): PostgreSQL's limit, on both engines so that they answer alike. */
    static final int MAX_TERM_BYTES = 2046;

    private final TextTokenizer tokenizer;

    QueryRenderer(TextTokenizer tokenizer) {
        this.tokenizer = tokenizer;
    }

    /**
     * @param query a parsed query
     * @return it in the engine's syntax
     */
    final String render(SearchQuery query) {
        StringBuilder out = new StringBuilder();
        render(query, out);
        return out.toString();
    }

    private void render(SearchQuery query, StringBuilder out) {
        if (query instanceof SearchQuery.Phrase p) {
            List<String> terms = tokenizer.terms(p.text());
            if (terms.isEmpty()) {
                throw new KvValidationException("Invalid search query: \"" + p.text()
                        + "\" has no letters or digits to search for");
            }
            for (String term : terms) {
                if (term.getBytes(StandardCharsets.UTF_8).length > MAX_TERM_BYTES) {
                    throw new KvValidationException("Invalid search query: a term is longer than " + MAX_TERM_BYTES
                            + " bytes, the longest a term can be searched for");
                }
            }
            phrase(p, terms, out);
        } else if (query instanceof SearchQuery.And and) {
            join(and.parts(), and(), out);
        } else if (query instanceof SearchQuery.Or or) {
            join(or.parts(), or(), out);
        } else {
            SearchQuery.Not not = (SearchQuery.Not) query;
            out.append('(');
            render(not.match(), out);
            out.append(not());
            render(not.without(), out);
            out.append(')');
        }
    }

    private void join(List<SearchQuery> parts, String operator, StringBuilder out) {
        out.append('(');
        for (int i = 0; i < parts.size(); i++) {
            if (i > 0) {
                out.append(operator);
            }
            render(parts.get(i), out);
        }
        out.append(')');
    }

    /**
     * Appends a phrase.
     *
     * @param phrase the phrase as written
     * @param terms its terms under the index's tokenizer, at least one
     * @param out the query text
     */
    abstract void phrase(SearchQuery.Phrase phrase, List<String> terms, StringBuilder out);

    /** @return the AND operator, with spaces */
    abstract String and();

    /** @return the OR operator, with spaces */
    abstract String or();

    /** @return the "a but not b" operator, with spaces */
    abstract String not();
}
