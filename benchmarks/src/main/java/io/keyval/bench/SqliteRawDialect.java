package io.keyval.bench;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Locale;

/** SQLite: a WITHOUT ROWID table like the store's, and {@code BEGIN IMMEDIATE} for read-then-write transactions. */
final class SqliteRawDialect implements RawDialect {

    @Override
    public List<String> createTables() {
        return List.of(
                "CREATE TABLE raw_entries (key BLOB NOT NULL PRIMARY KEY, value TEXT NOT NULL) WITHOUT ROWID",
                "CREATE TABLE raw_counters (id INTEGER NOT NULL PRIMARY KEY, n INTEGER NOT NULL)");
    }

    @Override
    public String createQueueTable() {
        return "CREATE TABLE raw_queue (id INTEGER PRIMARY KEY, value TEXT NOT NULL, priority INTEGER NOT NULL,"
                + " ready_at INTEGER NOT NULL, status TEXT NOT NULL, locked_until INTEGER)";
    }

    @Override
    public List<String> createSearchTable() {
        return List.of("CREATE VIRTUAL TABLE raw_search USING fts5(title, body, tokenize = 'unicode61 remove_diacritics 2')");
    }

    @Override
    public String insertSearchDocument() {
        return "INSERT INTO raw_search (rowid, title, body) VALUES (?, ?, ?)";
    }

    @Override
    public String searchQuery() {
        return "SELECT rowid, title, body FROM raw_search WHERE raw_search MATCH ? ORDER BY bm25(raw_search) LIMIT ?";
    }

    @Override
    public String searchSyntax(List<String> words) {
        return String.join(" AND ", words);
    }

    @Override
    public IndexedWrite indexedWrite(Connection connection) throws SQLException {
        try (Statement s = connection.createStatement()) {
            s.execute("CREATE VIRTUAL TABLE raw_w1_fts USING fts5(name, email, tags, content = '', contentless_delete = 1)");
            s.execute("CREATE TABLE raw_w1_rows (docid INTEGER PRIMARY KEY, key BLOB NOT NULL UNIQUE)");
        }
        PreparedStatement row = connection.prepareStatement("INSERT INTO raw_w1_rows (key) VALUES (?)"
                + " ON CONFLICT (key) DO UPDATE SET key = excluded.key RETURNING docid");
        PreparedStatement doc = connection.prepareStatement(
                "INSERT OR REPLACE INTO raw_w1_fts (rowid, name, email, tags) VALUES (?, ?, ?, ?)");
        return (key, fields) -> {
            row.setBytes(1, key);
            try (ResultSet rs = row.executeQuery()) {
                rs.next();
                doc.setLong(1, rs.getLong(1));
            }
            for (int i = 0; i < fields.length; i++) {
                doc.setString(i + 2, fields[i]);
            }
            doc.executeUpdate();
        };
    }

    @Override
    public String skipLocked() {
        return ""; // one writer at a time
    }

    @Override
    public String beginWrite() {
        // A deferred BEGIN would fail with SQLITE_BUSY on the upgrade to a write lock instead of waiting.
        return "BEGIN IMMEDIATE";
    }

    @Override
    public String durability(Connection connection) throws SQLException {
        String level = switch (pragma(connection, "synchronous")) {
            case "0" -> "OFF";
            case "1" -> "NORMAL";
            case "2" -> "FULL";
            case "3" -> "EXTRA";
            default -> "unknown";
        };
        return pragma(connection, "journal_mode").toUpperCase(Locale.ROOT) + ", synchronous=" + level;
    }

    private static String pragma(Connection connection, String name) throws SQLException {
        try (Statement s = connection.createStatement(); ResultSet rs = s.executeQuery("PRAGMA " + name)) {
            rs.next();
            return rs.getString(1);
        }
    }
}
