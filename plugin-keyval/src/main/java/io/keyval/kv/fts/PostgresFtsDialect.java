package io.keyval.kv.fts;

import io.keyval.database.SqlSession;
import io.keyval.kv.Key;
import io.keyval.kv.keys.KeyRange;
import io.keyval.kv.store.EntryStatements;
import io.keyval.kv.where.SqlFragment;
import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * PostgreSQL: each index is a table {@code kv_fts_<id>} of {@code (key, doc_expires_at, doc)} with a
 * GIN index on {@code doc}, a {@code tsvector} of the terms {@link TextTokenizer} made (PostgreSQL's
 * own configurations split, fold and stem differently from FTS5). Fields are numbered one after the
 * other with a gap between them, so that a phrase never spans two fields (as in FTS5). Every write
 * inside a write transaction is deferred to its {@code COMMIT} message
 * ({@link SqlSession#executeAtCommit}), in order, so indexing adds no round trip. Ranking is {@code ts_rank} (higher is better; it weighs
 * how often the terms occur, with no inverse document frequency).
 */
public final class PostgresFtsDialect implements FtsDialect {

    private static final String UNDEFINED_TABLE = "42P01";
    /** PostgreSQL's highest word position; later words share it. */
    private static final int MAX_POSITION = 16_383;
    /** PostgreSQL keeps at most 256 positions per term. */
    private static final int MAX_POSITIONS_PER_TERM = 256;
    /** PostgreSQL refuses longer terms; such a term is not indexed (nor can it be searched for). */
    private static final int MAX_TERM_BYTES = QueryRenderer.MAX_TERM_BYTES;

    @Override
    public void createStorage(SqlSession session, IndexDefinition index) throws SQLException {
        session.executeAtCommit("CREATE TABLE " + index.table()
                + " (key bytea PRIMARY KEY, doc_expires_at bigint, doc tsvector NOT NULL)");
        session.executeAtCommit("CREATE INDEX " + index.table() + "_doc ON " + index.table() + " USING GIN (doc)");
    }

    @Override
    public void dropStorage(SqlSession session, long id) throws SQLException {
        session.prepare("SET LOCAL lock_timeout = '5s'").execute(); // searches hold it; give up rather than queue everyone
        session.prepare("DROP TABLE IF EXISTS " + IndexDefinition.table(id)).execute();
    }

    @Override
    public String tableNamesQuery() {
        return "SELECT tablename FROM pg_tables WHERE schemaname = current_schema()";
    }

    @Override
    public boolean isMissingTable(Throwable failure) {
        return failure instanceof SQLException e && UNDEFINED_TABLE.equals(e.getSQLState());
    }

    @Override
    public void put(SqlSession session, IndexDefinition index, Key key, List<String> texts, Long expiresAt)
            throws SQLException {
        session.executeAtCommit("INSERT INTO " + index.table() + " (key, doc_expires_at, doc) VALUES (?, ?, CAST(? AS tsvector))"
                + " ON CONFLICT (key) DO UPDATE SET doc_expires_at = EXCLUDED.doc_expires_at, doc = EXCLUDED.doc",
                key.toBytes(), expiresAt, tsvector(TextTokenizer.of(index.tokenizer()), texts));
    }

    /** @return the {@code tsvector} text of a document: each term quoted, with its positions */
    static String tsvector(TextTokenizer tokenizer, List<String> texts) {
        Map<String, List<Integer>> positions = new LinkedHashMap<>();
        int[] position = {0};
        for (String text : texts) {
            tokenizer.split(text, term -> {
                position[0] = Math.min(position[0] + 1, MAX_POSITION);
                List<Integer> at = positions.computeIfAbsent(term, t -> new ArrayList<>(2));
                if (at.size() < MAX_POSITIONS_PER_TERM && (at.isEmpty() || at.get(at.size() - 1) != position[0])) {
                    at.add(position[0]);
                }
            });
            position[0] = Math.min(position[0] + 1, MAX_POSITION); // the gap between fields
        }
        StringBuilder out = new StringBuilder();
        for (Map.Entry<String, List<Integer>> e : positions.entrySet()) {
            if (e.getKey().getBytes(StandardCharsets.UTF_8).length > MAX_TERM_BYTES) {
                continue;
            }
            if (out.length() > 0) {
                out.append(' ');
            }
            quote(e.getKey(), out).append(':');
            List<Integer> at = e.getValue();
            for (int i = 0; i < at.size(); i++) {
                out.append(i == 0 ? "" : ",").append(at.get(i));
            }
        }
        return out.toString();
    }

    /** Quotes a term for {@code tsvector} and {@code tsquery} input: in single quotes, quote and backslash escaped. */
    private static StringBuilder quote(String term, StringBuilder out) {
        out.append('\'');
        for (int i = 0; i < term.length(); i++) {
            char c = term.charAt(i);
            if (c == '\'' || c == '\\') {
                out.append(c == '\'' ? '\'' : '\\');
            }
            out.append(c);
        }
        return out.append('\'');
    }

    @Override
    public void remove(SqlSession session, IndexDefinition index, List<Key> keys) throws SQLException {
        byte[][] encoded = new byte[keys.size()][];
        for (int i = 0; i < encoded.length; i++) {
            encoded[i] = keys.get(i).toBytes();
        }
        // One statement for all of them: a large delete stays one statement in the COMMIT message.
        session.executeAtCommit("DELETE FROM " + index.table() + " WHERE key = ANY(?)",
                session.connection().createArrayOf("bytea", encoded));
    }

    @Override
    public void removeRange(SqlSession session, IndexDefinition index, KeyRange range) throws SQLException {
        session.executeAtCommit("DELETE FROM " + index.table() + " WHERE " + EntryStatements.rangeCondition(range),
                range.lower(), range.upper());
    }

    @Override
    public SqlFragment search(IndexDefinition index, SearchQuery query, SqlFragment where, long now, int limit) {
        String tsquery = new TsquerySyntax(TextTokenizer.of(index.tokenizer())).render(query);
        SqlFragment.Builder sql = SqlFragment.builder()
                .sql("SELECT e.key, e.value, e.versionstamp FROM (SELECT d.key AS doc_key, ts_rank(d.doc, CAST(")
                .param(tsquery).sql(" AS tsquery)) AS score FROM " + index.table() + " d")
                .sql(where == null ? "" : " JOIN kv_entries ON kv_entries.key = d.key")
                .sql(" WHERE d.doc @@ CAST(").param(tsquery).sql(" AS tsquery)")
                .sql(" AND (d.doc_expires_at IS NULL OR d.doc_expires_at > ").param(now).sql(")");
        if (where != null) {
            sql.sql(" AND (").add(where).sql(")");
        }
        return sql.sql(" ORDER BY score DESC, doc_key LIMIT ").param(limit)
                .sql(") hits JOIN kv_entries e ON e.key = hits.doc_key ORDER BY hits.score DESC, hits.doc_key").build();
    }

    /** {@code tsquery} syntax over the terms {@link TextTokenizer} made: a phrase is {@code 'a' <-> 'b'}. */
    private static final class TsquerySyntax extends QueryRenderer {

        TsquerySyntax(TextTokenizer tokenizer) {
            super(tokenizer);
        }

        @Override
        void phrase(SearchQuery.Phrase phrase, List<String> terms, StringBuilder out) {
            out.append('(');
            for (int i = 0; i < terms.size(); i++) {
                if (i > 0) {
                    out.append(" <-> ");
                }
                quote(terms.get(i), out);
            }
            if (phrase.prefix()) {
                out.append(":*");
            }
            out.append(')');
        }

        @Override
        String and() {
            return " & ";
        }

        @Override
        String or() {
            return " | ";
        }

        @Override
        String not() {
            return " & !";
        }
    }
}
