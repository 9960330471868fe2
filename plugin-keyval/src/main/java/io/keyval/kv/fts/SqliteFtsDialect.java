package io.keyval.kv.fts;

import io.keyval.database.SqlSession;
import io.keyval.kv.FtsTokenizer;
import io.keyval.kv.Key;
import io.keyval.kv.keys.KeyRange;
import io.keyval.kv.store.EntryStatements;
import io.keyval.kv.where.SqlFragment;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;

/**
 * SQLite: each index is a contentless FTS5 table {@code kv_fts_<id>} (columns {@code c0..cn}, one per
 * field, FTS5's own tokenizer) and a table {@code kv_fts_<id>_keys} that gives each indexed key its FTS5
 * rowid, so that a write finds its document through a primary key, never by a scan. Ranking is
 * FTS5's {@code bm25} (lower is better).
 */
public final class SqliteFtsDialect implements FtsDialect {

    @Override
    public void createStorage(SqlSession session, IndexDefinition index) throws SQLException {
        StringBuilder columns = new StringBuilder();
        for (int i = 0; i < index.fields().paths().size(); i++) {
            columns.append('c').append(i).append(", ");
        }
        // Contentless: the text is in the entries already; FTS5 keeps only its index (and what
        // contentless_delete needs to delete and replace documents).
        execute(session, "CREATE VIRTUAL TABLE " + index.table() + " USING fts5(" + columns
                + "content = '', contentless_delete = 1, tokenize = '" + fts5Tokenizer(index.tokenizer()) + "')");
        execute(session, "CREATE TABLE " + keys(index)
                + " (docid INTEGER PRIMARY KEY, key BLOB NOT NULL UNIQUE, doc_expires_at INTEGER)");
    }

    /** @return FTS5's tokenizer option for a tokenizer (remove_diacritics 2 also folds letters with several marks) */
    static String fts5Tokenizer(FtsTokenizer tokenizer) {
        return switch (tokenizer) {
            case UNICODE61 -> "unicode61 remove_diacritics 2";
            case PORTER -> "porter unicode61 remove_diacritics 2";
            case ASCII -> "ascii";
        };
    }

    @Override
    public void dropStorage(SqlSession session, long id) throws SQLException {
        execute(session, "DROP TABLE IF EXISTS " + IndexDefinition.table(id));
        execute(session, "DROP TABLE IF EXISTS " + IndexDefinition.table(id) + "_keys");
    }

    @Override
    public String tableNamesQuery() {
        return "SELECT name FROM sqlite_master WHERE type = 'table'";
    }

    @Override
    public boolean isMissingTable(Throwable failure) {
        return String.valueOf(failure.getMessage()).contains("no such table");
    }

    @Override
    public void put(SqlSession session, IndexDefinition index, Key key, List<String> texts, Long expiresAt)
            throws SQLException {
        PreparedStatement row = session.prepare("INSERT INTO " + keys(index) + " (key, doc_expires_at) VALUES (?, ?)"
                + " ON CONFLICT (key) DO UPDATE SET doc_expires_at = excluded.doc_expires_at RETURNING docid");
        row.setBytes(1, key.toBytes());
        row.setObject(2, expiresAt);
        long docid;
        try (ResultSet rs = row.executeQuery()) {
            rs.next();
            docid = rs.getLong(1);
        }
        PreparedStatement doc = session.prepare(insertDocument(index, texts.size()));
        doc.setLong(1, docid);
        for (int i = 0; i < texts.size(); i++) {
            doc.setString(i + 2, texts.get(i));
        }
        doc.executeUpdate();
    }

    private static String insertDocument(IndexDefinition index, int columns) {
        StringBuilder sql = new StringBuilder("INSERT OR REPLACE INTO ").append(index.table()).append(" (rowid");
        for (int i = 0; i < columns; i++) {
            sql.append(", c").append(i);
        }
        sql.append(") VALUES (?");
        sql.append(", ?".repeat(columns));
        return sql.append(')').toString();
    }

    @Override
    public void remove(SqlSession session, IndexDefinition index, List<Key> keys) throws SQLException {
        PreparedStatement row = session.prepare("DELETE FROM " + keys(index) + " WHERE key = ? RETURNING docid");
        PreparedStatement doc = session.prepare("DELETE FROM " + index.table() + " WHERE rowid = ?");
        for (Key key : keys) {
            row.setBytes(1, key.toBytes());
            try (ResultSet rs = row.executeQuery()) {
                if (!rs.next()) {
                    continue;
                }
                doc.setLong(1, rs.getLong(1));
            }
            doc.executeUpdate();
        }
    }

    @Override
    public void removeRange(SqlSession session, IndexDefinition index, KeyRange range) throws SQLException {
        String inRange = EntryStatements.rangeCondition(range);
        PreparedStatement docs = session.prepare("DELETE FROM " + index.table()
                + " WHERE rowid IN (SELECT docid FROM " + keys(index) + " WHERE " + inRange + ")");
        EntryStatements.bindRange(docs, 1, range);
        docs.executeUpdate();
        PreparedStatement rows = session.prepare("DELETE FROM " + keys(index) + " WHERE " + inRange);
        EntryStatements.bindRange(rows, 1, range);
        rows.executeUpdate();
    }

    @Override
    public SqlFragment search(IndexDefinition index, SearchQuery query, SqlFragment where, long now, int limit) {
        String match = new Fts5Syntax(TextTokenizer.of(index.tokenizer())).render(query);
        String fts = index.table();
        SqlFragment.Builder sql = SqlFragment.builder()
                .sql("SELECT e.key, e.value, e.versionstamp FROM (SELECT m.key AS doc_key, " + fts + ".rank AS score FROM "
                        + fts + " JOIN " + keys(index) + " m ON m.docid = " + fts + ".rowid")
                .sql(where == null ? "" : " JOIN kv_entries ON kv_entries.key = m.key")
                .sql(" WHERE " + fts + " MATCH ").param(match)
                .sql(" AND (m.doc_expires_at IS NULL OR m.doc_expires_at > ").param(now).sql(")");
        if (where != null) {
            sql.sql(" AND (").add(where).sql(")");
        }
        return sql.sql(" ORDER BY score, doc_key LIMIT ").param(limit)
                .sql(") hits JOIN kv_entries e ON e.key = hits.doc_key ORDER BY hits.score, hits.doc_key").build();
    }

    private static String keys(IndexDefinition index) {
        return index.table() + "_keys";
    }

    private static void execute(SqlSession session, String sql) throws SQLException {
        session.prepare(sql).execute();
    }

    /**
     * FTS5's query syntax: every phrase is an FTS5 string (in double quotes, a quote doubled), which
     * FTS5 splits with the index's own tokenizer; nothing of the user's text is read as syntax.
     */
    private static final class Fts5Syntax extends QueryRenderer {

        Fts5Syntax(TextTokenizer tokenizer) {
            super(tokenizer);
        }

        @Override
        void phrase(SearchQuery.Phrase phrase, List<String> terms, StringBuilder out) {
            out.append('"').append(phrase.text().replace("\"", "\"\"")).append('"');
            if (phrase.prefix()) {
                out.append('*');
            }
        }

        @Override
        String and() {
            return " AND ";
        }

        @Override
        String or() {
            return " OR ";
        }

        @Override
        String not() {
            return " NOT ";
        }
    }
}
