package io.keyval.bench;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;

/** PostgreSQL: bytea keys, READ COMMITTED transactions (a conditional UPDATE detects a lost race). */
final class PostgresRawDialect implements RawDialect {

    @Override
    public List<String> createTables() {
        return List.of(
                "CREATE TABLE raw_entries (key BYTEA NOT NULL PRIMARY KEY, value TEXT NOT NULL)",
                "CREATE TABLE raw_counters (id INTEGER NOT NULL PRIMARY KEY, n BIGINT NOT NULL)");
    }

    @Override
    public String createQueueTable() {
        return "CREATE TABLE raw_queue (id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY, value TEXT NOT NULL,"
                + " priority INTEGER NOT NULL, ready_at BIGINT NOT NULL, status TEXT NOT NULL, locked_until BIGINT)";
    }

    @Override
    public List<String> createSearchTable() {
        return List.of("CREATE TABLE raw_search (id bigint PRIMARY KEY, title text NOT NULL, body text NOT NULL,"
                + " doc tsvector GENERATED ALWAYS AS (to_tsvector('simple', title || ' ' || body)) STORED)",
                "CREATE INDEX raw_search_doc ON raw_search USING GIN (doc)");
    }

    @Override
    public String insertSearchDocument() {
        return "INSERT INTO raw_search (id, title, body) VALUES (?, ?, ?)";
    }

    @Override
    public String searchQuery() {
        return "SELECT id, title, body FROM raw_search, to_tsquery('simple', ?) q WHERE doc @@ q"
                + " ORDER BY ts_rank(doc, q) DESC LIMIT ?";
    }

    @Override
    public String searchSyntax(List<String> words) {
        return String.join(" & ", words);
    }

    @Override
    public IndexedWrite indexedWrite(Connection connection) throws SQLException {
        try (Statement s = connection.createStatement()) {
            s.execute("CREATE TABLE raw_w1_docs (key bytea PRIMARY KEY, doc tsvector NOT NULL)");
            s.execute("CREATE INDEX raw_w1_docs_doc ON raw_w1_docs USING GIN (doc)");
        }
        PreparedStatement doc = connection.prepareStatement("INSERT INTO raw_w1_docs (key, doc)"
                + " VALUES (?, to_tsvector('simple', ? || ' ' || ? || ' ' || ?))"
                + " ON CONFLICT (key) DO UPDATE SET doc = excluded.doc");
        return (key, fields) -> {
            doc.setBytes(1, key);
            for (int i = 0; i < fields.length; i++) {
                doc.setString(i + 2, fields[i]);
            }
            doc.executeUpdate();
        };
    }

    @Override
    public String skipLocked() {
        return " FOR UPDATE SKIP LOCKED";
    }

    @Override
    public String beginWrite() {
        return "BEGIN";
    }

    @Override
    public String durability(Connection connection) throws SQLException {
        try (Statement s = connection.createStatement();
                ResultSet rs = s.executeQuery("SHOW synchronous_commit")) {
            rs.next();
            return "synchronous_commit=" + rs.getString(1);
        }
    }
}
