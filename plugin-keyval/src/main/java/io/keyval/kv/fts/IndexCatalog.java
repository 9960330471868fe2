package io.keyval.kv.fts;

import com.fasterxml.jackson.databind.JsonNode;
import io.keyval.database.SqlSession;
import io.keyval.kv.Key;
import io.keyval.kv.commit.Change;
import io.keyval.kv.commit.CommitChanges;
import io.keyval.kv.commit.CommitParticipant;
import io.keyval.kv.keys.KeyRange;
import io.keyval.kv.store.JsonValues;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Keeps every index in step with the entries, inside each write transaction: a set (re-)indexes the
 * entry in every index above it, a removal (delete, range delete, expiry) takes it out. It knows the
 * indexes from the catalog version each transaction reads with its versionstamps
 * ({@link CommitParticipant#beginGroup}): when another host, or this one, changed them, it reloads
 * them in that transaction, before the first write.
 *
 * <p>Used by the commit writer only, one transaction at a time.
 */
final class IndexCatalog implements CommitParticipant {

    private final FtsDialect dialect;
    private long version;
    private boolean loaded;
    private List<IndexDefinition> indexes = List.of();

    IndexCatalog(FtsDialect dialect) {
        this.dialect = dialect;
    }

    @Override
    public void beginGroup(SqlSession session, long catalogVersion) throws SQLException {
        if (!loaded || catalogVersion != version) {
            reload(session, catalogVersion);
        }
    }

    /**
     * Reads the definitions again, in the transaction that changed them or saw them changed.
     *
     * @param session the write transaction
     * @param catalogVersion the catalog version they belong to
     * @throws SQLException on a database failure
     */
    void reload(SqlSession session, long catalogVersion) throws SQLException {
        indexes = IndexTable.all(session);
        version = catalogVersion;
        loaded = true;
    }

    @Override
    public void beforeCommit(SqlSession session, CommitChanges commit) throws SQLException {
        if (indexes.isEmpty()) {
            return;
        }
        for (KeyRange range : commit.clearedRanges()) {
            for (IndexDefinition index : indexes) {
                KeyRange clipped = index.clip(range);
                if (!clipped.isEmpty()) {
                    dialect.removeRange(session, index, clipped);
                }
            }
        }
        List<Change> changes = commit.changes();
        Map<Key, Integer> last = changes.size() == 1 ? null : lastChangeOfEachKey(changes);
        Map<IndexDefinition, List<Key>> removed = new HashMap<>();
        for (int i = 0; i < changes.size(); i++) {
            Change change = changes.get(i);
            if (last == null || last.get(change.key()) == i) {
                apply(session, change, commit.clearedRanges(), removed);
            }
        }
        for (Map.Entry<IndexDefinition, List<Key>> e : removed.entrySet()) {
            dialect.remove(session, e.getKey(), e.getValue());
        }
    }

    private static Map<Key, Integer> lastChangeOfEachKey(List<Change> changes) {
        Map<Key, Integer> last = new HashMap<>();
        for (int i = 0; i < changes.size(); i++) {
            last.put(changes.get(i).key(), i);
        }
        return last;
    }

    /**
     * Applies the final change of a key to every index above it: a set at once, a removal collected
     * in {@code removed} (one statement per index for the whole commit).
     */
    private void apply(SqlSession session, Change change, List<KeyRange> cleared,
            Map<IndexDefinition, List<Key>> removed) throws SQLException {
        JsonNode value = null;
        for (IndexDefinition index : indexes) {
            if (!index.covers(change.key())) {
                continue;
            }
            if (change.type() == Change.Type.SET) {
                if (value == null) {
                    value = JsonValues.tree(change.json());
                }
                dialect.put(session, index, change.key(), index.fields().texts(value), change.expiresAt());
            } else if (!inAny(cleared, change.key())) {
                removed.computeIfAbsent(index, i -> new ArrayList<>()).add(change.key());
            }
        }
    }

    private static boolean inAny(List<KeyRange> ranges, Key key) {
        if (ranges.isEmpty()) {
            return false;
        }
        byte[] k = key.toBytes();
        return ranges.stream().anyMatch(r -> r.contains(k));
    }
}
