package io.keyval.kv.store;

import io.keyval.kv.keys.KeyRange;
import io.keyval.kv.where.SqlFragment;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.List;

/**
 * The SQL of the entries table. Standard SQL shared by both engines; the one difference (how a
 * JSON parameter is written) comes from the {@link StoreDialect}.
 */
public final class EntryStatements {

    static final String LIVE = "(expires_at IS NULL OR expires_at > ?)";
    static final String SELECT_LIVE = "SELECT value, versionstamp FROM kv_entries WHERE key = ? AND " + LIVE;
    /** The row, expired or not (its liveness is decided when it is read: see {@link StoredRow}). */
    static final String SELECT_ROW = "SELECT value, versionstamp, expires_at FROM kv_entries WHERE key = ?";
    public static final String DELETE_EXACT = "DELETE FROM kv_entries WHERE key = ? RETURNING expires_at";
    public static final String PURGE = "DELETE FROM kv_entries WHERE key IN"
            + " (SELECT key FROM kv_entries WHERE expires_at <= ? LIMIT ?) RETURNING key";

    public final String upsert;

    public EntryStatements(StoreDialect dialect) {
        this.upsert = "INSERT INTO kv_entries (key, value, versionstamp, expires_at) VALUES (?, "
                + dialect.jsonParameter() + ", ?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value,"
                + " versionstamp = excluded.versionstamp, expires_at = excluded.expires_at";
    }

    /**
     * @param range a key range
     * @return {@code key > ?} or {@code key >= ?}, then {@code key < ?}: two parameters ({@link #bindRange})
     */
    public static String rangeCondition(KeyRange range) {
        return (range.lowerInclusive() ? "key >= ?" : "key > ?") + " AND key < ?";
    }

    static String list(KeyRange range, boolean reverse, SqlFragment filter) {
        return "SELECT key, value, versionstamp FROM kv_entries WHERE " + rangeCondition(range) + " AND " + LIVE
                + (filter == null ? "" : " AND (" + filter.sql() + ")")
                + " ORDER BY key " + (reverse ? "DESC" : "ASC") + " LIMIT ?";
    }

    static String count(KeyRange range) {
        return "SELECT COUNT(*) FROM kv_entries WHERE " + rangeCondition(range) + " AND " + LIVE;
    }

    public static String deleteRange(KeyRange range, SqlFragment filter) {
        return "DELETE FROM kv_entries WHERE " + rangeCondition(range)
                + (filter == null ? "" : " AND " + LIVE + " AND (" + filter.sql() + ")")
                + " RETURNING key, expires_at";
    }

    /**
     * Binds the range bounds at {@code index} and {@code index + 1}.
     *
     * @return the next free parameter index
     */
    public static int bindRange(PreparedStatement ps, int index, KeyRange range) throws SQLException {
        ps.setBytes(index, range.lower());
        ps.setBytes(index + 1, range.upper());
        return index + 2;
    }

    /**
     * Binds a filter's parameters from {@code index}.
     *
     * @return the next free parameter index
     */
    public static int bindFilter(PreparedStatement ps, int index, SqlFragment filter) throws SQLException {
        if (filter != null) {
            List<Object> params = filter.params();
            for (Object p : params) {
                ps.setObject(index++, p);
            }
        }
        return index;
    }
}
