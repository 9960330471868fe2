package io.keyval.kv.commit;

import io.keyval.database.SqlSession;
import io.keyval.kv.Key;
import io.keyval.kv.keys.KeyRange;
import io.keyval.kv.store.EntryStatements;
import io.keyval.kv.store.StoredEntry;
import io.keyval.kv.where.SqlFragment;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/** {@link WriteContext} of one command inside the pipeline's group transaction. */
final class TransactionWriteContext implements WriteContext {

    private final GroupWrites writes;
    private final long now;
    private final long seq;
    private final List<Change> changes = new ArrayList<>();
    private final List<KeyRange> clearedRanges = new ArrayList<>();
    private String uuid;

    TransactionWriteContext(GroupWrites writes, long now, long seq) {
        this.writes = writes;
        this.now = now;
        this.seq = seq;
    }

    /** @return what this commit changed so far */
    CommitChanges changes() {
        return new CommitChanges(seq, changes, clearedRanges);
    }

    @Override
    public long now() {
        return now;
    }

    @Override
    public long seq() {
        return seq;
    }

    @Override
    public String uuidv7() {
        if (uuid == null) {
            uuid = Uuid7.next(now);
        }
        return uuid;
    }

    @Override
    public SqlSession session() throws SQLException {
        return writes.flushed();
    }

    @Override
    public StoredEntry readLive(Key key) throws SQLException {
        return writes.readLive(key, now);
    }

    @Override
    public void put(Key key, String json, Long expiresAt) throws SQLException {
        writes.upsert(key, json, seq, expiresAt);
        changes.add(new Change(Change.Type.SET, key, json, expiresAt, seq));
    }

    @Override
    public boolean deleteExact(Key key) throws SQLException {
        PreparedStatement ps = writes.flushed().prepare(EntryStatements.DELETE_EXACT);
        ps.setBytes(1, key.toBytes());
        boolean live = false;
        try (ResultSet rs = ps.executeQuery()) {
            if (rs.next()) {
                live = isLive(rs, 1);
                changes.add(new Change(live ? Change.Type.DELETE : Change.Type.EXPIRE, key, null, null, seq));
            }
        }
        writes.deleted(key);
        return live;
    }

    @Override
    public long deleteRange(KeyRange range, SqlFragment filter) throws SQLException {
        if (range.isEmpty()) {
            return 0;
        }
        PreparedStatement ps = writes.flushed().prepare(EntryStatements.deleteRange(range, filter));
        writes.forgetAll();
        if (filter == null) {
            clearedRanges.add(range);
        }
        int i = EntryStatements.bindRange(ps, 1, range);
        if (filter != null) {
            ps.setLong(i++, now);
            EntryStatements.bindFilter(ps, i, filter);
        }
        long count = 0;
        try (ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                boolean live = isLive(rs, 2);
                count += live ? 1 : 0;
                changes.add(new Change(live ? Change.Type.DELETE : Change.Type.EXPIRE, Key.fromBytes(rs.getBytes(1)),
                        null, null, seq));
            }
        }
        return count;
    }

    @Override
    public int purgeExpired(int max) throws SQLException {
        PreparedStatement ps = writes.flushed().prepare(EntryStatements.PURGE);
        writes.forgetAll();
        ps.setLong(1, now);
        ps.setInt(2, max);
        int n = 0;
        try (ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                n++;
                changes.add(new Change(Change.Type.EXPIRE, Key.fromBytes(rs.getBytes(1)), null, null, seq));
            }
        }
        return n;
    }

    private boolean isLive(ResultSet rs, int expiresColumn) throws SQLException {
        long expiresAt = rs.getLong(expiresColumn);
        return rs.wasNull() || expiresAt > now;
    }
}
