package io.keyval.kv;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * A full-text index over the entries under a key prefix (its strict descendants): the text of the
 * named fields of each entry's value, split by the tokenizer.
 *
 * <pre>{@code
 * kv.fts().createIndex(FtsIndex.of(Key.of("posts"), "title", "author.name", "tags.0")
 *         .tokenizer(FtsTokenizer.PORTER));
 * }</pre>
 *
 * @param prefix the indexed prefix, not empty
 * @param fields 1 to 32 dot paths into the value: {@code title}, {@code author.name}, {@code tags.0}
 *     (an array element). A string is indexed as it is, a number or boolean as its JSON text, an
 *     object or array as its compact JSON; a missing field or {@code null} as nothing
 * @param tokenizer how text is split into terms
 */
public record FtsIndex(Key prefix, List<String> fields, FtsTokenizer tokenizer) {

    public FtsIndex {
        // Not List.copyOf: a null list or path must reach the validation, which says what is wrong.
        fields = fields == null ? List.of() : Collections.unmodifiableList(new ArrayList<>(fields));
    }

    /**
     * @param prefix the indexed prefix, not empty
     * @param fields the indexed field paths
     * @return an index definition with the default {@link FtsTokenizer#UNICODE61} tokenizer
     */
    public static FtsIndex of(Key prefix, String... fields) {
        return new FtsIndex(prefix, List.of(fields), FtsTokenizer.UNICODE61);
    }

    /**
     * @param t the tokenizer
     * @return a copy with it
     */
    public FtsIndex tokenizer(FtsTokenizer t) {
        return new FtsIndex(prefix, fields, t);
    }
}
