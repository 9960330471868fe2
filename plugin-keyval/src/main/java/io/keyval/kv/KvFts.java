package io.keyval.kv;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;

/**
 * Full-text search over entries. An index covers the entries under one prefix and is kept in step
 * with them in the same transaction as every write (sets, atomic mutations, deletes, TTL expiry), so
 * a search never sees a write that failed and never misses one that succeeded. Indexes are stored in
 * the database: every host sharing it uses them, and they survive restarts.
 *
 * <pre>{@code
 * KvFts fts = kv.fts();
 * fts.createIndex(FtsIndex.of(Key.of("posts"), "title", "body").tokenizer(FtsTokenizer.PORTER));
 * kv.set(Key.of("posts", 1), Map.of("title", "Running fast", "body", "...", "status", "published"));
 * List<KvEntry<JsonNode>> hits = fts.search(Key.of("posts"), "run AND fast",
 *         SearchOptions.defaults().limit(20).where(Filter.parse("{\"status\": \"published\"}")));
 * }</pre>
 *
 * <p>Queries: terms (all must match), {@code AND}, {@code OR}, {@code NOT} (upper case; {@code NOT}
 * binds tightest, then {@code AND}, then {@code OR}: {@code a NOT b} is "a without b"), parentheses,
 * {@code "quoted phrases"} and prefix terms ({@code run*}). A term matches any indexed field.
 * Anything else ({@code NEAR}, {@code title:x}, {@code ^}, unbalanced quotes or parentheses,
 * punctuation outside quotes) is rejected with a {@link KvValidationException} that says what to fix.
 */
public interface KvFts {

    /**
     * Creates the index on {@code index.prefix()}, replacing any index on that exact prefix (then
     * rebuilt with the new fields and tokenizer), and indexes the entries already there. Returns once
     * they are all indexed; writes go on meanwhile, in short batches, and are indexed too. Indexes on
     * other prefixes, overlapping or not, are untouched: an entry is in every index above it.
     *
     * @param index the definition
     * @throws KvValidationException for an empty prefix, no fields, or an invalid field path
     */
    void createIndex(FtsIndex index);

    /**
     * Removes the index on exactly this prefix and its data; nothing happens when there is none.
     *
     * @param prefix the indexed prefix
     */
    void removeIndex(Key prefix);

    /** @return every index, in prefix order */
    List<FtsIndex> listIndexes();

    /**
     * Searches the index on exactly {@code prefix}. Results are live entries that match the query and
     * the filter, best first (on SQLite FTS5's BM25; on PostgreSQL {@code ts_rank}), ties in key order.
     *
     * @param prefix the prefix of an index
     * @param query the query
     * @param options limit and where filter (applied before the limit)
     * @return the matching entries
     * @throws KvIndexNotFoundException when no index has exactly this prefix
     * @throws KvValidationException for a query outside the supported syntax, or an invalid filter
     */
    List<KvEntry<JsonNode>> search(Key prefix, String query, SearchOptions options);
}
