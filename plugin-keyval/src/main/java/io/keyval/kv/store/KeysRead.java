package io.keyval.kv.store;

import io.keyval.database.SqlSession;
import io.keyval.kv.Key;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;

/**
 * The entries of many keys, in request order (duplicates answered at each position), read in pieces
 * of bounded size ({@link PieceBudget}). A piece reads the distinct keys of the remaining positions
 * with one query that returns their rows in request order, and ends once its values reach the size
 * mark: the keys up to the last row read are then settled (those without a row are absent), and so
 * are the positions up to the first key not settled. The next piece starts there; nothing read is
 * thrown away or read twice. Keys of small values are all read in one piece.
 */
public final class KeysRead implements PiecedRead {

    private final KvStore store;
    private final StoreDialect dialect;
    private final List<Key> keys;
    private final long now;
    private int position;

    KeysRead(KvStore store, StoreDialect dialect, List<Key> keys, long now) {
        this.store = store;
        this.dialect = dialect;
        this.keys = keys;
        this.now = now;
    }

    @Override
    public boolean hasNext() {
        return position < keys.size();
    }

    @Override
    public List<StoredEntry> next() {
        if (!hasNext()) {
            return List.of();
        }
        List<Key> rest = keys.subList(position, keys.size());
        List<Key> distinct = new ArrayList<>(new LinkedHashSet<>(rest));
        Map<Key, StoredRow> settled = store.readStreaming(s -> readInOrder(s, distinct));
        List<StoredEntry> out = new ArrayList<>();
        for (Key key : rest) {
            StoredRow row = settled.get(key);
            if (row == null) {
                break; // beyond where the piece ended: the next piece starts here
            }
            out.add(row.liveAt(key, now));
        }
        position += out.size();
        return out;
    }

    /**
     * @return the rows of the keys the read settled (a key without a row: {@link StoredRow#NONE});
     *     always at least the first key
     */
    private Map<Key, StoredRow> readInOrder(SqlSession s, List<Key> distinct) throws SQLException {
        List<byte[]> encodings = new ArrayList<>(distinct.size());
        for (Key key : distinct) {
            encodings.add(key.toBytes());
        }
        PreparedStatement ps = s.prepare(dialect.selectRowsOfKeysInOrder());
        dialect.bindKeys(ps, encodings);
        PieceBudget budget = PieceBudget.start(ps, PieceBudget.PIECE_CHARS);
        Map<Key, StoredRow> settled = new HashMap<>();
        int settledUpTo = distinct.size(); // exclusive; lowered when the piece ends early
        try (ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                int at = rs.getInt(5);
                if (budget.full()) {
                    settledUpTo = at; // this row and the keys after it are left for the next piece
                    break;
                }
                StoredRow row = StoredRow.read(rs, 2);
                settled.put(distinct.get(at), row);
                budget.count(rs, encodings.get(at).length, row.json());
            }
        }
        for (int i = 0; i < settledUpTo; i++) {
            settled.putIfAbsent(distinct.get(i), StoredRow.NONE);
        }
        return settled;
    }
}
