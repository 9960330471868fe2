package io.keyval.kv.core;

import io.keyval.database.SqlSession;
import io.keyval.kv.Key;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

/** Point reads, shared by the read path and by commands inside the write transaction. */
final class EntryReader {

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
}
