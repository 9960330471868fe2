package io.keyval.kv.store;

import io.keyval.kv.Key;
import java.sql.ResultSet;
import java.sql.SQLException;

/**
 * A row of the entries table as read, expired or not: whether it is live depends on when it is read.
 *
 * @param json the value's JSON text, or {@code null} when there is no row
 * @param seq the versionstamp's sequence number, or 0 when there is no row
 * @param expiresAt absolute expiry (epoch ms), or {@code null}
 */
public record StoredRow(String json, long seq, Long expiresAt) {

    /** No row. */
    public static final StoredRow NONE = new StoredRow(null, 0, null);

    /**
     * @param rs a result set on a row
     * @param first the column of {@code value}, followed by {@code versionstamp, expires_at}
     * @return the row
     * @throws SQLException on a database failure
     */
    static StoredRow read(ResultSet rs, int first) throws SQLException {
        String json = rs.getString(first);
        long seq = rs.getLong(first + 1);
        long expiresAt = rs.getLong(first + 2);
        return new StoredRow(json, seq, rs.wasNull() ? null : expiresAt);
    }

    /**
     * @param key the row's key
     * @param now the time of the read (epoch ms)
     * @return the live entry, or the absent one when there is no row or it has expired
     */
    public StoredEntry liveAt(Key key, long now) {
        return json != null && (expiresAt == null || expiresAt > now) ? new StoredEntry(key, json, seq)
                : StoredEntry.absent(key);
    }
}
