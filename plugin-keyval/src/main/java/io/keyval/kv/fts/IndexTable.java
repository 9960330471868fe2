package io.keyval.kv.fts;

import io.keyval.database.SqlSession;
import io.keyval.kv.FtsTokenizer;
import io.keyval.kv.Key;
import io.keyval.kv.store.JsonValues;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** The index definitions ({@code kv_fts_indexes}): standard SQL that both engines run as it is. */
final class IndexTable {

    private static final String SELECT = "SELECT id, prefix, fields, tokenize, backfill_after FROM kv_fts_indexes";

    private IndexTable() {
    }

    /** @return every index, in prefix order */
    static List<IndexDefinition> all(SqlSession session) throws SQLException {
        List<IndexDefinition> all = new ArrayList<>();
        try (ResultSet rs = session.prepare(SELECT + " ORDER BY prefix").executeQuery()) {
            while (rs.next()) {
                all.add(read(rs));
            }
        }
        return all;
    }

    /** @return the index on exactly this prefix */
    static Optional<IndexDefinition> find(SqlSession session, Key prefix) throws SQLException {
        PreparedStatement ps = session.prepare(SELECT + " WHERE prefix = ?");
        ps.setBytes(1, prefix.toBytes());
        try (ResultSet rs = ps.executeQuery()) {
            return rs.next() ? Optional.of(read(rs)) : Optional.empty();
        }
    }

    /** @return the indexes whose back-fill has not finished */
    static List<Long> unfinished(SqlSession session) throws SQLException {
        List<Long> ids = new ArrayList<>();
        try (ResultSet rs = session.prepare("SELECT id FROM kv_fts_indexes WHERE backfill_after IS NOT NULL")
                .executeQuery()) {
            while (rs.next()) {
                ids.add(rs.getLong(1));
            }
        }
        return ids;
    }

    /**
     * Adds a definition whose back-fill starts at its prefix.
     *
     * @return the stored index
     */
    static IndexDefinition insert(SqlSession session, Key prefix, IndexedFields fields, FtsTokenizer tokenizer)
            throws SQLException {
        PreparedStatement ps = session.prepare("INSERT INTO kv_fts_indexes (prefix, fields, tokenize, backfill_after)"
                + " VALUES (?, ?, ?, ?) RETURNING id");
        ps.setBytes(1, prefix.toBytes());
        ps.setString(2, JsonValues.write(fields.paths()));
        ps.setString(3, tokenizer.id());
        ps.setBytes(4, prefix.toBytes());
        try (ResultSet rs = ps.executeQuery()) {
            rs.next();
            return new IndexDefinition(rs.getLong(1), prefix, fields, tokenizer);
        }
    }

    /** Removes a definition. */
    static void delete(SqlSession session, long id) throws SQLException {
        PreparedStatement ps = session.prepare("DELETE FROM kv_fts_indexes WHERE id = ?");
        ps.setLong(1, id);
        ps.executeUpdate();
    }

    /**
     * @return the index and where its back-fill got to; empty when the index is gone or built
     */
    static Optional<Backfill> backfill(SqlSession session, long id) throws SQLException {
        PreparedStatement ps = session.prepare(SELECT + " WHERE id = ?");
        ps.setLong(1, id);
        try (ResultSet rs = ps.executeQuery()) {
            if (!rs.next() || rs.getBytes(5) == null) {
                return Optional.empty();
            }
            return Optional.of(new Backfill(read(rs), rs.getBytes(5)));
        }
    }

    /** Records the back-fill's progress: the last key indexed, or {@code null} when it is done. */
    static void progress(SqlSession session, long id, byte[] lastKey) throws SQLException {
        PreparedStatement ps = session.prepare("UPDATE kv_fts_indexes SET backfill_after = ? WHERE id = ?");
        ps.setBytes(1, lastKey);
        ps.setLong(2, id);
        ps.executeUpdate();
    }

    /**
     * @param index the index
     * @param after the last key back-filled
     */
    record Backfill(IndexDefinition index, byte[] after) {
    }

    private static IndexDefinition read(ResultSet rs) throws SQLException {
        List<String> paths = ((List<?>) JsonValues.convert(rs.getString(3), List.class)).stream()
                .map(String::valueOf).toList();
        return new IndexDefinition(rs.getLong(1), Key.fromBytes(rs.getBytes(2)), new IndexedFields(paths),
                FtsTokenizer.of(rs.getString(4)));
    }
}
