package io.keyval.kv.store;

import io.keyval.database.SqlSession;
import io.keyval.kv.Key;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;

/** Point reads, shared by the read path and by commands inside the write transaction. */
public final class EntryReader {

    private EntryReader() {
    }

    static StoredEntry readLive(SqlSession session, Key key, long now) throws SQLException {
        PreparedStatement ps = session.prepare(EntryStatements.SELECT_LIVE);
        ps.setBytes(1, key.toBytes());
        ps.setLong(2, now);
        try (ResultSet rs = ps.executeQuery()) {
            return rs.next() ? new StoredEntry(key, rs.getString(1), rs.getLong(2)) : StoredEntry.absent(key);
        }
    }

    /** Like {@link #readLive(SqlSession, Key, long)}, with the value as the database's UTF-8 bytes. */
    static EntryBytes readLiveBytes(SqlSession session, Key key, long now) throws SQLException {
        PreparedStatement ps = session.prepare(EntryStatements.SELECT_LIVE);
        ps.setBytes(1, key.toBytes());
        ps.setLong(2, now);
        try (ResultSet rs = ps.executeQuery()) {
            return rs.next() ? new EntryBytes(key, rs.getBytes(1), rs.getLong(2)) : new EntryBytes(key, null, 0);
        }
    }

    /**
     * @return the live entries of the keys, in order: several keys in one query
     */
    static List<StoredEntry> readLive(SqlSession session, StoreDialect dialect, List<Key> keys, long now)
            throws SQLException {
        List<StoredEntry> out = new ArrayList<>(keys.size());
        if (keys.size() == 1) {
            out.add(readLive(session, keys.get(0), now));
            return out;
        }
        Map<Key, StoredRow> rows = readRows(session, dialect, keys);
        for (Key key : keys) {
            out.add(rows.get(key).liveAt(key, now));
        }
        return out;
    }

    /** @return the row of the key, expired or not; {@link StoredRow#NONE} when there is none */
    public static StoredRow readRow(SqlSession session, Key key) throws SQLException {
        PreparedStatement ps = session.prepare(EntryStatements.SELECT_ROW);
        ps.setBytes(1, key.toBytes());
        try (ResultSet rs = ps.executeQuery()) {
            return rs.next() ? StoredRow.read(rs, 1) : StoredRow.NONE;
        }
    }

    /**
     * @return the rows of the keys, expired or not, read in one query; {@link StoredRow#NONE} for a key
     *     without one
     */
    public static Map<Key, StoredRow> readRows(SqlSession session, StoreDialect dialect, Collection<Key> keys)
            throws SQLException {
        Map<Key, StoredRow> rows = new HashMap<>();
        List<byte[]> encodings = new ArrayList<>();
        for (Key key : new LinkedHashSet<>(keys)) {
            rows.put(key, StoredRow.NONE);
            encodings.add(key.toBytes());
        }
        PreparedStatement ps = session.prepare(dialect.selectRowsOfKeys());
        dialect.bindKeys(ps, encodings);
        try (ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                rows.put(Key.fromBytes(rs.getBytes(1)), StoredRow.read(rs, 2));
            }
        }
        return rows;
    }
}
