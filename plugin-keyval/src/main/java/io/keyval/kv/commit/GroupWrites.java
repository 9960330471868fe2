package io.keyval.kv.commit;

import io.keyval.database.SqlSession;
import io.keyval.kv.Key;
import io.keyval.kv.store.EntryReader;
import io.keyval.kv.store.EntryStatements;
import io.keyval.kv.store.StoreDialect;
import io.keyval.kv.store.StoredEntry;
import io.keyval.kv.store.StoredRow;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The entry reads and upserts of one group transaction, shared by the contexts of its commits. On
 * PostgreSQL every statement is a network round trip, so batched, the keys the commits announce
 * ({@link WriteCommand#keysRead}) are read in one query before they run, and their upserts go to the
 * database as one batch before {@code COMMIT}. A key read, prefetched or written once in the
 * transaction is answered from what this object knows, so reads see the transaction's own writes;
 * any other statement runs on the session {@link #flushed} returns, after the pending upserts.
 *
 * <p>Unbatched, every read and upsert runs at once. A failure of a batched read or flush belongs to
 * no single commit, so the pipeline then runs the group again unbatched to find the commit at fault.
 */
final class GroupWrites {

    private final SqlSession session;
    private final EntryStatements sql;
    private final StoreDialect dialect;
    private final boolean batched;
    private final Map<Key, StoredRow> known = new HashMap<>();
    private PreparedStatement pendingUpserts;
    private boolean batchFailed;

    /**
     * @param session the transaction's session
     * @param sql the entry statements
     * @param dialect the engine's dialect
     * @param batched whether to read announced keys up front and batch the upserts
     */
    GroupWrites(SqlSession session, EntryStatements sql, StoreDialect dialect, boolean batched) {
        this.session = session;
        this.sql = sql;
        this.dialect = dialect;
        this.batched = batched;
    }

    /**
     * Reads the rows of the keys the commands announce, if batched and there are at least two (one
     * is read when it is needed).
     *
     * @param commands the group's commands
     * @throws SQLException on a database failure
     */
    void prefetch(Collection<? extends WriteCommand<?>> commands) throws SQLException {
        if (!batched) {
            return;
        }
        List<Key> keys = new ArrayList<>();
        for (WriteCommand<?> command : commands) {
            keys.addAll(command.keysRead());
        }
        if (keys.size() < 2) {
            return;
        }
        batchFailed = true;
        known.putAll(EntryReader.readRows(session, dialect, keys));
        batchFailed = false;
    }

    /**
     * @param key a key
     * @param now the reading commit's time
     * @return its live entry in this transaction
     * @throws SQLException on a database failure
     */
    StoredEntry readLive(Key key, long now) throws SQLException {
        StoredRow row = known.get(key);
        if (row == null) {
            row = EntryReader.readRow(session, key);
            known.put(key, row);
        }
        return row.liveAt(key, now);
    }

    /**
     * Writes a row: at once, or into the pending batch.
     *
     * @throws SQLException on a database failure
     */
    void upsert(Key key, String json, long seq, Long expiresAt) throws SQLException {
        PreparedStatement ps = session.prepare(sql.upsert);
        ps.setBytes(1, key.toBytes());
        ps.setString(2, json);
        ps.setLong(3, seq);
        if (expiresAt == null) {
            ps.setNull(4, java.sql.Types.BIGINT);
        } else {
            ps.setLong(4, expiresAt);
        }
        if (batched) {
            ps.addBatch();
            pendingUpserts = ps;
        } else {
            ps.executeUpdate();
        }
        known.put(key, new StoredRow(json, seq, expiresAt));
    }

    /**
     * Sends the pending upserts; called before {@code COMMIT}.
     *
     * @throws SQLException on a database failure
     */
    void flush() throws SQLException {
        if (pendingUpserts != null) {
            batchFailed = true;
            pendingUpserts.executeBatch();
            pendingUpserts = null;
            batchFailed = false;
        }
    }

    /** @return the transaction's session, with upserts possibly still pending in the batch */
    SqlSession session() {
        return session;
    }

    /**
     * @return the transaction's session for a statement other than a point read or an upsert, once
     *     the pending upserts are sent (so that the statement sees them)
     * @throws SQLException on a database failure
     */
    SqlSession flushed() throws SQLException {
        flush();
        return session;
    }

    /**
     * @return whether the batched read or a flush failed: a failure that belongs to no single commit
     */
    boolean batchFailed() {
        return batchFailed;
    }

    /**
     * Drops upserts that were not sent (the transaction failed), since the statement is cached and
     * reused by later transactions. Called when the transaction's work ends, also after a failure.
     */
    void discard() {
        if (pendingUpserts != null) {
            try {
                pendingUpserts.clearBatch();
            } catch (SQLException e) {
                throw new IllegalStateException("Cannot clear a failed group's upsert batch", e);
            } finally {
                pendingUpserts = null;
            }
        }
    }

    /** @param key a key just deleted by a statement of its own */
    void deleted(Key key) {
        known.put(key, StoredRow.NONE);
    }

    /** Forgets every row: a statement changed rows this object cannot follow (a range delete). */
    void forgetAll() {
        known.clear();
    }
}
