package io.keyval.kv.core;

import io.keyval.database.SqlSession;
import io.keyval.kv.Key;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;

/**
 * The entries of many keys, in request order (duplicates answered at each position), read in pieces
 * of bounded size ({@link ReadPieces}). A piece reads the keys of the next positions with one query
 * in key order and ends once its values reach the size mark; the positions answered are those whose
 * key was reached, in request order, and the next piece starts at the first one not answered.
 */
public final class KeysRead implements PiecedRead {

    /** Positions one piece looks at. */
    private static final int WINDOW = 256;

    private final KvStore store;
    private final CoreDialect dialect;
    private final List<Key> keys;
    private final long now;
    private int position;

    KeysRead(KvStore store, CoreDialect dialect, List<Key> keys, long now) {
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
        List<Key> window = keys.subList(position, Math.min(keys.size(), position + WINDOW));
        Reached reached = store.readStreaming(s -> readWindow(s, window));
        List<StoredEntry> out = new ArrayList<>();
        for (Key key : window) {
            StoredRow row = reached.rows.get(key);
            if (row == null) {
                break; // beyond where the piece ended: the next piece starts here
            }
            out.add(row.liveAt(key, now));
        }
        if (out.isEmpty()) {
            // The piece filled up with keys that sort before this position's: read this one alone.
            out.add(store.readStreaming(s -> EntryReader.readRow(s, window.get(0))).liveAt(window.get(0), now));
        }
        position += out.size();
        return out;
    }

    /** The rows of every key the query reached; a key reached without a row maps to {@link StoredRow#NONE}. */
    private record Reached(Map<Key, StoredRow> rows) {
    }

    private Reached readWindow(SqlSession s, List<Key> window) throws SQLException {
        List<Key> sorted = new ArrayList<>(new LinkedHashSet<>(window));
        List<byte[]> encodings = new ArrayList<>(sorted.size());
        for (Key key : sorted) {
            encodings.add(key.toBytes());
        }
        Integer[] order = new Integer[sorted.size()];
        Arrays.setAll(order, i -> i);
        Arrays.sort(order, Comparator.comparing(i -> encodings.get(i), Arrays::compareUnsigned));
        PreparedStatement ps = s.prepare(dialect.selectRowsOfKeys());
        dialect.bindKeys(ps, encodings);
        ps.setFetchSize(ReadPieces.FETCH_ROWS);
        Map<Key, StoredRow> rows = new HashMap<>();
        byte[] lastRead = null;
        boolean cut = false;
        long size = 0;
        try (ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                if (size >= ReadPieces.PIECE_CHARS) {
                    cut = true;
                    break;
                }
                lastRead = rs.getBytes(1);
                StoredRow row = StoredRow.read(rs, 2);
                Key key = Key.fromBytes(lastRead);
                rows.put(key, row);
                size += ReadPieces.ENTRY_OVERHEAD + lastRead.length + (row.json() == null ? 0 : row.json().length());
            }
        }
        // Keys the query passed without a row have none; after a cut, keys beyond the last row are unknown.
        for (Integer i : order) {
            if (cut && Arrays.compareUnsigned(encodings.get(i), lastRead) > 0) {
                break;
            }
            rows.putIfAbsent(sorted.get(i), StoredRow.NONE);
        }
        return new Reached(rows);
    }
}
